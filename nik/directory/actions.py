"""Writes of the wegwijzer: save, confirm, report, remind (once)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core import audit, notify
from nik.core.models import AuditAction, User

from . import search
from .events import DirectoryEvent
from .models import STALE_AFTER, Service, ServiceReport, service_key


@transaction.atomic
def do_save_service(service: Service, *, acting_user: User | None) -> Service:
    creating = service.pk is None
    service.financing = _codes(service.financing)
    service.languages = _codes(service.languages) or ",nl,"
    if service.postcode and service.latitude is None:
        try:
            point = search.find_place(service.postcode)
        except search.PlaceError:
            point = None
        if point is not None:
            service.latitude, service.longitude = point.latitude, point.longitude
    service.full_clean(exclude=["search_vector"])
    service.save()
    key = service_key(service)
    if service.hsds_id != key:
        Service.objects.filter(pk=service.pk).update(hsds_id=key)
        service.hsds_id = key
    search.index(service)
    audit.record(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        event=DirectoryEvent.SERVICE_ADDED if creating else DirectoryEvent.SERVICE_CHANGED,
        user=acting_user,
        region_id=service.region_id,
        object_type="directory.service",
        object_id=service.pk,
    )
    return service


def _codes(value: str) -> str:
    codes = [c.strip().lower() for c in value.replace(";", ",").split(",") if c.strip()]
    return f",{','.join(codes)}," if codes else ""


@transaction.atomic
def do_confirm_service(
    service: Service, *, acting_user: User | None, on: date | None = None
) -> Service:
    service.last_confirmed = on or timezone.localdate()
    service.save(update_fields=["last_confirmed", "updated_at"])
    audit.record(
        action=AuditAction.UPDATE,
        event=DirectoryEvent.SERVICE_CONFIRMED,
        user=acting_user,
        region_id=service.region_id,
        object_type="directory.service",
        object_id=service.pk,
        details={"confirmed": True},
    )
    return service


@transaction.atomic
def do_report(service: Service, *, message: str, email: str) -> ServiceReport:
    report = ServiceReport.objects.create(
        service=service, message=message.strip()[:2000], email=email
    )
    notify.send(
        to=[service.contact_email],
        subject=_("Someone reports that '%(name)s' is not right") % {"name": service.name},
        body=report.message,
        kind="directory.report",
    )
    return report


def stale_services(today: date | None = None) -> QuerySet[Service]:
    limit = (today or timezone.localdate()) - STALE_AFTER
    return Service.objects.filter(last_confirmed__lt=limit)


@transaction.atomic
def send_reminders(*, base_url: str, today: date | None = None) -> int:
    """E-mail the owner of every stale service once per confirmation date.

    The outbox's unique key (service, confirmation date) is claimed before the mail goes, and
    the mail goes after commit (nik.core.notify): two runs at once send each reminder once, and
    a mail the server refused is tried again.
    """
    sent = 0
    claimed = notify.claimed("directory.freshness:")
    for service in (
        stale_services(today).exclude(contact_email="").select_related("organization").iterator()
    ):
        key = f"directory.freshness:{service.pk}:{service.last_confirmed.isoformat()}"
        if key in claimed:
            continue
        link = base_url.rstrip("/") + reverse(
            "directory:confirm", args=[service.pk, service.confirm_key()]
        )
        if notify.send_once(
            key,
            to=[service.contact_email],
            subject=_("Is '%(name)s' still right?") % {"name": service.name},
            body=_(
                "Hello,\n\nParents and professionals find '%(name)s' in the wegwijzer of the Netwerk Integrale "
                "Kindzorg. It was last confirmed on %(date)s. Please check it: one click confirms it, or "
                "change what is no longer right:\n%(link)s\n"
            )
            % {"name": service.name, "date": service.last_confirmed, "link": link},
        ):
            sent += 1
    return sent
