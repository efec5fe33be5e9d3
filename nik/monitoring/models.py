"""Monitoring (step 9): the values of the indicators per region and period.

Values are computed from the records by a task (`formulas.py`, `actions.do_recompute`) and stored,
so a dashboard only reads; a value no record can give is typed in by the coordinator with its
source and date, and marked as typed.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.core.models import Region, User

from .periods import KINDS


class IndicatorValue(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="indicator_values")
    key = models.CharField(_("indicator"), max_length=40)
    period_kind = models.CharField(_("period"), max_length=8, choices=KINDS)
    period_start = models.DateField(_("period from"))
    value = models.FloatField(_("value"), null=True, blank=True)
    cases = models.PositiveIntegerField(_("number of cases"), default=0)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)
    typed = models.BooleanField(_("typed in"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)
    typed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "key", "period_start"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "key", "period_kind", "period_start"],
                name="indicator_value_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.key} {self.period_start}: {self.value}"


# The network self-assessment (OMK) ---------------------------------------------------------


class OmkRound(models.Model):
    """A round of the self-assessment, opened by the coordinator; members and steering score."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="omk_rounds")
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "-opened_on", "-pk"]
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=models.Q(closed_on__isnull=True),
                name="omk_one_open_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class OmkAnswer(models.Model):
    """One person's answer on one element in a round: relevant? present? planned?"""

    round = models.ForeignKey(OmkRound, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    element = models.CharField(_("element"), max_length=20)
    relevant = models.BooleanField(_("relevant"), default=True)
    present = models.BooleanField(_("present"), default=False)
    planned = models.BooleanField(_("planned"), default=False)

    class Meta:
        ordering = ["round", "element"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "respondent", "element"], name="omk_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id} {self.element}"


# Surveys -------------------------------------------------------------------------------------


class Invitation(models.Model):
    """A single-use link to a survey, needing no account. Only the link's hash is kept; the family
    (for "never more often than the region sets") stays inside the region and never reaches an
    answer: answers are not linked to their invitation."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="survey_invitations")
    instrument = models.CharField(_("survey"), max_length=30)
    version = models.PositiveSmallIntegerField()
    token_hash = models.CharField(max_length=64, unique=True)
    # The link itself, kept only until it is used or has expired (the reminder repeats it).
    token = models.CharField(max_length=64, blank=True)
    family_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    email = models.EmailField(blank=True)  # emptied once the reminder is sent or the link used
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used = models.BooleanField(default=False)  # no time: it could be matched to an answer
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["region", "instrument", "created_at"], name="invite_region")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.instrument} {self.created_at:%Y-%m-%d}"


class Response(models.Model):
    """One anonymous set of answers: the survey, its version, when, and the answers; no person."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="survey_responses")
    instrument = models.CharField(_("survey"), max_length=30)
    version = models.PositiveSmallIntegerField()
    submitted_on = models.DateField(default=timezone.localdate)  # a day, never a moment
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [
            models.Index(fields=["region", "instrument", "submitted_on"], name="response_region")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.instrument} {self.submitted_on}"


# The region's own indicators and settings ------------------------------------------------------


class Measure(models.Model):
    """How one of the region's own indicators (set in step 3 of the roadmap) is measured: by a
    building block's formula, with the region's own target; or, where no record gives it, typed
    in with its source (no formula)."""

    indicator = models.OneToOneField(
        "roadmap.Indicator", on_delete=models.CASCADE, related_name="measure"
    )
    formula = models.CharField(_("computed as"), max_length=40, blank=True)
    target = models.FloatField(_("our target"), null=True, blank=True)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)

    class Meta:
        verbose_name = _("own indicator")
        verbose_name_plural = _("own indicators")

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.formula or 'typed'}"

    @property
    def key(self) -> str:
        return f"own-{self.indicator_id}"


class Settings(models.Model):
    """What a region sets for its monitoring."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="monitoring")
    family_interval_days = models.PositiveSmallIntegerField(
        _("invite a family at most once every … days"),
        default=90,
        validators=[MinValueValidator(30), MaxValueValidator(730)],
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")

    def __str__(self) -> str:
        return f"{self.region_id}"

    @classmethod
    def of(cls, region: Region) -> Settings:
        found = cls.objects.filter(region=region).first()
        return found or cls(region=region)


class Survey(Versioned):
    """A survey a region writes itself. Each version (`number`) is a row of its own; once
    published it is never changed (answers keep the version they were given to), and a change is
    a new draft. (`version` counts the edits of a draft, for two coordinators at once.)"""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="surveys")
    key = models.CharField(max_length=30)  # "own-<pk of the first version>"
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    audience = models.CharField(
        _("for"),
        max_length=20,
        choices=[("families", _("families")), ("professionals", _("professionals"))],
    )
    title = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    items = models.JSONField(default=list)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "key", "-number"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["region", "key", "number"], name="survey_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None
