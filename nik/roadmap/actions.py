"""Writes of the roadmap: step status, reflection answers, milestones (also from a spreadsheet)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import IO

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Model, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core import audit, notify, textcheck
from nik.core.calendar import Method, mime_type
from nik.core.concurrency import EditConflict, claim, lock
from nik.core.models import AuditAction, Professional, Region, User
from nik.core.xlsx import (
    RowError,
    SheetError,
    as_date,
    as_text,
    capped,
    model_problems,
    read_table,
)

from .events import RoadmapEvent
from .models import (
    ActionItem,
    Agreement,
    AgreementChange,
    AgreementParty,
    AgreementReview,
    Event,
    Indicator,
    Milestone,
    MilestoneStatus,
    PlanOfApproach,
    PlanStatus,
    ProjectRole,
    Proposal,
    ProposalStatus,
    ReflectionAnswer,
    RoadmapStep,
    StructurePart,
    region_workers,
)

MILESTONE_COLUMNS = [
    "Mijlpaal",
    "Resultaat",
    "Kwaliteitscriteria",
    "Eigenaar",
    "Start",
    "Klaar op",
    "Status",
    "Kritische beslissing",
]
STATUS_WORDS = {
    "gepland": "planned",
    "bezig": "in_progress",
    "klaar": "done",
    "vervallen": "dropped",
}
STATUS_BACK = {v: k for k, v in STATUS_WORDS.items()}

# The free texts that others read, checked for the names of the region's families before they are
# saved (the forms check them too; this is for a forged POST, an import or another caller).
MILESTONE_TEXTS = ("title", "result", "criteria")
PLAN_TEXTS = (
    "goal",
    "scope",
    "partners",
    "results_short",
    "results_long",
    "milestones_summary",
    "monitoring",
)
EVENT_TEXTS = ("title", "description", "outcomes")
AGREEMENT_TEXTS = ("principles", "working_method", "routing", "financing")
PROPOSAL_TEXTS = ("title", "lesson", "proposal")


def _texts(obj: Model, fields: Iterable[str]) -> list[str]:
    return [getattr(obj, f) or "" for f in fields]


@transaction.atomic
def do_set_step_status(step: RoadmapStep, *, status: str, acting_user: User) -> RoadmapStep:
    step.status = status
    step.updated_by = acting_user
    step.save()
    audit.record_write(AuditAction.UPDATE, step, step.region, acting_user, status=status)
    return step


@transaction.atomic
def do_answer_reflection(
    step: RoadmapStep, *, question: int, answer: str, acting_user: User
) -> ReflectionAnswer:
    textcheck.check(step.region, [answer])
    item = ReflectionAnswer.objects.create(
        step=step, question=question, answer=answer.strip(), by=acting_user
    )
    audit.record_write(AuditAction.CREATE, item, step.region, acting_user, question=question)
    return item


@transaction.atomic
def do_save_indicator(indicator: Indicator, *, acting_user: User) -> Indicator:
    creating = indicator.pk is None
    indicator.full_clean(validate_unique=False)
    indicator.save()
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        indicator,
        indicator.region,
        acting_user,
    )
    return indicator


@transaction.atomic
def do_save_milestone(milestone: Milestone, *, acting_user: User) -> Milestone:
    creating = milestone.pk is None
    textcheck.check(milestone.region, _texts(milestone, MILESTONE_TEXTS))
    milestone.full_clean()
    milestone.save()
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        milestone,
        milestone.region,
        acting_user,
    )
    return milestone


def parse_milestones(
    region: Region, file: IO[bytes], progress: Callable[[int, int], None] | None = None
) -> tuple[list[Milestone], list[RowError]]:
    try:
        rows = read_table(file, MILESTONE_COLUMNS)
    except SheetError as error:
        return [], [RowError(1, error.message)]
    accounts = {u.email.lower(): u for u in region_workers(region)}
    good: list[Milestone] = []
    errors: list[RowError] = []
    for checked, row in enumerate(rows, start=1):
        if progress is not None and (checked % 100 == 0 or checked == len(rows)):
            progress(checked, len(rows))
        if row.is_empty():
            errors.append(RowError(row.number, _("The row is empty.")))
            continue
        v = row.values
        problems = []
        title, owner = as_text(v["Mijlpaal"]), as_text(v["Eigenaar"])
        due, start = as_date(v["Klaar op"]), as_date(v["Start"]) if as_text(v["Start"]) else None
        status = STATUS_WORDS.get(as_text(v["Status"]).lower() or "gepland")
        if not title:
            problems.append(_("A milestone needs a title."))
        if not owner:
            problems.append(_("A milestone needs an owner."))
        if due is None:
            problems.append(_("A milestone needs a due date (“Klaar op”)."))
        if as_text(v["Start"]) and start is None:
            problems.append(_("“%(value)s” is not a date.") % {"value": as_text(v["Start"])})
        if status is None:
            problems.append(
                _("Status must be one of: %(words)s.") % {"words": ", ".join(STATUS_WORDS)}
            )
        if start and due and start > due:
            problems.append(_("The start is after the due date."))
        # A missing due date is a problem reported below, before anything is saved.
        milestone = Milestone(  # type: ignore[misc]
            region=region,
            title=title,
            result=as_text(v["Resultaat"]) or title,
            criteria=as_text(v["Kwaliteitscriteria"]),
            owner=owner,
            owner_user=accounts.get(owner.lower()),
            start=start,
            due=due,
            status=status or MilestoneStatus.PLANNED,
            critical=as_text(v["Kritische beslissing"]).lower() in {"ja", "x", "1", "true"},
        )
        if not problems:
            problems = model_problems(milestone, exclude=["region", "owner_user"])
        if not problems:
            try:
                textcheck.check(region, _texts(milestone, MILESTONE_TEXTS))
            except textcheck.NotAnonymous as refused:
                problems = list(refused.messages)
        if problems:
            errors.extend(RowError(row.number, p) for p in problems)
            continue
        good.append(milestone)
    return good, capped(errors)


def do_import_milestones(
    region: Region,
    file: IO[bytes],
    *,
    acting_user: User,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, list[RowError]]:
    """All or nothing, with a report per row: checked outside a transaction, written in one."""
    good, errors = parse_milestones(region, file, progress)
    if errors:
        return 0, errors
    with transaction.atomic():
        Milestone.objects.bulk_create(good)
        audit.record(
            action=AuditAction.CREATE,
            event=RoadmapEvent.MILESTONES_IMPORTED,
            user=acting_user,
            region=region,
            object_type="roadmap.milestone",
            details={"imported": len(good)},
        )
    return len(good), []


# The plan of approach ---------------------------------------------------------------------


@transaction.atomic
def do_save_plan(
    plan: PlanOfApproach, *, acting_user: User, proposal: Proposal | None = None
) -> PlanOfApproach:
    """Save the open (draft or discussed) version; a change after discussion makes it a draft again.

    A proposal from step 10 that led to the change is linked to this version."""
    creating = plan.pk is None
    textcheck.check(plan.region, _texts(plan, PLAN_TEXTS))
    plan.status = PlanStatus.DRAFT
    plan.full_clean()
    plan.save()
    if proposal is not None:
        proposal.plan = plan
        proposal.save(update_fields=["plan"])
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE, plan, plan.region, acting_user
    )
    return plan


def next_plan_version(region: Region, *, acting_user: User) -> PlanOfApproach:
    """The open version, or a new draft copied from the last approved one — not yet saved.

    A page shows this on a GET; `do_new_plan_version` saves it on the first POST.
    """
    from django.db.models import Max

    open_version = PlanOfApproach.objects.filter(
        region=region, status__in=[PlanStatus.DRAFT, PlanStatus.DISCUSSED]
    ).first()
    if open_version is not None:
        return open_version
    last = (
        PlanOfApproach.objects.filter(region=region, status=PlanStatus.APPROVED)
        .order_by("-number")
        .first()
    )
    number = (PlanOfApproach.objects.filter(region=region).aggregate(n=Max("number"))["n"] or 0) + 1
    plan = PlanOfApproach(
        region=region, number=number, created_by=acting_user, goal=last.goal if last else ""
    )
    if last is not None:
        for name in (
            "target_group",
            "scope",
            "partners",
            "results_short",
            "results_long",
            "milestones_summary",
            "monitoring",
            "budget",
        ):
            setattr(plan, name, getattr(last, name))
    return plan


@transaction.atomic
def do_new_plan_version(region: Region, *, acting_user: User) -> PlanOfApproach:
    """The open version, or a new draft copied from the last approved one (saved)."""
    Region.objects.select_for_update().get(pk=region.pk)
    plan = next_plan_version(region, acting_user=acting_user)
    if plan.pk is None:
        plan.save()
        audit.record_write(AuditAction.CREATE, plan, region, acting_user, number=plan.number)
    return plan


class PlanNotReady(Exception):
    pass


@transaction.atomic
def do_mark_discussed(plan: PlanOfApproach, *, acting_user: User) -> PlanOfApproach:
    lock(plan)
    if plan.status != PlanStatus.DRAFT:
        raise PlanNotReady(_("Only a draft can be marked as discussed."))
    plan.status = PlanStatus.DISCUSSED
    plan.save(update_fields=["status"])
    audit.record_write(AuditAction.UPDATE, plan, plan.region, acting_user, status="discussed")
    return plan


@transaction.atomic
def do_approve_plan(plan: PlanOfApproach, *, acting_user: User) -> PlanOfApproach:
    """The steering group approves a discussed version; the earlier approved one is kept as history."""
    from django.utils import timezone

    # Two steering members approving at once: the second waits for the lock, then finds it
    # approved (no second "approved" event, no second supersede).
    lock(plan)
    if plan.status != PlanStatus.DISCUSSED:
        raise PlanNotReady(_("Only a plan that was discussed can be approved."))
    PlanOfApproach.objects.filter(region=plan.region, status=PlanStatus.APPROVED).update(
        status=PlanStatus.SUPERSEDED
    )
    plan.status = PlanStatus.APPROVED
    plan.approved_by, plan.approved_at = acting_user, timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record_write(AuditAction.UPDATE, plan, plan.region, acting_user, status="approved")
    return plan


# Events -----------------------------------------------------------------------------------


@transaction.atomic
def do_save_event(
    event: Event,
    *,
    acting_user: User,
    invitees: Iterable[Professional] | None = None,
    attendees: Iterable[Professional] | None = None,
) -> Event:
    creating = event.pk is None
    textcheck.check(event.region, _texts(event, EVENT_TEXTS))
    if not creating:
        event.sequence += 1
    event.full_clean()
    event.save()
    if invitees is not None:
        event.invitees.set(invitees)
    if attendees is not None:
        event.attendees.set(attendees)
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE, event, event.region, acting_user
    )
    return event


@transaction.atomic
def do_send_invitations(event: Event, *, acting_user: User) -> int:
    """E-mail every invitee with an e-mail address the .ics invitation (after commit)."""
    from .calendar import event_ics

    ics = event_ics(event, method=Method.REQUEST).decode()
    sent = 0
    for person in event.invitees.exclude(email=""):
        sent += notify.send(
            to=[person.email],
            subject=_("Invitation: %(title)s") % {"title": event.title},
            body=_("You are invited to %(title)s on %(when)s at %(where)s.")
            % {
                "title": event.title,
                "when": date_format(timezone.localtime(event.starts_at), "j F Y, H:i"),
                "where": event.location or "—",
            },
            attachments=[("uitnodiging.ics", ics, mime_type(Method.REQUEST))],
            kind="roadmap.invitation",
        )
    audit.record(
        action=AuditAction.EXPORT,
        event=RoadmapEvent.INVITATIONS_SENT,
        user=acting_user,
        region=event.region,
        object_type="roadmap.event",
        object_id=event.pk,
        details={"invitations": sent},
    )
    return sent


@transaction.atomic
def do_add_action_item(
    event: Event, *, what: str, owner: User, due: date, acting_user: User
) -> ActionItem:
    textcheck.check(event.region, [what])
    item = ActionItem.objects.create(event=event, what=what, owner=owner, due=due)
    audit.record_write(AuditAction.CREATE, item, event.region, acting_user)
    return item


@transaction.atomic
def do_mark_action_done(item: ActionItem, *, acting_user: User) -> ActionItem:
    item.done = True
    item.save(update_fields=["done"])
    audit.record_write(AuditAction.UPDATE, item, item.event.region, acting_user, done=True)
    return item


# The agreement -----------------------------------------------------------------------------


def _changed_labels(obj: Model, fields: list[str]) -> list[str]:
    """The verbose names of the fields that differ from the stored row (all of them when new)."""
    model = type(obj)
    stored = model._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    labels = []
    for name in fields:
        if stored is None or getattr(stored, name) != getattr(obj, name):
            labels.append(str(getattr(model._meta.get_field(name), "verbose_name", name)))
    return labels


def _log_change(
    agreement: Agreement, summary: str, *, proposal: Proposal | None, acting_user: User
) -> None:
    AgreementChange.objects.create(
        agreement=agreement, summary=summary, proposal=proposal, by=acting_user
    )


@transaction.atomic
def do_save_agreement(
    agreement: Agreement,
    *,
    acting_user: User,
    seen_version: int | None,
    fields: list[str],
    proposal: Proposal | None = None,
) -> Agreement:
    """Save the agreement's text parts; what changed (and why, when a proposal led to it) is kept."""
    creating = agreement.pk is None
    if creating:
        Region.objects.select_for_update().get(pk=agreement.region_id)
        existing = Agreement.objects.filter(region=agreement.region_id).first()
        if existing is not None:  # someone else recorded the agreement while this one was typed
            raise EditConflict(
                existing, {f: getattr(existing, f) for f in fields if getattr(existing, f)}
            )
    elif seen_version is None:  # the form was opened before anyone had recorded the agreement
        stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
        raise EditConflict(stored, {f: getattr(stored, f) for f in fields if getattr(stored, f)})
    textcheck.check(agreement.region, _texts(agreement, AGREEMENT_TEXTS))
    claim(agreement, seen_version, fields)
    changed = _changed_labels(agreement, fields)
    agreement.updated_by = acting_user
    agreement.full_clean()
    agreement.save()
    if changed:
        _log_change(
            agreement,
            _("Changed: %(parts)s.") % {"parts": ", ".join(changed)},
            proposal=proposal,
            acting_user=acting_user,
        )
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        agreement,
        agreement.region,
        acting_user,
    )
    return agreement


