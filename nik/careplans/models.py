"""The individual care plan (IZP, "one family, one plan") and the GIZ needs assessment."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.families.models import Family

from .content import PlanContent, load_stored

PLAN_WITHIN = timedelta(weeks=8)


class CarePlan(models.Model):
    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="care_plan")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")

    def __str__(self) -> str:
        return f"{self.family}"

    def published(self) -> CarePlanVersion | None:
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()

    def draft(self) -> CarePlanVersion | None:
        return self.versions.filter(status=VersionStatus.DRAFT).first()


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    SUPERSEDED = "superseded", _("earlier version")


class CarePlanVersion(Versioned):
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    content = models.JSONField(_("content"))
    # `version` (from Versioned) goes up by one with every save of the draft: a save that
    # carries an older one is someone else's edit being overwritten, and is refused.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("care plan version")
        verbose_name_plural = _("care plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="careplan_version_unique"),
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(status="draft"), name="careplan_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number} ({self.status})"

    @property
    def data(self) -> PlanContent:
        """The content as typed data; what no longer validates is left out (see `problems`)."""
        return self._loaded()[0].model_copy(deep=True)

    @property
    def problems(self) -> list[str]:
        """Why the stored content does not validate any more; empty when it does."""
        return list(self._loaded()[1])

    def _loaded(self) -> tuple[PlanContent, list[str]]:
        # Read once per content: a page asks for the data and the problems several times.
        # Actions give `content` a new dict when they change it, which reads it again.
        cached = getattr(self, "_loaded_cache", None)
        if cached is None or cached[0] is not self.content:
            cached = (self.content, load_stored(self.content))
            self._loaded_cache = cached
        return cached[1]


class PlanClock(models.TextChoices):
    MISSING = "missing", _("no plan yet")
    MISSING_LATE = "missing_late", _("no plan, more than 8 weeks after diagnosis or entering")
    DUE = "due", _("evaluation due within two weeks")
    LATE = "late", _("evaluation date has passed")
    NO_DATE = "no_date", _("no evaluation date agreed")
    NOT_DISCUSSED = "not_discussed", _("published, not yet discussed with the parents")
    OK = "ok", _("on schedule")


# Most urgent first: how the start page orders a professional's families. Every clock has a
# place (a test draws each); a clock added to PlanClock without one fails at import.
CLOCK_URGENCY: tuple[PlanClock, ...] = (
    PlanClock.MISSING_LATE,
    PlanClock.LATE,
    PlanClock.DUE,
    PlanClock.NO_DATE,
    PlanClock.NOT_DISCUSSED,
    PlanClock.MISSING,
    PlanClock.OK,
)
if set(CLOCK_URGENCY) != set(PlanClock):  # pragma: no cover - a programming error, caught at start
    raise ImproperlyConfigured("CLOCK_URGENCY must rank every PlanClock exactly once.")
URGENCY_RANK = {clock: rank for rank, clock in enumerate(CLOCK_URGENCY)}


def plan_starts(family: Family, diagnosed_on: date | None) -> date:
    """The day the 8 weeks for a first plan start: the later of the diagnosis and the day the
    family entered the network (a child diagnosed years ago still gets 8 weeks from intake)."""
    entered = timezone.localdate(family.created_at)
    return max(entered, diagnosed_on) if diagnosed_on else entered


def plan_clock(
    family: Family, published: CarePlanVersion | None, diagnosed_on: date | None, today: date
) -> str:
    if published is None:
        if today > plan_starts(family, diagnosed_on) + PLAN_WITHIN:
            return PlanClock.MISSING_LATE
        return PlanClock.MISSING
    evaluate = published.data.next_evaluation_on
    if evaluate is None:
        return PlanClock.NO_DATE
    if evaluate < today:
        return PlanClock.LATE
    if evaluate <= today + timedelta(days=14):
        return PlanClock.DUE
    if published.data.discussed_with_parents_on is None:
        return PlanClock.NOT_DISCUSSED
    return PlanClock.OK


def clock_date(
    family: Family, published: CarePlanVersion | None, diagnosed_on: date | None
) -> date:
    """The day the plan's clock runs to: the first plan's deadline, or the next evaluation (for
    ordering by urgency within a clock; a plan without an evaluation date comes last)."""
    if published is None:
        return plan_starts(family, diagnosed_on) + PLAN_WITHIN
    return published.data.next_evaluation_on or date.max


def clock_text(
    family: Family, published: CarePlanVersion | None, diagnosed_on: date | None, today: date
) -> str:
    """The plan's clock in words, with its date and the days left or past."""
    state = plan_clock(family, published, diagnosed_on, today)
    if state in (PlanClock.NO_DATE, PlanClock.NOT_DISCUSSED):
        return str(PlanClock(state).label)
    if state in (PlanClock.MISSING, PlanClock.MISSING_LATE):
        when = plan_starts(family, diagnosed_on) + PLAN_WITHIN
    else:
        when = published.data.next_evaluation_on  # type: ignore[union-attr,assignment]
    days = (when - today).days
    shown = date_format(when, "j F Y")
    if state == PlanClock.MISSING:
        text = ngettext(
            "no plan yet; needed by %(date)s (%(n)s day left)",
            "no plan yet; needed by %(date)s (%(n)s days left)",
            days,
        )
    elif state == PlanClock.MISSING_LATE:
        text = ngettext(
            "no plan; it was needed by %(date)s (%(n)s day ago)",
            "no plan; it was needed by %(date)s (%(n)s days ago)",
            -days,
        )
    elif state == PlanClock.LATE:
        text = ngettext(
            "evaluation was due on %(date)s (%(n)s day ago)",
            "evaluation was due on %(date)s (%(n)s days ago)",
            -days,
        )
    elif state == PlanClock.DUE:
        text = ngettext(
            "evaluation on %(date)s (in %(n)s day)", "evaluation on %(date)s (in %(n)s days)", days
        )
    else:
        text = gettext("on schedule; next evaluation on %(date)s")
    return text % {"date": shown, "n": abs(days)}


class GizVariant(models.TextChoices):
    SHORT = "short", _("short (clarifying the question)")
    EXTENDED = "extended", _("extended")
    MULTIDISCIPLINARY = "multidisciplinary", _("multidisciplinary")


class Level(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class NeedsAssessment(models.Model):
    """A needs assessment with the GIZ method, done together with the family."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="needs_assessments")
    variant = models.CharField(_("variant"), max_length=20, choices=GizVariant.choices)
    held_on = models.DateField(_("date"), default=timezone.localdate)
    participants = models.CharField(_("who took part"), max_length=300)
    child_strengths = models.TextField(_("child's development: strengths"), blank=True)
    child_concerns = models.TextField(_("child's development: concerns"), blank=True)
    parents_strengths = models.TextField(_("parents' capacities: strengths"), blank=True)
    parents_concerns = models.TextField(_("parents' capacities: concerns"), blank=True)
    surroundings_strengths = models.TextField(_("family and surroundings: strengths"), blank=True)
    surroundings_concerns = models.TextField(_("family and surroundings: concerns"), blank=True)
    nature = models.TextField(_("nature of the need (agreed together)"))
    severity = models.CharField(_("severity"), max_length=10, choices=Level.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Level.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("needs assessment (GIZ)")
        verbose_name_plural = _("needs assessments (GIZ)")

    def __str__(self) -> str:
        return f"{self.family} {self.held_on}"
