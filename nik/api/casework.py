"""Mirror conversations and case discussions over the API.

Mirror conversations: what parents raised and what came of each idea. No parent is named anywhere
in them, so the network's roles read them like the pages. Case discussions: for those who work in
the region's network, anonymised; the family behind a case only for a caller the door lets
through (and then logged)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from nik.api.auth import ApiRequest
from nik.api.paging import Paged
from nik.casework.access import open_region_for_cases
from nik.casework.models import CaseDiscussion, Idea, Lesson, MirrorConversation
from nik.core import access
from nik.families import access as family_access
from nik.families.models import Family
from nik.roadmap.models import ActionItem

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


# Case discussions ---------------------------------------------------------------------------


class FamilyRef(Schema):
    id: int
    name: str


class LessonOut(Schema):
    text: str
    proposal: int | None
    proposal_status: str | None

    @staticmethod
    def resolve_proposal(lesson: Lesson) -> int | None:
        return lesson.proposal_id

    @staticmethod
    def resolve_proposal_status(lesson: Lesson) -> str | None:
        return lesson.proposal.status if lesson.proposal else None


class FollowUpOut(Schema):
    what: str
    owner: str
    due: date
    done: bool

    @staticmethod
    def resolve_owner(item: ActionItem) -> str:
        return item.owner.get_full_name()


class CaseOut(Schema):
    """The anonymised case; `family` only for a caller the families' door lets through."""

    id: int
    meeting: int
    meeting_title: str
    held_on: date
    presenter: str
    age_band: str
    condition_category: str
    question: str
    picture: str
    main_issues: str
    side_issues: str
    feedback: str
    advice: str
    learned: str
    network_role: str
    attendance: dict[str, int]
    follow_ups: list[FollowUpOut]
    lessons: list[LessonOut]
    family: FamilyRef | None

    @staticmethod
    def resolve_meeting(case: CaseDiscussion) -> int:
        return case.meeting_id

    @staticmethod
    def resolve_meeting_title(case: CaseDiscussion) -> str:
        return case.meeting.title

    @staticmethod
    def resolve_held_on(case: CaseDiscussion) -> date:
        return timezone.localtime(case.meeting.starts_at).date()

    @staticmethod
    def resolve_presenter(case: CaseDiscussion) -> str:
        return case.presenter.get_full_name()

    @staticmethod
    def resolve_follow_ups(case: CaseDiscussion) -> list[ActionItem]:
        return list(case.follow_ups.all())

    @staticmethod
    def resolve_lessons(case: CaseDiscussion) -> list[Lesson]:
        return list(case.lessons.all())

    @staticmethod
    def resolve_family(case: CaseDiscussion) -> Family | None:
        return getattr(case, "shown_family", None)


class CasesPaged(Paged):
    """A page of cases: the families behind them are looked up for the caller in one query
    through the door, and those shown are logged as one view."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        user = request.auth  # type: ignore[attr-defined]
        items = self.rows(queryset, pagination)
        linked = {case.family_id for case in items if case.family_id}
        visible = (
            {f.pk: f for f in family_access.visible_families(user).filter(pk__in=linked)}
            if linked
            else {}
        )
        for case in items:
            case.shown_family = visible.get(case.family_id)
        family_access.shown(user, list(visible.values()), "api case discussions")
        return {"items": items, "count": queryset.count()}


@router.get("/regions/{slug}/case-discussions", response=list[CaseOut])
@paginate(CasesPaged)
def case_discussions(request: ApiRequest, slug: str) -> QuerySet[CaseDiscussion]:
    """The region's case discussions, newest first, for those who work in its network."""
    region = open_region_for_cases(request.auth, slug, purpose="api case discussions")
    return (
        CaseDiscussion.objects.filter(region=region)
        .select_related("meeting", "presenter")
        .prefetch_related("follow_ups__owner", "lessons__proposal")
        .order_by("-meeting__starts_at", "-id")
    )
