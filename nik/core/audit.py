"""Writing and verifying the append-only, hash-chained audit log.

Only the access doors (`nik.core.access`, `nik.families.access`) and the apps' actions call
`record`; views never do. Every event has a name (`event`): see each app's `events.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest

from .models import AuditEvent, AuditOutcome, Region, User

GENESIS_HASH = "0" * 64
# Any fixed number: the advisory lock that keeps the chain in order across app processes.
_CHAIN_LOCK_KEY = 7513


@dataclass(frozen=True)
class AccessPoint:
    """Where a request came from (NEN 7513: the access point)."""

    ip_address: str | None = None
    user_agent: str = ""


# Set per request by AccessPointMiddleware; a context variable, so it never leaks between requests.
current_access_point: ContextVar[AccessPoint] = ContextVar(
    "current_access_point",
    default=AccessPoint(),  # noqa: B039  (a frozen dataclass: immutable)
)


def access_point_of(request: HttpRequest) -> AccessPoint:
    # REMOTE_ADDR is the client's address once the proxy sets it (docs/deployment.md).
    return AccessPoint(
        ip_address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def record(
    *,
    action: str,
    event: str,
    outcome: str = AuditOutcome.ALLOWED,
    user: User | None = None,
    user_email: str = "",
    role: str = "",
    region: Region | None = None,
    region_id: int | None = None,
    object_type: str = "",
    object_id: str | int = "",
    subject_family_id: int | None = None,
    purpose: str = "",
    details: dict[str, Any] | None = None,
    access_point: AccessPoint | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it."""
    point = access_point or current_access_point.get()
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        row = AuditEvent(
            user=user if user is not None and user.pk else None,
            user_email=user_email or (user.email if user is not None and user.pk else ""),
            role=role,
            region_id=region.pk if region is not None else region_id,
            action=action,
            event=event,
            object_type=object_type,
            object_id=str(object_id),
            subject_family_id=subject_family_id,
            purpose=purpose[:200],
            ip_address=point.ip_address,
            user_agent=point.user_agent[:400],
            outcome=outcome,
            details=details or {},
            prev_hash=last or GENESIS_HASH,
        )
        row.hash = row.compute_hash()
        row.save()
    return row


def changes(before: Any, after: Any) -> dict[str, Any]:
    """What a save changed, for the event's details: old and new values of states (choices,
    yes/no, which related record); of anything else (text, dates, numbers) only that it changed,
    so the log never becomes a copy of the record."""
    if before is None:
        return {}
    found: dict[str, Any] = {}
    for field in after._meta.concrete_fields:
        if field.primary_key or not field.editable:
            continue
        old, new = field.value_from_object(before), field.value_from_object(after)
        if old == new:
            continue
        is_state = (
            bool(field.choices) or field.is_relation or field.get_internal_type() == "BooleanField"
        )
        found[field.name] = [str(old), str(new)] if is_state else "changed"
    return found


def record_write(
    action: str, obj: Any, region: Region, user: User, event: str = "", **details: Any
) -> AuditEvent:
    """The event of one write to one network record (not a family's): its type, key and region.

    Unnamed, it is called after the record and the action: "agreementparty.update"."""
    return record(
        action=action,
        event=event or f"{obj._meta.model_name}.{action}",
        user=user,
        region=region,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        details=details,
    )


def record_views(user: User, role: str, families: list[Any], purpose: str) -> None:
    """One view event per family shown in a list or search result, chained under one lock."""
    if not families:
        return
    point = current_access_point.get()
    with transaction.atomic():
        _lock_chain()
        prev = (
            AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            or GENESIS_HASH
        )
        events = []
        for family in families:
            event = AuditEvent(
                user=user,
                user_email=user.email,
                role=role,
                region_id=family.region_id,
                action="view",
                event="access.listed",
                object_type="families.family",
                object_id=str(family.pk),
                subject_family_id=family.pk,
                purpose=purpose[:200],
                ip_address=point.ip_address,
                user_agent=point.user_agent[:400],
                outcome=AuditOutcome.ALLOWED,
                details={"listed": True},
                prev_hash=prev,
            )
            event.hash = event.compute_hash()
            prev = event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events)


def _lock_chain() -> None:
    # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE);
    # PostgreSQL needs a lock so two processes never chain onto the same event.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(batch_size: int = 2000) -> tuple[int, list[ChainBreak]]:
    """Walk the whole chain; return the number of events checked and every break found."""
    breaks: list[ChainBreak] = []
    expected_prev = GENESIS_HASH
    count = 0
    for event in _iterate(batch_size):
        count += 1
        if event.prev_hash != expected_prev:
            breaks.append(ChainBreak(event.id, "previous hash does not match the event before it"))
        if event.compute_hash() != event.hash:
            breaks.append(ChainBreak(event.id, "content does not match its hash"))
        expected_prev = event.hash
    return count, breaks


def _iterate(batch_size: int) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id
