"""Learning together, step 7 of the basismodel: courses, their sessions, who enrols and who came.

A course belongs to a region, or to no region: then the knowledge centre offers it nationally and
every region sees it (the three-day basic course, the deepening training, e-learning, GIZ).
Enrolments are of professionals of the network register, so a coordinator can enrol someone who
has no account; a member enrols themselves through their own register entry.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from nik.core.models import Discipline, Professional, Region, User


class CourseKind(models.TextChoices):
    COURSE = "course", _("course")
    ELEARNING = "elearning", _("e-learning")
    INTERVISION = "intervision", _("intervision")
    SYMPOSIUM = "symposium", _("symposium")


class Course(models.Model):
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="courses",
        help_text=_("Empty: offered nationally, seen by every region."),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CourseKind.choices)
    provider = models.CharField(_("provider"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    points = models.PositiveSmallIntegerField(_("accreditation points"), default=0)
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("for disciplines"), blank=True, related_name="courses"
    )
    description = models.TextField(_("description"), blank=True)
    # The course every network member follows at the start (step 7): coverage counts it.
    basic = models.BooleanField(_("the basic course"), default=False)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="sessions"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place or online link"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"))
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        User,
        verbose_name=_("organiser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)  # for agendas (.ics)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("attended")
    ABSENT = "absent", _("did not come")


TAKING_A_PLACE = [EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.ABSENT]


class Enrolment(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="enrolments"
    )
    professional = models.ForeignKey(
        Professional,
        verbose_name=_("professional"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["enrolled_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "professional"], name="enrolment_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.professional} · {self.session}"


class NeedSource(models.TextChoices):
    MEMBER = "member", _("a network member")
    FAMILY = "family", _("a family")


class TrainingNeed(models.Model):
    """What someone says professionals of the network should learn: the plan is made from these."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="training_needs")
    topic = models.CharField(_("what should professionals learn?"), max_length=300)
    discipline = models.ForeignKey(
        Discipline,
        verbose_name=_("for which discipline"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("named by"), max_length=10, choices=NeedSource.choices)
    named_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")

    def __str__(self) -> str:
        return self.topic


class TrainingPlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    APPROVED = "approved", _("approved by the steering group")
    SUPERSEDED = "superseded", _("earlier version")


class TrainingPlan(models.Model):
    """A region's training plan for a year, in versions; the steering group approves a version."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="training_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TrainingPlanStatus.choices,
        default=TrainingPlanStatus.DRAFT,
    )
    note = models.TextField(_("what the plan answers"), blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["region", "-year", "-number"]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "number"], name="training_plan_version_unique"
            ),
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=Q(status="draft"),
                name="training_plan_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year} v{self.number}"


class PlannedTraining(models.Model):
    """A line of the plan: what is learnt, answering which need, when, at what cost."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="lines")
    what = models.CharField(_("what"), max_length=300)
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.SET_NULL, null=True, blank=True
    )
    need = models.ForeignKey(
        TrainingNeed,
        verbose_name=_("answers the need"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, choices=list(MONTHS.items())
    )
    amount = models.DecimalField(_("budget (€)"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("planned training")
        verbose_name_plural = _("planned trainings")

    def __str__(self) -> str:
        return self.what
