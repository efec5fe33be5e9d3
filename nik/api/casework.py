"""Mirror conversations over the API: what parents raised and what came of each idea. No parent
is named anywhere in them, so the network's roles read them like the pages."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from ninja import Router, Schema
from ninja.pagination import paginate

from nik.api.auth import ApiRequest
from nik.api.paging import Paged
from nik.casework.models import Idea, MirrorConversation
from nik.core import access

router = Router(tags=["casework"])


class IdeaOut(Schema):
    id: int
    text: str
    outcome: str
    owner: str | None
    due: date | None
    done: bool
    proposal: int | None

    @staticmethod
    def resolve_owner(idea: Idea) -> str | None:
        return idea.owner.get_full_name() if idea.owner else None

    @staticmethod
    def resolve_proposal(idea: Idea) -> int | None:
        return idea.proposal_id


class ConversationOut(Schema):
    id: int
    held_on: date
    facilitator: str
    parents: int
    themes: list[str]
    ideas: list[IdeaOut]

    @staticmethod
    def resolve_themes(conversation: MirrorConversation) -> list[str]:
        return [t.name for t in conversation.themes.all()]

    @staticmethod
    def resolve_ideas(conversation: MirrorConversation) -> list[Idea]:
        return list(conversation.ideas.all())


@router.get("/regions/{slug}/mirror-conversations", response=list[ConversationOut])
@paginate(Paged)
def conversations(request: ApiRequest, slug: str) -> QuerySet[MirrorConversation]:
    region = access.open_region(request.auth, slug, purpose="api mirror conversations")
    return (
        MirrorConversation.objects.filter(region=region)
        .prefetch_related("themes", "ideas__owner")
        .order_by("-held_on", "-id")
    )
