"""Every change to mirror conversations and their ideas, with its audit event."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core import audit, notify
from nik.core.models import AuditAction, Region, User
from nik.roadmap import actions as roadmap_actions
from nik.roadmap.models import Proposal

from .events import CaseworkEvent
from .models import Idea, MirrorConversation, MirrorInterest, Outcome


@transaction.atomic
def do_save_conversation(
    conversation: MirrorConversation, *, acting_user: User
) -> MirrorConversation:
    new = conversation.pk is None
    if new:
        conversation.created_by = acting_user
    conversation.full_clean(exclude=["themes"])
    conversation.save()
    audit.record_write(
        AuditAction.CREATE if new else AuditAction.UPDATE,
        conversation,
        conversation.region,
        acting_user,
        CaseworkEvent.MIRROR_SAVED,
    )
    return conversation


@transaction.atomic
def do_add_idea(conversation: MirrorConversation, *, text: str, acting_user: User) -> Idea:
    idea = Idea.objects.create(conversation=conversation, text=text.strip())
    audit.record_write(
        AuditAction.CREATE, idea, conversation.region, acting_user, CaseworkEvent.IDEA_ADDED
    )
    return idea


def _open(idea: Idea) -> Idea:
    locked = Idea.objects.select_for_update().select_related("conversation__region").get(pk=idea.pk)
    if locked.outcome:
        raise ValidationError(_("This idea has its outcome already."))
    return locked


@transaction.atomic
def do_idea_to_action(idea: Idea, *, owner: User, due: date, acting_user: User) -> Idea:
    locked = _open(idea)
    locked.outcome, locked.owner, locked.due = Outcome.ACTION, owner, due
    locked.save(update_fields=["outcome", "owner", "due"])
    region = locked.conversation.region
    audit.record_write(
        AuditAction.UPDATE,
        locked,
        region,
        acting_user,
        CaseworkEvent.IDEA_OUTCOME,
        outcome="action",
    )
    notify.send_once(
        f"mirror.action:{locked.pk}",
        to=[owner.email],
        subject=_("An action for you from a mirror conversation"),
        body=_("From the mirror conversation of %(day)s: %(idea)s. Please do this by %(due)s.")
        % {
            "day": date_format(locked.conversation.held_on, "j F Y"),
            "idea": locked.text,
            "due": date_format(due, "j F Y"),
        },
    )
    return locked


@transaction.atomic
def do_idea_to_proposal(idea: Idea, *, acting_user: User) -> Proposal:
    """One click: the idea becomes a step-10 proposal to the steering group, linked both ways."""
    locked = _open(idea)
    conversation = locked.conversation
    proposal = roadmap_actions.do_save_proposal(
        Proposal(
            region=conversation.region,
            title=locked.text[:200],
            lesson=_("Heard from parents in the mirror conversation of %(day)s.")
            % {"day": date_format(conversation.held_on, "j F Y")},
            proposal=locked.text,
        ),
        acting_user=acting_user,
    )
    locked.outcome, locked.proposal = Outcome.PROPOSAL, proposal
    locked.save(update_fields=["outcome", "proposal"])
    audit.record_write(
        AuditAction.UPDATE,
        locked,
        conversation.region,
        acting_user,
        CaseworkEvent.IDEA_OUTCOME,
        outcome="proposal",
        proposal=proposal.pk,
    )
    return proposal


@transaction.atomic
def do_idea_to_signal(idea: Idea, *, acting_user: User) -> Idea:
    """For the national level: the signals issue picks these up."""
    locked = _open(idea)
    locked.outcome = Outcome.SIGNAL
    locked.save(update_fields=["outcome"])
    audit.record_write(
        AuditAction.UPDATE,
        locked,
        locked.conversation.region,
        acting_user,
        CaseworkEvent.IDEA_OUTCOME,
        outcome="signal",
    )
    return locked


@transaction.atomic
def do_mark_idea_done(idea: Idea, *, acting_user: User) -> Idea:
    locked = Idea.objects.select_for_update().select_related("conversation__region").get(pk=idea.pk)
    if locked.outcome != Outcome.ACTION:
        raise ValidationError(_("Only an action can be done."))
    locked.done = True
    locked.save(update_fields=["done"])
    audit.record_write(
        AuditAction.UPDATE, locked, locked.conversation.region, acting_user, CaseworkEvent.IDEA_DONE
    )
    return locked


@transaction.atomic
def do_join_next(region: Region, *, parent: User) -> MirrorInterest:
    interest, _created = MirrorInterest.objects.get_or_create(region=region, user=parent)
    audit.record_write(AuditAction.CREATE, interest, region, parent, CaseworkEvent.INTEREST)
    return interest


@transaction.atomic
def do_invite_parents(conversation: MirrorConversation, *, acting_user: User) -> int:
    """E-mail each parent who asked to join; once per parent per conversation."""
    if not conversation.planned:
        raise ValidationError(_("Invite parents to a conversation that is still to come."))
    sent = 0
    for interest in MirrorInterest.objects.filter(region=conversation.region).select_related(
        "user"
    ):
        sent += notify.send_once(
            f"mirror.invite:{conversation.pk}:{interest.user_id}",
            to=[interest.user.email],
            subject=_("You are welcome at our mirror conversation"),
            body=_(
                "On %(day)s we talk with parents about what goes well and what could be better. "
                "%(who)s leads the conversation. You are very welcome. Reply to this e-mail to say you come."
            )
            % {"day": date_format(conversation.held_on, "j F Y"), "who": conversation.facilitator},
        )
    audit.record_write(
        AuditAction.UPDATE,
        conversation,
        conversation.region,
        acting_user,
        CaseworkEvent.INVITED,
        sent=sent,
    )
    return sent