@transaction.atomic
def do_open_agreement(region: Region, *, acting_user: User) -> Agreement:
    """The region's agreement; an empty one is created the first time someone writes to it."""
    agreement, created = Agreement.objects.get_or_create(
        region=region, defaults={"updated_by": acting_user}
    )
    if created:
        audit.record_write(AuditAction.CREATE, agreement, region, acting_user)
    return agreement


PARTY_FIELDS = [
    "organization",
    "contact_person",
    "ambassador",
    "roles",
    "tasks",
    "authority",
    "hours_per_month",
    "money",
    "signed_on",
]


@transaction.atomic
def do_save_party(
    party: AgreementParty,
    *,
    acting_user: User,
    seen_version: int | None,
    proposal: Proposal | None = None,
) -> AgreementParty:
    creating = party.pk is None
    claim(party, seen_version, PARTY_FIELDS)
    changed = _changed_labels(party, PARTY_FIELDS)
    party.full_clean()
    party.save()
    if creating:
        summary = _("%(org)s joined the agreement.") % {"org": party.organization}
    elif changed:
        summary = _("%(org)s: changed %(parts)s.") % {
            "org": party.organization,
            "parts": ", ".join(changed),
        }
    else:
        summary = ""
    if summary:
        _log_change(party.agreement, summary, proposal=proposal, acting_user=acting_user)
    region = party.agreement.region
    mark_named_people(region)
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE, party, region, acting_user
    )
    return party


