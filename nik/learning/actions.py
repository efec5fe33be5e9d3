"""Every change to courses, sessions and enrolments, with its audit event.

Places are counted under a lock on the session, so two people taking the last place at once get
one place and one spot on the waiting list, never two places.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nik.core import audit, notify, textcheck
from nik.core.calendar import Method, mime_type
from nik.core.models import AuditAction, Professional, Region, User

from .calendar import session_ics
from .events import LearningEvent
from .models import (
    TAKING_A_PLACE,
    Course,
    Enrolment,
    EnrolmentStatus,
    PlannedTraining,
    Session,
    TrainingNeed,
    TrainingPlan,
    TrainingPlanStatus,
)


@transaction.atomic
def do_save_course(course: Course, *, acting_user: User) -> Course:
    new = course.pk is None
    course.full_clean(exclude=["disciplines"])
    course.save()
    audit.record_write(
        AuditAction.CREATE if new else AuditAction.UPDATE,
        course,
        course.region,
        acting_user,
        LearningEvent.COURSE_SAVED,
    )
    return course


@transaction.atomic
def do_save_session(session: Session, *, acting_user: User) -> Session:
    new = session.pk is None
    if not new:
        session.sequence += 1  # agendas replace the meeting they have
    session.full_clean()
    session.save()
    audit.record_write(
        AuditAction.CREATE if new else AuditAction.UPDATE,
        session,
        session.region,
        acting_user,
        LearningEvent.SESSION_SAVED,
    )
    return session


def _places_taken(session: Session) -> int:
    return session.enrolments.filter(status__in=TAKING_A_PLACE).count()


def _invite(enrolment: Enrolment) -> None:
    """The session in the person's agenda: an e-mail with the .ics, once per version of it."""
    session, person = enrolment.session, enrolment.professional
    when = date_format(timezone.localtime(session.starts_at), "j F Y, H:i")
    notify.send_once(
        f"learning.invitation:{enrolment.pk}:{session.sequence}",
        to=[person.email or getattr(person.user, "email", "")],
        subject=_("You are enrolled: %(course)s") % {"course": session.course.title},
        body=_(
            "You are enrolled for %(course)s on %(when)s at %(place)s. "
            "The invitation for your agenda is attached."
        )
        % {"course": session.course.title, "when": when, "place": session.place or "—"},
        attachments=[
            (
                "scholing.ics",
                session_ics(session, method=Method.REQUEST).decode(),
                mime_type(Method.REQUEST),
            )
        ],
    )


@transaction.atomic
def do_enrol(session: Session, professional: Professional, *, acting_user: User) -> Enrolment:
    """A place when there is one, else the waiting list. Enrolling again changes nothing."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_past:
        raise ValidationError(_("This session has taken place; enrolling is closed."))
    if professional.region_id != locked.region_id:
        raise ValidationError(_("Only professionals of this network can enrol here."))
    enrolment = Enrolment.objects.filter(session=locked, professional=professional).first()
    if enrolment is not None and enrolment.status != EnrolmentStatus.CANCELLED:
        return enrolment
    status = (
        EnrolmentStatus.ENROLLED
        if _places_taken(locked) < locked.capacity
        else EnrolmentStatus.WAITING
    )
    if enrolment is None:
        enrolment = Enrolment(session=locked, professional=professional)
    enrolment.status, enrolment.enrolled_at, enrolment.enrolled_by = (
        status,
        timezone.now(),
        acting_user,
    )
    enrolment.save()
    audit.record_write(
        AuditAction.CREATE,
        enrolment,
        locked.region,
        acting_user,
        LearningEvent.ENROLLED if status == EnrolmentStatus.ENROLLED else LearningEvent.WAITING,
        session=locked.pk,
    )
    if status == EnrolmentStatus.ENROLLED:
        _invite(enrolment)
    return enrolment


@transaction.atomic
def do_cancel(enrolment: Enrolment, *, acting_user: User) -> Enrolment | None:
    """Cancel; a freed place goes to the first on the waiting list, who is told. Returns whoever
    moved up, or None."""
    session = Session.objects.select_for_update().get(pk=enrolment.session_id)
    enrolment.refresh_from_db()
    if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING):
        raise ValidationError(_("This enrolment cannot be cancelled any more."))
    freed = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save(update_fields=["status"])
    audit.record_write(
        AuditAction.UPDATE, enrolment, session.region, acting_user, LearningEvent.CANCELLED
    )
    if not freed or _places_taken(session) >= session.capacity:
        return None
    first = (
        session.enrolments.filter(status=EnrolmentStatus.WAITING)
        .select_related("professional__user", "session__course")
        .order_by("enrolled_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = EnrolmentStatus.ENROLLED
    first.save(update_fields=["status"])
    audit.record_write(
        AuditAction.UPDATE, first, session.region, acting_user, LearningEvent.MOVED_UP
    )
    _invite(first)
    return first


@transaction.atomic
def do_record_attendance(
    session: Session, *, present: set[int], acting_user: User
) -> dict[str, int]:
    """Who came (`present`: enrolment ids); the others with a place did not. After the start only."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.starts_at > timezone.now():
        raise ValidationError(_("Attendance is recorded once the session has started."))
    placed = locked.enrolments.filter(status__in=TAKING_A_PLACE)
    counts = {
        "attended": placed.filter(pk__in=present).update(status=EnrolmentStatus.ATTENDED),
        "absent": placed.exclude(pk__in=present).update(status=EnrolmentStatus.ABSENT),
    }
    audit.record_write(
        AuditAction.UPDATE, locked, locked.region, acting_user, LearningEvent.ATTENDANCE, **counts
    )
    return counts


