"""The family in care: the record, consent, the care team, the route, questions and referrals.

Read family data only through `nik.core.access`; write it only through `nik.families.actions`.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import Any

import holidays
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.concurrency import Versioned
from nik.core.limits import MAX_FREE_TEXT, plausible_date
from nik.core.models import Municipality, Organization, Professional, Region
from nik.core.sorting import sort_key
from nik.network.models import ConditionCategory

# Dutch public holidays (Koningsdag, Hemelvaart, Kerst, …) from the `holidays` package.
HOLIDAYS = holidays.country_holidays("NL")


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in HOLIDAYS


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days after `start`, at the same time of day (weekends and holidays skipped)."""
    moment = start
    left = days
    while left > 0:
        moment += timedelta(days=1)
        local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        if is_working_day(local.date()):
            left -= 1
    return moment


class Stage(models.TextChoices):
    """The route of a family through the network (werkproces)."""

    REGISTERED = "registered", _("registered")
    INTAKE = "intake", _("intake")
    IN_CARE = "in_care", _("in care")
    AFTERCARE = "aftercare", _("aftercare")
    CLOSED = "closed", _("closed")


class Family(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="families"
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("How the team refers to the family.")
    )
    # The name in Dutch order ("de Kale" under K), kept by save(): lists page by it.
    sort_name = models.CharField(max_length=200, editable=False, default="")
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.REGISTERED
    )
    casemanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_families",
    )
    portal_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal accounts"),
        related_name="portal_families",
        blank=True,
        help_text=_("Parents (and the child from 12) who see this family in the portal."),
    )
    language = models.CharField(
        _("language at home"), max_length=60, blank=True, default="Nederlands"
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["sort_name", "pk"]
        verbose_name = _("family")
        verbose_name_plural = _("families")
        indexes = [
            models.Index(fields=["region", "stage"], name="family_region_stage"),
            # A region's families by name.
            models.Index(fields=["region", "name"], name="family_region_name"),
            # The family list pages through the families in Dutch order (keyset on sort_name,
            # id): the door's rules filter while the index is walked, and it stops after a page.
            models.Index(fields=["sort_name", "id"], name="family_sort_name_id"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_name = sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)


class RegionTally(models.Model):
    """How many families a region holds, kept in step by every family made or removed.

    The region card and the API's `count` read it instead of counting 100,000 rows. The database
    keeps it (an update in the same transaction as the family's own write), so it is exact; code
    that writes families around the ORM's signals (the benchmark generator) calls
    `figures.recount_families` after.
    """

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, primary_key=True, related_name="family_tally"
    )
    families = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.region_id}: {self.families}"