@transaction.atomic
def do_remove_party(party: AgreementParty, *, acting_user: User) -> None:
    agreement = party.agreement
    audit.record_write(AuditAction.DELETE, party, agreement.region, acting_user)
    _log_change(
        agreement,
        _("%(org)s left the agreement.") % {"org": party.organization},
        proposal=None,
        acting_user=acting_user,
    )
    party.delete()
    mark_named_people(agreement.region)


def mark_named_people(region: Region) -> None:
    """Keep the register's flags of who the agreement names as ambassador or contact person."""
    parties = AgreementParty.objects.filter(agreement__region=region)
    ambassadors = parties.filter(ambassador__isnull=False).values("ambassador")
    contacts = parties.filter(contact_person__isnull=False).values("contact_person")
    # Only who is flagged now or named now: not every professional of the region on each save.
    people = Professional.objects.filter(region=region).filter(
        Q(named_ambassador=True)
        | Q(named_contact_person=True)
        | Q(pk__in=ambassadors)
        | Q(pk__in=contacts)
    )
    people.update(
        named_ambassador=ExpressionWrapper(Q(pk__in=ambassadors), output_field=BooleanField()),
        named_contact_person=ExpressionWrapper(Q(pk__in=contacts), output_field=BooleanField()),
    )


@transaction.atomic
def do_add_role(
    agreement: Agreement, *, part: str, person: Professional, task: str, acting_user: User
) -> ProjectRole:
    role = ProjectRole(agreement=agreement, part=part, person=person, task=task.strip())
    role.full_clean()
    role.save()
    _log_change(
        agreement,
        _("%(person)s added to the %(part)s.")
        % {"person": person.full_name, "part": StructurePart(part).label},
        proposal=None,
        acting_user=acting_user,
    )
    audit.record_write(AuditAction.CREATE, role, agreement.region, acting_user)
    return role


