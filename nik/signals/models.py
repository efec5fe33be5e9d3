"""The signalling function: bottlenecks that families and professionals meet, and good practices,
raised in a region, discussed there, passed on to the national knowledge centre (bundled, without
anything that identifies a family), taken up nationally or not, and answered back.

A signal may be linked to a family inside the region (`family`); that link never leaves the
region. What leaves is a `Passed` report: its own text (checked for names, dates of birth and
addresses of the region's families), a theme, the systems involved, and how many families it
concerns ("< 5" for fewer).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.core.models import Region, User


class Theme(models.TextChoices):
    """The national list of themes (the knowledge centre keeps it)."""

    FINANCING = "financing", _("financing and indications")
    RESPITE = "respite", _("respite care")
    SCHOOL = "school", _("school and day care")
    TRANSPORT = "transport", _("transport and aids")
    TRANSITION = "transition", _("transition to adult care")
    BUREAUCRACY = "bureaucracy", _("bureaucracy and paperwork")
    HOME = "home", _("care at home")
    GRIEF = "grief", _("grief support")
    SIBLINGS = "siblings", _("brothers and sisters")
    COOPERATION = "cooperation", _("cooperation between professionals")
    OTHER = "other", _("other")


class System(models.TextChoices):
    WLZ = "wlz", "Wlz"
    ZVW = "zvw", "Zvw"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    WMO = "wmo", "Wmo"
    EDUCATION = "education", _("education (passend onderwijs)")
    OTHER = "other", _("other")


def systems_shown(codes: list[str]) -> str:
    """The systems involved in words: "Wlz, Jeugdwet"."""
    names = dict(System.choices)
    return ", ".join(str(names.get(code, code)) for code in codes)


class Kind(models.TextChoices):
    BOTTLENECK = "bottleneck", _("bottleneck")
    GOOD_PRACTICE = "good_practice", _("good practice")


class Source(models.TextChoices):
    PROFESSIONAL = "professional", _("a professional")
    COORDINATOR = "coordinator", _("the coordinator")
    PARENT = "parent", _("a parent (family page)")
    PUBLIC = "public", _("someone on the public site")
    CASE = "case", _("a case discussion")
    MIRROR = "mirror", _("a mirror conversation")
    INQUIRY = "inquiry", _("a question to the contact point")
    REFERRAL = "referral", _("a referral that could not be helped")


class Status(models.TextChoices):
    NEW = "new", _("new")
    DISCUSSED = "discussed", _("discussed in the region")
    PASSED = "passed", _("passed to the knowledge centre")
    TAKEN_UP = "taken_up", _("taken up nationally")
    NOT_TAKEN_UP = "not_taken_up", _("not taken up nationally")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed in the region")


class Signal(Versioned):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="signals")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BOTTLENECK)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    systems = models.JSONField(_("systems involved"), default=list, blank=True)
    text = models.TextField(_("what is going on"), max_length=4000)
    source = models.CharField(_("raised by"), max_length=20, choices=Source.choices)
    raised_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Hash of the sender's address on the public site (for the hourly limit), never the address.
    source_hash = models.CharField(max_length=64, blank=True)
    # For an answer to someone without an account (public site); emptied once answered.
    reply_to = models.EmailField(_("e-mail address for the answer"), blank=True)
    # Stays inside the region: never on a national page, export or API answer.
    family = models.ForeignKey(
        "families.Family", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    region_note = models.TextField(_("what the region concluded"), blank=True, max_length=4000)
    steering_view = models.TextField(_("the steering group's view"), blank=True, max_length=4000)
    passed = models.ForeignKey(
        "Passed", on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["region", "status", "created_at"], name="signal_region")]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self) -> str:
        return f"{self.get_theme_display()}: {self.text[:40]}"

    @property
    def systems_shown(self) -> str:
        return systems_shown(self.systems)


class Passed(models.Model):
    """What a region passes to the knowledge centre: one or more of its signals on one theme,
    described anew without anything that identifies a family, with how many families it
    concerns."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="passed_signals")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    systems = models.JSONField(_("systems involved"), default=list, blank=True)
    summary = models.TextField(_("what the knowledge centre should know"), max_length=4000)
    families = models.PositiveIntegerField(_("how many families it concerns"), default=0)
    passed_at = models.DateTimeField(default=timezone.now)
    passed_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The knowledge centre's answer.
    issue = models.ForeignKey(
        "NationalIssue", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    not_taken_up = models.TextField(_("why it is not taken up"), blank=True, max_length=2000)
    feedback = models.TextField(_("answer to the region"), blank=True, max_length=4000)
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-passed_at", "-pk"]
        verbose_name = _("signal passed on")
        verbose_name_plural = _("signals passed on")

    def __str__(self) -> str:
        return f"{self.region_id} {self.get_theme_display()}"

    @property
    def systems_shown(self) -> str:
        return systems_shown(self.systems)


class NationalIssue(models.Model):
    """A theme the knowledge centre takes up, bundling reports from several regions."""

    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["theme", "title"]
        verbose_name = _("national issue")
        verbose_name_plural = _("national issues")

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    UNDERWAY = "underway", _("underway")
    DONE = "done", _("done")


class NationalAction(models.Model):
    """What the knowledge centre does about an issue: a letter to a ministry, a guideline change."""

    issue = models.ForeignKey(NationalIssue, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    on = models.DateField(_("date"), default=timezone.localdate)

    class Meta:
        ordering = ["issue", "on", "pk"]
        verbose_name = _("national action")
        verbose_name_plural = _("national actions")

    def __str__(self) -> str:
        return self.description


class Sharing(models.Model):
    """Whether a region lets the other regions' coordinators see its figures by name (beside the
    national median they always see). Off unless the region turns it on."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="sharing")
    named = models.BooleanField(
        _("other regions may see our figures by name (if they share theirs)"), default=False
    )

    def __str__(self) -> str:
        return f"{self.region_id}: {self.named}"
