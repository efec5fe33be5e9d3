"""The wegwijzer: what help exists, for parents and professionals, kept fresh."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core.models import Municipality, Organization, Region

STALE_AFTER = timedelta(days=365)


class Category(models.TextChoices):
    RESPITE = "respite", _("respite care and children's hospices")
    HOME_NURSING = "home_nursing", _("home nursing and care")
    SIBLINGS = "siblings", _("support for brothers and sisters")
    PARENTS = "parents", _("parent support and peer contact")
    FINANCING = "financing", _("money and practical arrangements")
    PSYCHOSOCIAL = "psychosocial", _("psychosocial help")
    SPIRITUAL = "spiritual", _("spiritual care")
    SCHOOL = "school", _("school and education support")
    GRIEF = "grief", _("loss and grief")
    AIDS = "aids", _("aids and adaptations")
    VOLUNTEERS = "volunteers", _("volunteers")


class Financing(models.TextChoices):
    WLZ = "wlz", "Wlz"
    ZVW = "zvw", "Zvw"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    WMO = "wmo", "Wmo"
    PGB = "pgb", "PGB"
    FREE = "free", _("free")


class Place(models.Model):
    """A 4-digit postcode's centroid (GeoNames, CC BY 4.0; see directory/data/README.md)."""

    postcode = models.CharField(max_length=4, unique=True)
    city = models.CharField(max_length=120, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return f"{self.postcode} {self.city}"


class Service(models.Model):
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="services",
        help_text=_("Empty for help that is offered nationally."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it is"))
    for_whom = models.CharField(_("for whom"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    age_min = models.PositiveSmallIntegerField(_("from age"), default=0)
    age_max = models.PositiveSmallIntegerField(_("to age"), default=23)
    # Comma-bounded codes (",wlz,pgb,") so one filter works the same on SQLite and PostgreSQL.
    financing = models.CharField(_("financing"), max_length=100, blank=True)
    cost = models.CharField(_("what it costs"), max_length=200, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True, default=",nl,")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact for updates"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail for updates"), blank=True)
    last_confirmed = models.DateField(_("last confirmed"), default=timezone.localdate)
    # The id the service has in HSDS exports (a UUID from its region and name).
    hsds_id = models.CharField(max_length=36, blank=True, db_index=True, editable=False)
    # Stemmed words of name and description: what SQLite's full-text index holds.
    search_stems = models.TextField(blank=True, editable=False)
    # PostgreSQL's full-text vector (Dutch), with a GIN index made by the migration on PostgreSQL only.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["category", "age_min", "age_max"], name="service_category_age"),
            models.Index(fields=["latitude", "longitude"], name="service_coordinates"),
            models.Index(fields=["region", "last_confirmed"], name="service_region_fresh"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_stale(self, today: date | None = None) -> bool:
        return self.last_confirmed < (today or timezone.localdate()) - STALE_AFTER

    def contact_line(self) -> str:
        """Place, phone and website on one line, as the booklet prints them (only those given)."""
        return " · ".join(part for part in (self.city, self.phone, self.website) if part)

    def financing_codes(self) -> list[str]:
        return [c for c in self.financing.split(",") if c]

    def financing_labels(self) -> list[str]:
        labels = dict(Financing.choices)
        return [str(labels.get(c, c)) for c in self.financing_codes()]

    def language_codes(self) -> list[str]:
        return [c for c in self.languages.split(",") if c]

    def confirm_key(self) -> str:
        """The key in the owner's one-step confirmation link; changes once the service is confirmed."""
        from django.conf import settings

        raw = f"{settings.SECRET_KEY}:service:{self.pk}:{self.last_confirmed.isoformat()}"
        return hashlib.sha256(raw.encode()).hexdigest()[:32]


class ServiceReport(models.Model):
    """ "This is not right": a parent or professional reports an error."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reports")
    message = models.TextField(_("what is not right"))
    email = models.EmailField(_("your e-mail address (if you want an answer)"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service}: {self.message[:40]}"


def stable_id(*parts: object) -> str:
    """A UUID that stays the same for the same parts (HSDS ids survive export and import)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "nik-hsds:" + ":".join(str(p) for p in parts)))


def service_key(service: Service) -> str:
    """The service's HSDS id: its region (or "nl" for national) and its name."""
    return stable_id("service", service.region.slug if service.region else "nl", service.name)