@transaction.atomic
def do_remove_role(role: ProjectRole, *, acting_user: User) -> None:
    audit.record_write(AuditAction.DELETE, role, role.agreement.region, acting_user)
    _log_change(
        role.agreement,
        _("%(person)s no longer in the %(part)s.")
        % {"person": role.person.full_name, "part": role.get_part_display()},
        proposal=None,
        acting_user=acting_user,
    )
    role.delete()


@transaction.atomic
def do_record_review(
    agreement: Agreement,
    *,
    held_on: date,
    level: str,
    outcome: str,
    next_review: date,
    acting_user: User,
) -> AgreementReview:
    """Keep the outcome of a review and set the date of the next one."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    today = timezone.localdate()
    errors = {}
    if held_on > today:
        errors["held_on"] = _("A review cannot be held in the future; record it afterwards.")
    if next_review <= today:
        errors["next_review"] = _("The next review must be after today.")
    elif next_review <= held_on:
        errors["next_review"] = _("The next review must come after this one.")
    if errors:
        raise ValidationError(errors)
    textcheck.check(agreement.region, [outcome])
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    review = AgreementReview.objects.create(
        agreement=agreement,
        held_on=held_on,
        level=level,
        outcome=outcome.strip(),
        next_review=next_review,
        by=acting_user,
    )
    agreement.next_review = next_review
    agreement.updated_by = acting_user
    agreement.save(update_fields=["next_review", "updated_by", "updated_at"])
    audit.record_write(AuditAction.CREATE, review, agreement.region, acting_user)
    return review


# Develop further (step 10) --------------------------------------------------------------------


@transaction.atomic
def do_save_proposal(proposal: Proposal, *, acting_user: User) -> Proposal:
    creating = proposal.pk is None
    if creating:
        proposal.created_by = acting_user
    textcheck.check(proposal.region, _texts(proposal, PROPOSAL_TEXTS))
    proposal.full_clean()
    proposal.save()
    audit.record_write(
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        proposal,
        proposal.region,
        acting_user,
    )
    return proposal


@transaction.atomic
def do_decide_proposal(
    proposal: Proposal, *, discussed_on: date, adopted: bool, decision: str, acting_user: User
) -> Proposal:
    """The steering group discussed it: adopted or declined, with what they said."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This proposal was already decided on."))
    if discussed_on > timezone.localdate():
        raise ValidationError({"discussed_on": _("The discussion date cannot be in the future.")})
    textcheck.check(proposal.region, [decision])
    proposal.status = ProposalStatus.ADOPTED if adopted else ProposalStatus.DECLINED
    proposal.discussed_on = discussed_on
    proposal.decision = decision.strip()
    proposal.save(update_fields=["status", "discussed_on", "decision"])
    audit.record_write(
        AuditAction.UPDATE, proposal, proposal.region, acting_user, status=proposal.status
    )
    return proposal