class ReferralTally(models.Model):
    """How many referrals a region received on one day per source, and declined per reason.

    The referral list's figures (the last twelve months) add these up instead of counting every
    referral of the year on each view. A saved or removed referral counts its day again, under
    the region's lock, so the tally is exact (`figures.recount_referral_day`); code that writes
    referrals around the ORM's signals (the benchmark generator) calls `figures.recount_referrals`.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    field = models.CharField(max_length=20)  # "source" or "decline_reason"
    code = models.CharField(max_length=40)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "day", "field", "code"], name="referral_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.day} {self.field}={self.code}: {self.n}"


class Child(models.Model):
    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="child")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), validators=[plausible_date])
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    condition_category = models.CharField(
        _("condition category"), max_length=10, choices=ConditionCategory.choices, blank=True
    )
    diagnosis = models.TextField(_("diagnosis in words"), blank=True)
    diagnosed_on = models.DateField(
        _("date of diagnosis"), null=True, blank=True, validators=[plausible_date]
    )

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        # A new referral looks for the same child (name and date of birth) among the region's.
        indexes = [models.Index(fields=["date_of_birth"], name="child_date_of_birth")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age(self, on: date | None = None) -> int:
        today = on or timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Guardian(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation to the child"), max_length=60, default="ouder")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    has_custody = models.BooleanField(_("has parental authority"), default=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("parent or guardian")
        verbose_name_plural = _("parents and guardians")

    def __str__(self) -> str:
        return self.name


class Sibling(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="siblings")
    first_name = models.CharField(_("first name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    needs = models.TextField(_("what they need"), blank=True)

    class Meta:
        ordering = ["date_of_birth", "id"]
        verbose_name = _("brother or sister")
        verbose_name_plural = _("brothers and sisters")

    def __str__(self) -> str:
        return self.first_name


class FamilyContact(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("who they are"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class ConsentScope(models.TextChoices):
    BASIC = "basic", _("basic record")
    CARE_PLAN = "care_plan", _("care plan")
    DOCUMENTS = "documents", _("documents")


class ConsentGiver(models.TextChoices):
    PARENTS = "parents", _("the parents")
    CHILD_AND_PARENTS = "child_and_parents", _("the child and the parents")
    YOUNG_PERSON = "young_person", _("the young person")


def consent_giver_for_age(age: int) -> str:
    """Who gives consent under Dutch law (WGBO): under 12 the parents; 12–15 both; 16+ the young person."""
    if age < 12:
        return ConsentGiver.PARENTS
    if age < 16:
        return ConsentGiver.CHILD_AND_PARENTS
    return ConsentGiver.YOUNG_PERSON


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self, on: datetime | None = None) -> ConsentQuerySet:
        now = on or timezone.now()
        return self.filter(given_at__lte=now, withdrawn_at__isnull=True).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=timezone.localdate(now))
        )


class Consent(models.Model):
    """The family allows one organisation to see one part of its data."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="consents")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField(_("what"), max_length=20, choices=ConsentScope.choices)
    given_by = models.CharField(_("given by"), max_length=20, choices=ConsentGiver.choices)
    given_by_names = models.CharField(_("names"), max_length=250, blank=True)
    method = models.CharField(
        _("how"),
        max_length=20,
        choices=[
            ("written", _("in writing")),
            ("verbal", _("verbally")),
            ("portal", _("in the portal")),
        ],
        default="written",
    )
    given_at = models.DateTimeField(_("given on"), default=timezone.now)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["family", "organization", "scope"], name="consent_lookup")]

    def __str__(self) -> str:
        return f"{self.family} → {self.organization} ({self.scope})"

    def is_active(self) -> bool:
        return Consent.objects.active().filter(pk=self.pk).exists()


class TeamRole(models.TextChoices):
    CASEMANAGER = "casemanager", _("case manager")
    LEAD_PHYSICIAN = "lead_physician", _("lead physician")
    COMFORT_TEAM = "comfort_team", _("children's comfort team")
    GP = "gp", _("GP")
    HOME_CARE = "home_care", _("home care")
    PHARMACY = "pharmacy", _("pharmacy")
    PARAMEDIC = "paramedic", _("paramedic")
    SOCIAL_WORK = "social_work", _("social work")
    PSYCHOLOGIST = "psychologist", _("psychologist")
    SPIRITUAL_CARER = "spiritual_carer", _("spiritual carer")
    GRIEF_COUNSELLOR = "grief_counsellor", _("grief counsellor")
    SCHOOL_SUPPORT = "school_support", _("school support")
    OTHER = "other", _("other")


# The same roles as parents read them: no professional titles ("hoofdbehandelaar"), plain words.
PARENT_ROLE_LABELS: dict[str, object] = {
    TeamRole.CASEMANAGER: _("your case manager, your first contact"),
    TeamRole.LEAD_PHYSICIAN: _("your child's main doctor"),
    TeamRole.COMFORT_TEAM: _("the children's team of the hospital"),
    TeamRole.GP: _("your GP"),
    TeamRole.HOME_CARE: _("care at home"),
    TeamRole.PHARMACY: _("pharmacy"),
    TeamRole.PARAMEDIC: _("therapist (for example physiotherapy)"),
    TeamRole.SOCIAL_WORK: _("social worker"),
    TeamRole.PSYCHOLOGIST: _("psychologist"),
    TeamRole.SPIRITUAL_CARER: _("someone to talk to about meaning and faith"),
    TeamRole.GRIEF_COUNSELLOR: _("someone to help with loss and grief"),
    TeamRole.SCHOOL_SUPPORT: _("help with school"),
    TeamRole.OTHER: _("also in your team"),
}


