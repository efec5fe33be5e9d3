"""Regions, accounts, roles per region, organisations, professionals and the audit log."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any, ClassVar, TypeVar

import pgtrigger
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .concurrency import Versioned


class Region(models.Model):
    """One of the seven regional networks, around an academic hospital."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    hospital = models.CharField(_("academic hospital"), max_length=200)
    children_hospital = models.CharField(_("children's hospital"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The central contact point, as the public sees it.
    phone = models.CharField(_("phone of the contact point"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail of the contact point"), blank=True)
    hours = models.CharField(
        _("when the contact point answers"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Friday, 9:00 to 17:00."),
    )
    offer = models.TextField(
        _("what the network offers families"),
        blank=True,
        help_text=_("In plain words, one point per line."),
    )
    postcodes = models.CharField(
        _("postcode areas"),
        max_length=400,
        blank=True,
        help_text=_(
            "Ranges of four-digit postcodes this network serves, e.g. 2200-2499, 2800-2899."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("region_overview", args=[self.slug])

    def postcode_ranges(self) -> list[tuple[int, int]]:
        """The postcode areas as (first, last) pairs; what cannot be read is left out."""
        found = []
        for part in self.postcodes.replace(";", ",").split(","):
            first, _dash, last = part.strip().partition("-")
            if first.strip().isdigit() and (not last or last.strip().isdigit()):
                low = int(first)
                found.append((low, int(last) if last else low))
        return found

    def serves_postcode(self, postcode: int) -> bool:
        return any(low <= postcode <= high for low, high in self.postcode_ranges())

    def offer_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.offer.splitlines() if line.strip(" -•\t")]


class Municipality(models.Model):
    """A municipality (gemeente) in a region's area."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="municipalities")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """An account: logs in with its e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Made by `nik demo`. A production server refuses to start while one exists."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def held(self) -> tuple[Membership, ...]:
        """The user's roles per region, with their regions: read once per user object (a
        request's user lives for one request) and again after any membership was saved or
        removed in this process, so the doors of one page ask the database once."""
        memo = self.__dict__.get("_held")
        if memo is None or memo[0] != _membership_writes[0]:
            rows = tuple(Membership.objects.filter(user=self).select_related("region"))
            memo = self.__dict__["_held"] = (_membership_writes[0], rows)
        return memo[1]

    def holds(self, region_id: int | None, *roles: str) -> bool:
        """Whether the user holds any of ``roles`` (any role when none given) in the region."""
        return any(m.region_id == region_id and (not roles or m.role in roles) for m in self.held())

    def holds_anywhere(self, *roles: str) -> bool:
        return any(m.role in roles for m in self.held())

    def roles(self) -> set[str]:
        return {m.role for m in self.held()}

    def needs_second_factor(self) -> bool:
        """Roles that can reach family data, and the admin, need a second factor."""
        if self.is_superuser or self.is_staff:
            return True
        return bool(self.roles() & Role.with_family_data())


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("network coordinator")
    CASEMANAGER = "casemanager", _("case manager")
    MEMBER = "member", _("network member")
    STEERING = "steering", _("steering group")
    PARENT = "parent", _("parent")
    NATIONAL = "national", _("national analyst")
    ADMIN = "admin", _("administrator")

    @classmethod
    def in_network(cls) -> list[str]:
        """Roles of the people who build and run a region's network (its workers)."""
        return [cls.COORDINATOR, cls.CASEMANAGER, cls.MEMBER, cls.STEERING]

    @classmethod
    def with_family_data(cls) -> set[str]:
        """Roles that may, by their rule, see data of a family (PRODUCT.md, need to know)."""
        return {cls.COORDINATOR, cls.CASEMANAGER, cls.MEMBER, cls.PARENT, cls.ADMIN}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_user(self, user: AbstractBaseUser) -> MembershipQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user).select_related("region")


class Membership(models.Model):
    """A role a user holds in one region."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    ambassador = models.BooleanField(
        _("ambassador"), default=False, help_text=_("Champions the network in their organisation.")
    )
    contact_person = models.BooleanField(
        _("contact person"),
        default=False,
        help_text=_("Fixed contact of their organisation for the network."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["region__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "role"], name="membership_unique_role_in_region"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.region}"


# Moved by every membership saved or removed in this process: `User.held` reads again after it.
_membership_writes = [0]


def _membership_written(**kwargs: Any) -> None:
    _membership_writes[0] += 1


models.signals.post_save.connect(_membership_written, sender=Membership)
models.signals.post_delete.connect(_membership_written, sender=Membership)


class OrganizationKind(models.TextChoices):
    UMC = "umc", _("academic hospital (UMC)")
    GENERAL_HOSPITAL = "general_hospital", _("general hospital")
    HOME_CARE = "home_care", _("home care")
    GP_PRACTICE = "gp_practice", _("GP practice")
    PHARMACY = "pharmacy", _("pharmacy")
    YOUTH_HEALTH_CARE = "youth_health_care", _("youth health care (JGZ)")
    HOSPICE = "hospice", _("children's hospice / respite house")
    THERAPY_PRACTICE = "therapy_practice", _("therapy practice")
    MENTAL_HEALTH = "mental_health", _("mental health care")
    SPIRITUAL_CARE = "spiritual_care", _("spiritual care")
    SCHOOL_SUPPORT = "school_support", _("school support")
    MUNICIPALITY = "municipality", _("municipality")
    PARENT_ORGANIZATION = "parent_organization", _("parent organisation")
    KNOWLEDGE_CENTRE = "knowledge_centre", _("knowledge centre")
    OTHER = "other", _("other")


class Organization(Versioned):
    """A partner organisation in a region's network."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="organizations")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    has_comfort_team = models.BooleanField(_("has a children's comfort team (KCT)"), default=False)
    expertise = models.TextField(_("expertise"), blank=True)
    contributes = models.TextField(
        _("what it can contribute"), blank=True, help_text=_("Which part of the puzzle it solves.")
    )
    cannot_contribute = models.TextField(_("what it cannot contribute"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="organization_unique_name_in_region"
            )
        ]
        indexes = [
            models.Index(fields=["region", "kind"], name="organization_region_kind"),
            # How an import finds the organisations a sheet names, however they were typed.
            models.Index(
                models.F("region"), Lower(Trim("name")), name="organization_region_name_key"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DisciplineCode(models.TextChoices):
    """The disciplines named in the basismodel, paramedics split into their four."""

    DOCTOR = "doctor", _("doctor")
    NURSE = "nurse", _("nurse")
    PHARMACIST = "pharmacist", _("pharmacist")
    PHYSIOTHERAPIST = "physiotherapist", _("physiotherapist")
    OCCUPATIONAL_THERAPIST = "occupational_therapist", _("occupational therapist")
    SPEECH_THERAPIST = "speech_therapist", _("speech therapist")
    DIETITIAN = "dietitian", _("dietitian")
    GRIEF_THERAPIST = "grief_therapist", _("grief and loss therapist")
    PSYCHOLOGIST = "psychologist", _("psychologist")
    SOCIAL_WORKER = "social_worker", _("social worker")
    SPIRITUAL_CARER = "spiritual_carer", _("spiritual carer")
    PEDAGOGUE = "pedagogue", _("pedagogue")
    SCHOOL_SUPPORT_CONSULTANT = "school_support_consultant", _("school-support consultant")


PARAMEDIC_CODES = {
    DisciplineCode.PHYSIOTHERAPIST,
    DisciplineCode.OCCUPATIONAL_THERAPIST,
    DisciplineCode.SPEECH_THERAPIST,
    DisciplineCode.DIETITIAN,
}


class DisciplineManager(models.Manager["Discipline"]):
    def ensure_all(self) -> dict[str, Discipline]:
        """Every discipline of the basismodel, by code (the data migration makes them too)."""
        found = {d.code: d for d in self.all()}
        for code in DisciplineCode.values:
            if code not in found:
                found[code] = self.create(code=code, is_paramedic=code in PARAMEDIC_CODES)
        return found


class Discipline(models.Model):
    code = models.CharField(_("code"), max_length=40, choices=DisciplineCode.choices, unique=True)
    is_paramedic = models.BooleanField(_("paramedic"), default=False)

    objects = DisciplineManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")

    def __str__(self) -> str:
        return str(self.get_code_display())


class Professional(Versioned):
    """A person working for a partner organisation."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="professionals")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="professionals",
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="professional_profiles",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    disciplines = models.ManyToManyField(
        Discipline, verbose_name=_("disciplines"), related_name="professionals", blank=True
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    contributes = models.TextField(_("what they can contribute"), blank=True)
    cannot_contribute = models.TextField(_("what they cannot contribute"), blank=True)
    # Kept by the roadmap's agreement actions: whom the cooperation agreement names.
    named_ambassador = models.BooleanField(
        _("ambassador in the agreement"), default=False, editable=False
    )
    named_contact_person = models.BooleanField(
        _("contact person in the agreement"), default=False, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        indexes = [models.Index(fields=["region", "full_name"], name="professional_region_name")]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        if (
            self.organization_id
            and self.region_id
            and self.organization.region_id != self.region_id
        ):
            raise ValidationError(
                {"organization": _("The organisation belongs to another region.")}
            )


class TokenState(models.TextChoices):
    ACTIVE = "active", _("active")
    EXPIRED = "expired", _("expired")
    REVOKED = "revoked", _("revoked")


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; it is shown once, when it is made
    (`nik api-token` or the API tokens page), and is refused after it expires or is revoked."""

    DEFAULT_DAYS = 90
    MAX_DAYS = 365

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(_("name or purpose"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.label or f'{self.created_at:%Y-%m-%d}'})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def make(cls, user: User, *, label: str = "", days: int = DEFAULT_DAYS) -> tuple[ApiToken, str]:
        """A new token for `user`, valid `days` days (1 to MAX_DAYS), and its key: the key is
        shown once and never stored, only its hash."""
        if not 1 <= days <= cls.MAX_DAYS:
            raise ValueError(f"A token is valid 1 to {cls.MAX_DAYS} days, not {days}.")
        key = secrets.token_urlsafe(32)
        now = timezone.now()
        token = cls.objects.create(
            user=user,
            key_hash=cls.hash_key(key),
            label=label[:100],
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        return token, key

    @classmethod
    def issue(cls, user: User, *, label: str = "", days: int = DEFAULT_DAYS) -> str:
        """Make a token for `user` and return its key: shown once, only the hash is kept."""
        return cls.make(user, label=label, days=days)[1]

    def state(self, now: datetime | None = None) -> TokenState:
        if self.revoked_at is not None:
            return TokenState.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return TokenState.EXPIRED
        return TokenState.ACTIVE


class AuditAction(models.TextChoices):
    VIEW = "view", _("view")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    LOGIN = "login", _("login")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logout")


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("denied")


class AppendOnlyError(Exception):
    """The audit log is append-only."""


_Row = TypeVar("_Row", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_Row]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One access or change, as NEN 7513 asks; append-only and hash-chained.

    Write through `nik.core.audit.record` (via core/access.py and the actions), never by hand.
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    # No database constraint: the log outlives the accounts and regions it names.
    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the index (user, time) below serves it
        null=True,
        blank=True,
        related_name="+",
    )
    user_email = models.CharField(_("user e-mail"), max_length=254, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the index (region, time) below serves it
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    # What happened, by name ("referral.accepted", "plan.published", "access.refused"): each app
    # names its events in its events.py (like Zulip's RealmAuditLog types or Saleor's events).
    event = models.CharField(_("event"), max_length=60, blank=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # The family the event is about (NEN 7513 "client"); a plain id so the log outlives records.
    subject_family_id = models.BigIntegerField(_("family"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=400, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=AuditOutcome.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    # Each region chains its own events (0: events of no region, and every event written before
    # chains were per region), so regions never wait on each other's lock.
    chain = models.PositiveIntegerField(default=0)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    # The families a list view showed (AuditSubject rows), set before the hash is computed.
    subject_ids: list[int] | None = None

    class Meta:
        ordering = ["id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["user", "created_at"], name="auditevent_user_time"),
            models.Index(fields=["region", "created_at"], name="auditevent_region_time"),
            models.Index(fields=["chain", "id"], name="auditevent_chain"),
            # As plain indexes and a constraint, not `db_index`/`unique` on the fields: those add
            # a second (pattern) index per text column on PostgreSQL, kept on every insert of
            # the most-written table and never used.
            models.Index(fields=["event"], name="auditevent_event"),
        ]
        constraints = [models.UniqueConstraint(fields=["hash"], name="auditevent_hash_unique")]
        triggers = [
            pgtrigger.Protect(
                name="auditevent_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.user_email} {self.action} {self.outcome}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit events cannot be deleted.")

    def compute_hash(self) -> str:
        return chained_hash(
            self.prev_hash,
            {field: getattr(self, attname) for field, attname in CHAINED_FIELDS},
            self.subject_ids,
        )


# The fields an event's hash covers: (name in the hashed content, model attribute).
CHAINED_FIELDS = (
    ("created_at", "created_at"),
    ("user", "user_id"),
    ("user_email", "user_email"),
    ("role", "role"),
    ("region", "region_id"),
    ("action", "action"),
    ("object_type", "object_type"),
    ("object_id", "object_id"),
    ("subject", "subject_family_id"),
    ("purpose", "purpose"),
    ("ip", "ip_address"),
    ("user_agent", "user_agent"),
    ("outcome", "outcome"),
    ("details", "details"),
    ("event", "event"),
    ("chain", "chain"),
)


def chained_hash(prev_hash: str, values: dict[str, Any], subject_ids: list[int] | None) -> str:
    """The hash of one event: the one before it, its fields and the families it lists.

    Keys added later (event, chain, subjects) are left out when empty, so the events written
    before them still verify."""
    content = dict(values, created_at=values["created_at"].isoformat())
    for later in ("event", "chain"):
        if not content[later]:
            del content[later]
    if subject_ids:
        content["subjects"] = sorted(subject_ids)
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + text).encode()).hexdigest()


class AuditSubject(models.Model):
    """One family shown in a list view: the view is one event, its families are rows here.

    Append-only like the events; the parents' access overview finds them by family."""

    event = models.ForeignKey(
        AuditEvent, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    family_id = models.BigIntegerField(db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("family in an audit event")
        verbose_name_plural = _("families in audit events")
        triggers = [
            pgtrigger.Protect(
                name="auditsubject_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.family_id}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being checked")
    DONE = "done", _("imported")
    REFUSED = "refused", _("not imported: the file has problems")
    FAILED = "failed", _("not imported: something went wrong")


class ImportJob(models.Model):
    """One uploaded spreadsheet, imported in the background (a task) with its progress.

    The file is kept until the job has run; the import itself stays all-or-nothing.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="import_jobs")
    kind = models.CharField(_("what"), max_length=40)
    filename = models.CharField(_("file"), max_length=200, blank=True)
    content = models.BinaryField(editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REFUSED, ImportStatus.FAILED)


class OutgoingMessage(models.Model):
    """One e-mail on its way out, claimed by a unique key: sent once, retried until it is.

    Write through `nik.core.notify`; once sent, the body and attachments are cleared (a link in
    an invitation is a key), the key, addressees, subject and time stay as the record.
    """

    key = models.CharField(max_length=200, unique=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "created_at"], name="message_unsent")]

    def __str__(self) -> str:
        return self.key
