"""Every change to mirror conversations, the forms of learning together and case discussions,
with its audit event."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from nik.core import audit, notify
from nik.core.calendar import Method, meeting_ics, mime_type
from nik.core.concurrency import claim
from nik.core.models import AuditAction, Professional, Region, User
from nik.families import anonymity
from nik.families.anonymity import NotAnonymous
from nik.families.models import Child, Consent, Family
from nik.roadmap import actions as roadmap_actions
from nik.roadmap.models import ActionItem, Event, EventKind, Proposal

from .events import CaseworkEvent
from .models import (
    AgeBand,
    Answer,
    CaseDiscussion,
    Frequency,
    Idea,
    LearningForm,
    Lesson,
    MirrorConversation,
    MirrorInterest,
    MirrorInvitation,
    Outcome,
    Theme,
)


@transaction.atomic
def do_save_conversation(
    conversation: MirrorConversation, *, acting_user: User
) -> MirrorConversation:
    new = conversation.pk is None
    if new:
        conversation.created_by = acting_user
    anonymity.check(conversation.region, [conversation.quotes])
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
    anonymity.check(conversation.region, [text])
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


def link_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_ics(conversation: MirrorConversation, parent: User) -> bytes:
    """The conversation for the parent's own agenda, as the invitation e-mailed to them."""
    start, end = conversation.start(), conversation.end()
    assert start is not None and end is not None  # checked before inviting
    return meeting_ics(
        uid=f"mirror-{conversation.pk}@nik",
        sequence=0,
        starts_at=start,
        ends_at=end,
        summary=_("Mirror conversation of %(region)s") % {"region": conversation.region.name},
        organiser=conversation.region.name,
        method=Method.REQUEST,
        location=conversation.location,
        description=_("Parents talk, professionals listen. Led by %(who)s.")
        % {"who": conversation.facilitator},
        attendees=[(parent.get_full_name(), parent.email)],
    )


@transaction.atomic
def do_invite_parents(conversation: MirrorConversation, *, base_url: str, acting_user: User) -> int:
    """E-mail each parent who asked to join, once per parent per conversation: the time and the
    place, a link to say yes or no, and the conversation for their agenda (.ics)."""
    if not conversation.planned:
        raise ValidationError(_("Invite parents to a conversation that is still to come."))
    if conversation.starts_at is None or not conversation.location.strip():
        raise ValidationError(
            _("Give the conversation a starting time and a place before inviting parents.")
        )
    region = conversation.region
    start, end = conversation.start(), conversation.end()
    assert start is not None and end is not None
    invited = set(conversation.invitations.values_list("user_id", flat=True))
    sent = 0
    for interest in MirrorInterest.objects.filter(region=region).select_related("user"):
        parent = interest.user
        if parent.pk in invited or not parent.email:
            continue
        token = secrets.token_urlsafe(32)
        MirrorInvitation.objects.create(
            conversation=conversation, user=parent, token_hash=link_hash(token)
        )
        link = base_url.rstrip("/") + reverse("casework:answer", args=[token])
        sent += notify.send_once(
            f"mirror.invite:{conversation.pk}:{parent.pk}",
            to=[parent.email],
            subject=_("You are welcome at our mirror conversation"),
            body=_(
                "On %(day)s from %(start)s to %(end)s we talk with parents about what goes well "
                "and what could be better. %(who)s leads the conversation.\n\n"
                "Where: %(place)s\n\n"
                "You are very welcome. Will you let us know whether you come? "
                "Say yes or no here (no password needed):\n%(link)s\n\n"
                "The conversation is attached for your agenda. Questions? Call %(phone)s or "
                "e-mail %(email)s.\n\n%(region)s"
            )
            % {
                "day": date_format(conversation.held_on, "l j F Y"),
                "start": time_format(start.time(), "H:i"),
                "end": time_format(end.time(), "H:i"),
                "who": conversation.facilitator,
                "place": conversation.location,
                "link": link,
                "phone": region.phone or "—",
                "email": region.email or "—",
                "region": region.name,
            },
            attachments=[
                (
                    "spiegelgesprek.ics",
                    invitation_ics(conversation, parent).decode(),
                    mime_type(Method.REQUEST),
                )
            ],
        )
    audit.record_write(
        AuditAction.UPDATE,
        conversation,
        region,
        acting_user,
        CaseworkEvent.INVITED,
        sent=sent,
    )
    return sent