class CareTeamMember(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="team")
    professional = models.ForeignKey(
        Professional,
        verbose_name=_("professional"),
        on_delete=models.CASCADE,
        related_name="team_places",
    )
    role = models.CharField(_("role"), max_length=30, choices=TeamRole.choices)
    added_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("care team member")
        verbose_name_plural = _("care team members")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "professional", "role"], name="team_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.professional} ({self.get_role_display()})"

    def role_for_parents(self) -> str:
        return str(PARENT_ROLE_LABELS.get(self.role, self.get_role_display()))


class Availability(models.Model):
    """One line of the 24-hour arrangement: whom to call when."""

    class Period(models.TextChoices):
        OFFICE_HOURS = "office", _("weekdays, office hours")
        EVENING_NIGHT = "night", _("evenings and nights")
        WEEKEND = "weekend", _("weekends and holidays")
        ALWAYS = "always", _("day and night")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="availability")
    period = models.CharField(_("when"), max_length=10, choices=Period.choices)
    who = models.CharField(_("who"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40)
    notes = models.CharField(_("notes"), max_length=250, blank=True)

    class Meta:
        ordering = ["period", "id"]
        verbose_name = _("24-hour availability")
        verbose_name_plural = _("24-hour availability")

    def __str__(self) -> str:
        return f"{self.get_period_display()}: {self.who}"


class StageChange(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.family}: {self.stage}"


class ReferralSource(models.TextChoices):
    UMC = "umc", _("academic hospital (UMC)")
    GENERAL_HOSPITAL = "general_hospital", _("general hospital")
    GP = "gp", _("GP")
    YOUTH_HEALTH_CARE = "youth_health_care", _("youth health care")
    HOME_CARE = "home_care", _("home care")
    PARENTS = "parents", _("the parents themselves")
    OTHER = "other", _("other")


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("waiting for a decision")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    REFERRED_ELSEWHERE = "elsewhere", _("referred elsewhere")
    DUPLICATE = "duplicate", _("duplicate")


class DeclineReason(models.TextChoices):
    OUTSIDE_TARGET_GROUP = "target_group", _("outside the target group")
    OUTSIDE_REGION = "region", _("lives outside the region")
    NO_ADDED_VALUE = "no_added_value", _("no added value over current care")
    FAMILY_DECLINED = "family", _("the family does not want it")
    OTHER = "other", _("other")


class Referral(models.Model):
    """A request to take a family into the network (aanmelding)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="referrals")
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="referrals")
    source = models.CharField(_("referred by"), max_length=30, choices=ReferralSource.choices)
    referrer_name = models.CharField(_("name of the referrer"), max_length=200, blank=True)
    referrer_contact = models.CharField(
        _("phone or e-mail of the referrer"), max_length=200, blank=True
    )
    question = models.TextField(
        _("what the family needs"), blank=True, validators=[MaxLengthValidator(MAX_FREE_TEXT)]
    )
    consent_to_share = models.BooleanField(
        _("the family agrees to be referred"),
        help_text=_("Without the family's consent the network cannot take the referral."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )
    decline_reason = models.CharField(
        _("reason"), max_length=30, choices=DeclineReason.choices, blank=True
    )
    decision_note = models.TextField(_("explanation"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("same child as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    contact_due_at = models.DateTimeField(_("contact the family before"))
    first_contact_at = models.DateTimeField(
        _("first contact with the family"), null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["region", "status"], name="referral_region_status"),
            # The referral list and the start page's clocks: a region's newest first.
            models.Index(fields=["region", "-received_at"], name="referral_region_received"),
            # The waiting list: a region's referrals without a decision, oldest first.
            models.Index(
                fields=["region", "received_at"],
                condition=models.Q(decided_at__isnull=True),
                name="referral_undecided",
            ),
            # The start page's clocks: a region's referrals without a decision, first due first.
            models.Index(
                fields=["region", "contact_due_at"],
                condition=models.Q(decided_at__isnull=True),
                name="referral_undecided_due",
            ),
        ]

    # What lists of referrals read of a referral and its family: what they show (name, dates,
    # source, status, clock) and the door's log needs. A list of 150 rows spends more time
    # making objects of its columns than querying them; the long texts stay in the database.
    LISTED = (
        "region_id",
        "status",
        "source",
        "decline_reason",
        "received_at",
        "contact_due_at",
        "first_contact_at",
        "decided_at",
        "family__name",
        "family__region_id",
    )

    def __str__(self) -> str:
        return f"{self.family} ({self.received_at:%Y-%m-%d})"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.contact_due_at:
            self.contact_due_at = add_working_days(self.received_at, 2)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_late(self) -> bool:
        deadline_passed = (self.first_contact_at or timezone.now()) > self.contact_due_at
        return deadline_passed


class InquiryTopic(models.TextChoices):
    CARE_AT_HOME = "care_at_home", _("care at home")
    RESPITE = "respite", _("respite care")
    SIBLINGS = "siblings", _("brothers and sisters")
    FINANCING = "financing", _("money and arrangements")
    SCHOOL = "school", _("school")
    GRIEF = "grief", _("loss and grief")
    OTHER = "other", _("something else")


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class AnswerWay(models.TextChoices):
    """How an answer reaches the person who asked."""

    EMAIL = "email", _("sent by e-mail")
    PHONE = "phone", _("told by phone")
    DRAFT = "draft", _("not yet: save as a draft")


class Inquiry(Versioned):
    """A question to the network's central contact point."""

    class Channel(models.TextChoices):
        WEB = "web", _("contact page")
        PORTAL = "portal", _("family page")
        PHONE = "phone", _("phone")
        EMAIL = "email", _("e-mail")

    class Asker(models.TextChoices):
        PARENT = "parent", _("parent")
        PROFESSIONAL = "professional", _("professional")
        OTHER = "other", _("other")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="inquiries")
    family = models.ForeignKey(
        Family, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=InquiryTopic.choices)
    question = models.TextField(_("question"), validators=[MaxLengthValidator(MAX_FREE_TEXT)])
    asker = models.CharField(_("I am"), max_length=20, choices=Asker.choices, default=Asker.PARENT)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    channel = models.CharField(
        _("came in by"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    first_answer_at = models.DateTimeField(
        _("first answered"),
        null=True,
        blank=True,
        help_text=_("When the person who asked first had an answer: e-mailed or told by phone."),
    )
    answer_sent_at = models.DateTimeField(_("answer sent"), null=True, blank=True)
    answered_by = models.CharField(
        _("answered by"), max_length=10, choices=AnswerWay.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, db_index=True)
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    services = models.ManyToManyField(
        "directory.Service", verbose_name=_("help from the wegwijzer"), blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["region", "status"], name="inquiry_region_status")]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.question[:50]}"

    def time_to_first_answer(self) -> timedelta | None:
        return self.first_answer_at - self.received_at if self.first_answer_at else None

    @staticmethod
    def hash_source(address: str | None) -> str:
        # The address itself is not kept; only a salted hash, to count questions per sender.
        return hashlib.sha256(f"{settings.SECRET_KEY}:{address or ''}".encode()).hexdigest()


class Invitation(models.Model):
    """An e-mailed invitation for a parent (or the child from 12) to the family portal."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.family}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class EmergencyAccess(models.Model):
    """Break-glass: a professional outside the team opened the record in an emergency."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="emergency_accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.CharField(_("review note"), max_length=250, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")

    def __str__(self) -> str:
        return f"{self.user} → {self.family}"
