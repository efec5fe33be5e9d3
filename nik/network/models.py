"""The region's photo: problem statement, target group, stakeholder analysis, collaborations.

Organisations, professionals and disciplines themselves live in `nik.core` (the foundation);
this app holds what the network's first two steps add to them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.core.models import Organization, Region

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class ProblemStatement(Versioned):
    """Step 1: the question the region sets out to solve (vraagstuk)."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="problem_statement"
    )
    question = models.TextField(_("the problem to solve"), blank=True)
    idea = models.TextField(_("our idea for the network"), blank=True)
    reflection = models.TextField(
        _("reflection"),
        blank=True,
        help_text=_("What did the parents' and children's view add to the question?"),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("problem statement")
        verbose_name_plural = _("problem statements")

    def __str__(self) -> str:
        return f"{self.region}: {self.question[:60]}"

    def parents_took_part(self) -> bool:
        return self.participants.filter(
            kind__in=[ParticipantKind.PARENT, ParticipantKind.CHILD]
        ).exists()


class ParticipantKind(models.TextChoices):
    PARENT = "parent", _("parent")
    CHILD = "child", _("child or young person")
    PROFESSIONAL = "professional", _("professional")
    OTHER = "other", _("other")


class ProblemStatementParticipant(models.Model):
    """Someone who helped form the problem statement."""

    statement = models.ForeignKey(
        ProblemStatement, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("who"), max_length=20, choices=ParticipantKind.choices)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name


class ConditionCategory(models.TextChoices):
    """The four categories of life-threatening and life-limiting conditions, and the broadened
    group (since 2019) of seriously or chronically ill children. One list for the target group
    and the child's record."""

    CURATIVE_MAY_FAIL = "1", _("1 — curative treatment possible but may fail (e.g. cancer)")
    PREMATURE_DEATH_INEVITABLE = (
        "2",
        _("2 — premature death inevitable, long periods of intensive treatment (e.g. Duchenne)"),
    )
    PROGRESSIVE = "3", _("3 — progressive, without curative options (e.g. Batten disease)")
    IRREVERSIBLE_NON_PROGRESSIVE = (
        "4",
        _("4 — irreversible, not progressive, severe disability with complications"),
    )
    SERIOUS_CHRONIC = "serious", _("seriously or chronically ill")

    @classmethod
    def the_four(cls) -> list[tuple[str, Any]]:
        """The four categories proper (the broadened group is the target group's own switch)."""
        return [(value, label) for value, label in cls.choices if value != cls.SERIOUS_CHRONIC]


class TargetGroup(models.Model):
    """Who the network is for (doelgroep). Every change is a new version; none is overwritten."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="target_groups")
    version = models.PositiveIntegerField(_("version"))
    age_min = models.PositiveSmallIntegerField(_("minimum age"), default=0)
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"), default=18, validators=[MaxValueValidator(23)]
    )
    categories = models.JSONField(
        _("condition categories"), default=list, help_text=_("Which of the four categories.")
    )
    broadened = models.BooleanField(
        _("also seriously or chronically ill children"),
        default=False,
        help_text=_("Since 2019 the networks may also serve them: the family's need counts."),
    )
    care_use = models.TextField(_("care use"), blank=True)
    exceptions = models.TextField(_("documented exceptions"), blank=True)
    considerations = models.TextField(_("considerations"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "-version"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "version"], name="targetgroup_version_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(age_max__lte=23) & models.Q(age_min__lte=models.F("age_max")),
                name="targetgroup_age_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} v{self.version}"

    def clean(self) -> None:
        if self.age_min > self.age_max:
            raise ValidationError(
                {"age_min": _("The minimum age cannot be above the maximum age.")}
            )

    def category_labels(self) -> list[str]:
        labels = dict(ConditionCategory.choices)
        return [str(labels[c]) for c in self.categories if c in labels]

    def fits(
        self, *, age: int, category: str | None, seriously_ill: bool = False
    ) -> tuple[bool, list[str]]:
        """Whether a child fits, with the reasons in words (used by the intake)."""
        reasons: list[str] = []
        fits = True
        if not self.age_min <= age <= self.age_max:
            fits = False
            reasons.append(
                str(_("Age %(age)s is outside %(min)s–%(max)s."))
                % {"age": age, "min": self.age_min, "max": self.age_max}
            )
        if category in self.categories:
            reasons.append(
                str(_("Condition category %(c)s is in the target group.")) % {"c": category}
            )
        elif self.broadened and seriously_ill:
            reasons.append(str(_("Seriously or chronically ill: the broadened target group.")))
        else:
            fits = False
            reasons.append(str(_("The condition is not in the target group.")))
        return fits, reasons


class StakeholderAssessment(models.Model):
    """Where one stakeholder stands on one date: influence × interest, now and desired."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="stakeholder_assessments"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="stakeholder_assessments",
    )
    person = models.CharField(
        _("person"), max_length=200, blank=True, help_text=_("When the stakeholder is a person.")
    )
    assessed_on = models.DateField(_("date"), default=date.today)
    influence = models.PositiveSmallIntegerField(_("influence"), validators=SCORE)
    interest = models.PositiveSmallIntegerField(_("interest"), validators=SCORE)
    desired_influence = models.PositiveSmallIntegerField(_("desired influence"), validators=SCORE)
    desired_interest = models.PositiveSmallIntegerField(_("desired interest"), validators=SCORE)
    action = models.TextField(_("what it takes to move them"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["assessed_on", "id"]
        verbose_name = _("stakeholder assessment")
        verbose_name_plural = _("stakeholder assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | ~models.Q(person=""),
                name="stakeholder_is_organization_or_person",
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"stakeholder_{field}_1_to_5",
                )
                for field in ("influence", "interest", "desired_influence", "desired_interest")
            ],
        ]
        indexes = [models.Index(fields=["region", "assessed_on"], name="stakeholder_region_date")]

    def __str__(self) -> str:
        return f"{self.stakeholder_name} {self.assessed_on}"

    @property
    def stakeholder_name(self) -> str:
        if self.organization is not None and self.person:
            return f"{self.person} ({self.organization.name})"
        return self.organization.name if self.organization is not None else self.person

    @property
    def stakeholder_key(self) -> tuple[int | None, str]:
        return (self.organization_id, self.person.strip().lower())


class Collaboration(models.Model):
    """Two organisations that work together (an edge in the network graph)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="collaborations")
    source = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(
        Organization, verbose_name=_("works with"), on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("about"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="collaboration_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="collaboration_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.target}"