def open_invitation(token: str) -> MirrorInvitation:
    """The invitation of a link, or a ValidationError that says, in words, why not."""
    found = (
        MirrorInvitation.objects.filter(token_hash=link_hash(token))
        .select_related("conversation__region", "user")
        .first()
    )
    if found is None:
        raise ValidationError(
            _("We do not know this link. Check that you copied the whole link from the e-mail.")
        )
    return found


@transaction.atomic
def do_answer_invitation(
    token: str, *, answer: str, change: bool = False
) -> tuple[MirrorInvitation, bool]:
    """Record a parent's yes or no, once, under a row lock: two clicks at once give one answer.

    A second answer is only taken when the parent asks to change theirs (``change``), and only
    until the conversation begins. Returns the invitation and whether this call recorded it."""
    if answer not in (Answer.YES, Answer.NO):
        raise ValidationError(_("Choose yes or no."))
    found = open_invitation(token)
    locked = (
        MirrorInvitation.objects.select_for_update()
        .select_related("conversation__region", "user")
        .get(pk=found.pk)
    )
    conversation = locked.conversation
    if not conversation.answering_open():
        raise ValidationError(
            _("The conversation has begun or is over, so answering is closed. Thank you!")
        )
    if locked.answer and (not change or locked.answer == answer):
        return locked, False
    before = locked.answer
    locked.answer, locked.answered_at = answer, timezone.now()
    locked.save(update_fields=["answer", "answered_at"])
    audit.record_write(
        AuditAction.UPDATE,
        locked,
        conversation.region,
        locked.user,
        CaseworkEvent.ANSWERED,
        answer=answer,
        before=before,
    )
    return locked, True


# Learning together: the agreed forms and their meetings ---------------------------------------

STEPS = {
    Frequency.WEEKLY: relativedelta(weeks=1),
    Frequency.FORTNIGHTLY: relativedelta(weeks=2),
    Frequency.MONTHLY: relativedelta(months=1),
    Frequency.SIX_WEEKLY: relativedelta(weeks=6),
    Frequency.QUARTERLY: relativedelta(months=3),
}
DEFAULT_TIME = time(15, 0)
MOST_AT_ONCE = 12


@transaction.atomic
def do_save_form(
    form: LearningForm,
    *,
    acting_user: User,
    members: Iterable[Professional] | None = None,
    themes: Iterable[Theme] | None = None,
    seen_version: int | None = None,
) -> LearningForm:
    new = form.pk is None
    anonymity.check(form.region, [form.description])
    claim(form, seen_version, ["kind", "name", "frequency", "starts_at", "minutes", "location"])
    form.full_clean()
    form.save()
    if members is not None:
        form.members.set(members)
    if themes is not None:
        form.themes.set(themes)
    audit.record_write(
        AuditAction.CREATE if new else AuditAction.UPDATE,
        form,
        form.region,
        acting_user,
        CaseworkEvent.FORM_SAVED,
    )
    return form


@transaction.atomic
def do_schedule_meetings(
    form: LearningForm, *, first: date, count: int, invite: bool, acting_user: User
) -> list[Event]:
    """The next `count` meetings from the agreed frequency, as the roadmap's meetings (one
    calendar, one .ics). A day that already has a meeting of this form is skipped, so a second
    click adds nothing twice."""
    if not form.schedulable:
        raise ValidationError(_("This form meets when asked; there is nothing to schedule."))
    if not 1 <= count <= MOST_AT_ONCE:
        raise ValidationError(
            _("Schedule between 1 and %(n)s meetings at once.") % {"n": MOST_AT_ONCE}
        )
    if first < timezone.localdate():
        raise ValidationError(_("The first meeting cannot be in the past."))
    LearningForm.objects.select_for_update().get(pk=form.pk)
    taken = {
        timezone.localtime(starts).date()
        for starts in form.meetings.values_list("starts_at", flat=True)
    }
    members = list(form.members.all())
    made = []
    for n in range(count):
        day = first + STEPS[Frequency(form.frequency)] * n
        if day in taken:
            continue
        starts = timezone.make_aware(datetime.combine(day, form.starts_at or DEFAULT_TIME))
        event = roadmap_actions.do_save_event(
            Event(
                region=form.region,
                kind=EventKind.LEARNING,
                title=form.name,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=form.minutes),
                location=form.location,
                description=form.description,
            ),
            acting_user=acting_user,
            invitees=members,
        )
        form.meetings.add(event)
        if invite:
            roadmap_actions.do_send_invitations(event, acting_user=acting_user)
        made.append(event)
    audit.record_write(
        AuditAction.CREATE,
        form,
        form.region,
        acting_user,
        CaseworkEvent.SCHEDULED,
        meetings=len(made),
    )
    return made


