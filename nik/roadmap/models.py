"""The ten-step roadmap of a region, its indicators and its milestone planning."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.core.models import Region


def region_workers(region: Region | None) -> models.QuerySet[Any]:
    """The accounts that work in the region's network: owners of milestones and action items."""
    from nik.core.models import Role, User

    return (
        User.objects.filter(memberships__region=region, memberships__role__in=Role.in_network())
        .distinct()
        .order_by("email")
    )


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    REVISIT = "revisit", _("revisit")


class RoadmapStep(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="roadmap_steps")
    number = models.PositiveSmallIntegerField(_("step"))
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="roadmap_step_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=10), name="roadmap_step_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} stap {self.number}"


class ReflectionAnswer(models.Model):
    step = models.ForeignKey(RoadmapStep, on_delete=models.CASCADE, related_name="answers")
    question = models.PositiveSmallIntegerField()
    answer = models.TextField(_("answer"))
    answered_on = models.DateField(_("date"), default=timezone.localdate)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-answered_on", "-id"]

    def __str__(self) -> str:
        return f"{self.step} v{self.question}"


class Indicator(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=50)
    target = models.CharField(_("target"), max_length=100)
    source = models.CharField(_("source of the figure"), max_length=200)

    class Meta:
        ordering = ["region", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="indicator_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Milestone(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    result = models.TextField(_("result"))
    criteria = models.TextField(_("quality criteria"), blank=True)
    owner = models.CharField(_("owner"), max_length=200)
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    critical = models.BooleanField(_("critical decision"), default=False)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner's account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        help_text=_("The owner sees the milestone on their start page in its last week."),
    )
    proposal = models.ForeignKey(
        "roadmap.Proposal",
        verbose_name=_("from the proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "due", "id"]
        indexes = [models.Index(fields=["region", "due"], name="milestone_region_due")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status not in (MilestoneStatus.DONE, MilestoneStatus.DROPPED) and self.due < (
            today or timezone.localdate()
        )


DEFAULT_INDICATORS = [
    (
        "Oordeel van gezinnen",
        "Het cijfer dat gezinnen geven voor hoe de zorg aansluit bij hun wensen en behoeften.",
        "cijfer 1–10",
        "minstens 7 (ruim voldoende)",
        "Vragenlijst onder gezinnen",
    ),
    (
        "Ervaren samenhang bij professionals",
        "Deel van de betrokken professionals dat de zorg als gecoördineerd, efficiënt en goed ervaart.",
        "%",
        "minstens 90%",
        "Vragenlijst onder professionals",
    ),
    (
        "Groei van deskundigheid",
        "Netwerkleden die scholing, training of intervisie volgden.",
        "aantal",
        "elk jaar meer",
        "Scholingsregistratie",
    ),
    (
        "Kinderen in het netwerk",
        "Het aantal kinderen (gezinnen) dat het netwerk helpt.",
        "aantal",
        "groeiend, volgens plan",
        "Aanmeldingen in NIK",
    ),
    (
        "Eerste contact binnen twee werkdagen",
        "Deel van de aangemelde gezinnen dat binnen twee werkdagen contact had.",
        "%",
        "100%",
        "Aanmeldingen in NIK",
    ),
]


def ensure_defaults(region: Region) -> None:
    """The ten steps exist for every region; the seed's indicators are its first set.

    Indicators are seeded once, into a region without any: a coordinator may rename or sharpen
    them afterwards, and a renamed one must not come back. Two queries when all is there."""
    if not Indicator.objects.filter(region=region).exists():
        Indicator.objects.bulk_create(
            [
                Indicator(
                    region=region,
                    name=name,
                    definition=definition,
                    unit=unit,
                    target=target,
                    source=source,
                )
                for name, definition, unit, target, source in DEFAULT_INDICATORS
            ],
            ignore_conflicts=True,
        )
    existing = set(RoadmapStep.objects.filter(region=region).values_list("number", flat=True))
    missing = [RoadmapStep(region=region, number=n) for n in range(1, 11) if n not in existing]
    if missing:
        RoadmapStep.objects.bulk_create(missing, ignore_conflicts=True)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    DISCUSSED = "discussed", _("discussed")
    APPROVED = "approved", _("approved by the steering group")
    SUPERSEDED = "superseded", _("earlier version")


class PlanOfApproach(models.Model):
    """The region's plan of approach (ambitieformulier): eight parts, versioned, approved by the steering group."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="plans_of_approach")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    goal = models.TextField(_("goal"))
    target_group = models.ForeignKey(
        "network.TargetGroup",
        verbose_name=_("target group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scope = models.TextField(_("scope (area)"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    results_short = models.TextField(_("results in the short term"), blank=True)
    results_long = models.TextField(_("results in the long term"), blank=True)
    milestones_summary = models.TextField(_("milestones"), blank=True)
    monitoring = models.TextField(_("monitoring (the indicators)"), blank=True)
    budget = models.JSONField(_("budget lines"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["region", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "number"], name="plan_of_approach_version_unique"
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=models.Q(status__in=["draft", "discussed"]),
                name="plan_of_approach_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} plan v{self.number}"

    def budget_total(self) -> float:
        return round(sum(float(line.get("amount", 0)) for line in self.budget), 2)


class EventKind(models.TextChoices):
    KICK_OFF = "kick_off", _("kick-off")
    NETWORK = "network", _("network meeting")
    STEERING = "steering", _("steering group")
    LEARNING = "learning", _("learning together")
    OTHER = "other", _("other")


class Event(models.Model):
    """A meeting of the network (not about one family)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(
        _("kind"), max_length=12, choices=EventKind.choices, default=EventKind.NETWORK
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=250, blank=True)
    description = models.TextField(_("agenda"), blank=True)
    invitees = models.ManyToManyField(
        "core.Professional", verbose_name=_("invited"), blank=True, related_name="invitations"
    )
    attendees = models.ManyToManyField(
        "core.Professional", verbose_name=_("attended"), blank=True, related_name="attended_events"
    )
    outcomes = models.TextField(_("outcomes and decisions"), blank=True)
    sequence = models.PositiveIntegerField(
        default=0
    )  # iCalendar SEQUENCE: goes up with each change

    class Meta:
        ordering = ["region", "-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_begun(self) -> bool:
        """Attendance can be told only of a meeting that has begun."""
        return self.starts_at <= timezone.now()


class ActionItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="action_items")
    what = models.CharField(_("action"), max_length=250)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    due = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.what


# The agreement (samenwerkingsovereenkomst) ------------------------------------------------


def add_months(day: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    return day + relativedelta(months=months)


class Agreement(Versioned):
    """What the partners agreed: who does what, who invests what, the route for families."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="agreement")
    principles = models.TextField(_("principles and functions of the network"), blank=True)
    working_method = models.TextField(_("working method: who does what"), blank=True)
    routing = models.TextField(
        _("route for families (work process)"),
        blank=True,
        help_text=_("One step per line, in the order the intake follows them."),
    )
    financing = models.TextField(_("agreements on financing and expenses"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    review_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    next_review = models.DateField(_("next review"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.region} samenwerkingsovereenkomst"

    def routing_steps(self) -> list[str]:
        return [line.strip() for line in self.routing.splitlines() if line.strip()]

    def review_is_due(self, today: date | None = None) -> bool:
        """Due within a week, or already past."""
        from datetime import timedelta

        today = today or timezone.localdate()
        return self.next_review is not None and self.next_review <= today + timedelta(days=7)


class AgreementParty(Versioned):
    """One organisation's commitment: contact, ambassador, roles, hours and money."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    contact_person = models.ForeignKey(
        "core.Professional",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ambassador = models.ForeignKey(
        "core.Professional",
        verbose_name=_("ambassador"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    roles = models.TextField(_("roles"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    authority = models.TextField(_("authority"), blank=True)
    hours_per_month = models.DecimalField(
        _("hours per month"),
        max_digits=6,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    money = models.DecimalField(
        _("money committed (€ per year)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agreement", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"], name="agreement_party_once"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_month__gte=0, money__gte=0),
                name="agreement_party_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)


class StructurePart(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    STEERING = "steering", _("steering group")
    PROJECT_GROUP = "project_group", _("project group")
    PARENTS = "parents", _("parents' voice")


class ProjectRole(models.Model):
    """A person's place in the project structure, with what they do and may decide."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="structure")
    part = models.CharField(_("part"), max_length=15, choices=StructurePart.choices)
    person = models.ForeignKey(
        "core.Professional", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    task = models.CharField(_("role, tasks and authority"), max_length=300, blank=True)

    class Meta:
        ordering = ["agreement", "part", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "part", "person"], name="project_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.part})"


class ReviewLevel(models.TextChoices):
    BOTH = "both", _("board and practice")
    BOARD = "board", _("board")
    PRACTICE = "practice", _("practice")


class AgreementReview(models.Model):
    """A six-monthly check of the agreement against practice, with its outcome."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("held on"))
    level = models.CharField(
        _("checked by"), max_length=10, choices=ReviewLevel.choices, default=ReviewLevel.BOTH
    )
    outcome = models.TextField(_("outcome"))
    next_review = models.DateField(_("next review"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.agreement} review {self.held_on}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("open")
    ADOPTED = "adopted", _("adopted by the steering group")
    DECLINED = "declined", _("declined by the steering group")


class Proposal(models.Model):
    """Step 10: a lesson from practice and what to change, on its way through the steering group."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    lesson = models.TextField(_("what we learnt"))
    proposal = models.TextField(_("what we propose"))
    event = models.ForeignKey(
        Event,
        verbose_name=_("from the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    discussed_on = models.DateField(
        _("discussed with the steering group on"), null=True, blank=True
    )
    decision = models.TextField(_("the steering group's decision"), blank=True)
    plan = models.ForeignKey(
        PlanOfApproach,
        verbose_name=_("changed plan version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["region", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class AgreementChange(models.Model):
    """Why and what changed in the agreement; the proposal it came from, when there is one."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField(_("what changed"))
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_changes",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return self.summary[:60]