def do_print_certificate(enrolment: Enrolment, *, acting_user: User) -> None:
    audit.record_write(
        AuditAction.PRINT,
        enrolment,
        enrolment.session.region,
        acting_user,
        LearningEvent.CERTIFICATE,
    )


# The training plan -------------------------------------------------------------------------


@transaction.atomic
def do_add_need(need: TrainingNeed, *, acting_user: User) -> TrainingNeed:
    """A training need, as a member or a parent names it. The network reads it: the names and
    dates of birth of the region's families are left out ("[…]"), not refused, since a parent may
    write their own child's name and is not to learn whose other names are a family's."""
    need.named_by = acting_user
    need.topic = textcheck.redact(need.region, need.topic)
    need.full_clean()
    need.save()
    audit.record_write(AuditAction.CREATE, need, need.region, acting_user, LearningEvent.NEED_ADDED)
    return need


@transaction.atomic
def do_open_plan(region: Region, year: int, *, acting_user: User) -> TrainingPlan:
    """The year's draft: the one open, or a new version copied from the last (lines and all)."""
    Region.objects.select_for_update().get(pk=region.pk)
    plans = TrainingPlan.objects.filter(region=region, year=year)
    draft = plans.filter(status=TrainingPlanStatus.DRAFT).first()
    if draft is not None:
        return draft
    last = plans.order_by("-number").first()
    draft = TrainingPlan.objects.create(
        region=region,
        year=year,
        number=(last.number + 1) if last else 1,
        note=last.note if last else "",
        created_by=acting_user,
    )
    if last is not None:
        PlannedTraining.objects.bulk_create(
            PlannedTraining(
                plan=draft,
                what=line.what,
                course=line.course,
                need=line.need,
                month=line.month,
                amount=line.amount,
            )
            for line in last.lines.all()
        )
    audit.record_write(
        AuditAction.CREATE, draft, region, acting_user, LearningEvent.PLAN_OPENED, year=year
    )
    return draft


@transaction.atomic
def do_save_plan(
    plan: TrainingPlan, *, note: str, lines: list[dict[str, Any]], acting_user: User
) -> TrainingPlan:
    locked = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != TrainingPlanStatus.DRAFT:
        raise ValidationError(_("Only a draft can be changed; open a new version."))
    locked.note = note
    locked.save(update_fields=["note"])
    locked.lines.all().delete()
    PlannedTraining.objects.bulk_create(PlannedTraining(plan=locked, **line) for line in lines)
    audit.record_write(
        AuditAction.UPDATE,
        locked,
        locked.region,
        acting_user,
        LearningEvent.PLAN_SAVED,
        lines=len(lines),
    )
    return locked


@transaction.atomic
def do_approve_plan(plan: TrainingPlan, *, acting_user: User) -> TrainingPlan:
    """The steering group approves the draft; the version approved before becomes history."""
    locked = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != TrainingPlanStatus.DRAFT:
        raise ValidationError(_("This version is approved already."))
    if not locked.lines.exists():
        raise ValidationError(_("An empty plan cannot be approved: add what will be learnt."))
    TrainingPlan.objects.filter(
        region=locked.region, year=locked.year, status=TrainingPlanStatus.APPROVED
    ).update(status=TrainingPlanStatus.SUPERSEDED)
    locked.status = TrainingPlanStatus.APPROVED
    locked.approved_by, locked.approved_at = acting_user, timezone.now()
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record_write(
        AuditAction.UPDATE, locked, locked.region, acting_user, LearningEvent.PLAN_APPROVED
    )
    return locked