# Case discussions ---------------------------------------------------------------------------


def record_warning(
    region: Region, *, found: list[str], acting_user: User, discussion_pk: int | None = None
) -> None:
    """The author was warned of names or dates in a case (logged, outside the save's
    transaction: it stays logged when nothing is saved)."""
    audit.record(
        action=AuditAction.UPDATE,
        event=CaseworkEvent.CASE_WARNED,
        user=acting_user,
        region=region,
        object_type="casework.casediscussion",
        object_id=discussion_pk or "",
        details={"found": len(found)},
    )


def check_anonymous(discussion: CaseDiscussion, *, checked: bool, acting_user: User) -> list[str]:
    """The names and dates of birth of the region's families in the case's free text (the one
    check, `nik.families.anonymity`; the form runs it too). When there are any and the author did
    not check them, the warning is logged and `NotAnonymous` raised; nothing is saved."""
    found = anonymity.identifiers(
        discussion.region, (getattr(discussion, f) for f in CaseDiscussion.TEXT_FIELDS)
    )
    if found and not checked:
        record_warning(
            discussion.region, found=found, acting_user=acting_user, discussion_pk=discussion.pk
        )
        raise NotAnonymous(found)
    return found


def do_save_discussion(
    discussion: CaseDiscussion,
    *,
    checked: bool,
    acting_user: User,
    seen_version: int | None = None,
) -> CaseDiscussion:
    """Save a case discussion. Its free text is read by everyone at the meeting: when it holds a
    name or date of birth of one of the region's families, the author is warned and nothing is
    saved, unless they checked it and save anyway (`checked`)."""
    found = check_anonymous(discussion, checked=checked, acting_user=acting_user)
    with transaction.atomic():
        # Two people editing the same case: the second save is stopped and told what changed.
        claim(discussion, seen_version, [*CaseDiscussion.TEXT_FIELDS, "age_band", "meeting"])
        return _save_discussion(discussion, acting_user=acting_user, checked_anyway=bool(found))


def _save_discussion(
    discussion: CaseDiscussion, *, acting_user: User, checked_anyway: bool
) -> CaseDiscussion:
    new = discussion.pk is None
    if new:
        discussion.created_by = acting_user
    discussion.attendance = {k: int(v) for k, v in discussion.attendance.items() if int(v) > 0}
    discussion.full_clean(exclude=["follow_ups"])
    discussion.save()
    audit.record_write(
        AuditAction.CREATE if new else AuditAction.UPDATE,
        discussion,
        discussion.region,
        acting_user,
        CaseworkEvent.CASE_SAVED,
        checked_anyway=checked_anyway,
    )
    return discussion


def has_team_consent(family: Family) -> bool:
    """The parents agreed that the care team shares their family's data (an active consent)."""
    return Consent.objects.active().filter(family=family).exists()


def describe_case(discussion: CaseDiscussion, family: Family) -> None:
    """The anonymised case follows the linked child: its age band and condition category."""
    child = Child.objects.filter(family=family).first()
    if child is not None:
        discussion.age_band = AgeBand.of(child.age())
        discussion.condition_category = child.condition_category or discussion.condition_category
    elif not discussion.age_band:
        discussion.age_band = AgeBand.CHILD


@transaction.atomic
def do_link_family(
    discussion: CaseDiscussion, family: Family, *, acting_user: User
) -> CaseDiscussion:
    """Link the case to a family that `acting_user` opened through the families' door; only with
    the care team's consent. The age band and condition category follow the child."""
    if family.region_id != discussion.region_id:
        raise ValidationError(_("This family is not in the region of the case discussion."))
    if not has_team_consent(family):
        raise ValidationError(
            _("The parents have not (or no longer) agreed that the care team shares their data.")
        )
    discussion.family = family
    describe_case(discussion, family)
    discussion.save(update_fields=["family", "age_band", "condition_category", "updated_at"])
    audit.record(
        action=AuditAction.UPDATE,
        event=CaseworkEvent.CASE_LINKED,
        user=acting_user,
        region=discussion.region,
        object_type="casework.casediscussion",
        object_id=discussion.pk,
        subject_family_id=family.pk,
        purpose="link case discussion",
    )
    return discussion


@transaction.atomic
def do_unlink_family(discussion: CaseDiscussion, *, acting_user: User) -> CaseDiscussion:
    family_id = discussion.family_id
    discussion.family = None
    discussion.save(update_fields=["family", "updated_at"])
    audit.record(
        action=AuditAction.UPDATE,
        event=CaseworkEvent.CASE_UNLINKED,
        user=acting_user,
        region=discussion.region,
        object_type="casework.casediscussion",
        object_id=discussion.pk,
        subject_family_id=family_id,
        purpose="unlink case discussion",
    )
    return discussion


@transaction.atomic
def do_add_follow_up(
    discussion: CaseDiscussion, *, what: str, owner: User, due: date, acting_user: User
) -> ActionItem:
    """A follow-up action is an action item of the meeting: on its owner's start page and in the
    reminders, like every other."""
    anonymity.check(discussion.region, [what])
    item = roadmap_actions.do_add_action_item(
        discussion.meeting, what=what.strip(), owner=owner, due=due, acting_user=acting_user
    )
    discussion.follow_ups.add(item)
    audit.record_write(
        AuditAction.UPDATE,
        discussion,
        discussion.region,
        acting_user,
        CaseworkEvent.FOLLOW_UP,
        action_item=item.pk,
    )
    notify.send_once(
        f"case.follow_up:{item.pk}",
        to=[owner.email],
        subject=_("A follow-up action for you from a case discussion"),
        body=_("From the case discussion at '%(meeting)s': %(what)s. Please do this by %(due)s.")
        % {
            "meeting": discussion.meeting.title,
            "what": item.what,
            "due": date_format(due, "j F Y"),
        },
    )
    return item


@transaction.atomic
def do_add_lesson(discussion: CaseDiscussion, *, text: str, acting_user: User) -> Lesson:
    anonymity.check(discussion.region, [text])
    lesson = Lesson.objects.create(discussion=discussion, text=text.strip())
    audit.record_write(
        AuditAction.CREATE, lesson, discussion.region, acting_user, CaseworkEvent.LESSON_ADDED
    )
    return lesson


@transaction.atomic
def do_lesson_to_proposal(lesson: Lesson, *, acting_user: User) -> Proposal:
    """One click: the lesson goes to the steering group as a step-10 proposal, linked both ways,
    so the way from this discussion to a changed agreement or plan can be followed."""
    locked = (
        Lesson.objects.select_for_update().select_related("discussion__meeting").get(pk=lesson.pk)
    )
    if locked.proposal_id is not None:
        raise ValidationError(_("This lesson went to the steering group already."))
    discussion = locked.discussion
    proposal = roadmap_actions.do_save_proposal(
        Proposal(
            region=discussion.region,
            title=locked.text[:200],
            lesson=_("Learnt in a case discussion (%(case)s) at '%(meeting)s' on %(day)s.")
            % {
                "case": discussion.summary,
                "meeting": discussion.meeting.title,
                "day": date_format(timezone.localtime(discussion.meeting.starts_at), "j F Y"),
            },
            proposal=locked.text,
            event=discussion.meeting,
        ),
        acting_user=acting_user,
    )
    locked.proposal = proposal
    locked.save(update_fields=["proposal"])
    audit.record_write(
        AuditAction.UPDATE,
        locked,
        discussion.region,
        acting_user,
        CaseworkEvent.LESSON_PROPOSED,
        proposal=proposal.pk,
    )
    return proposal
