"""Writing and verifying the append-only, hash-chained audit log.

Only the access doors (`nik.core.access`, `nik.families.access`) and the apps' actions call
`record`; views never do. Every event has a name (`event`): see each app's `events.py`.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Collection
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from .events import CoreEvent
from .models import (
    CHAINED_FIELDS,
    AuditAction,
    AuditEvent,
    AuditOutcome,
    AuditSubject,
    Region,
    User,
    chained_hash,
)

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
    subjects: Collection[int] = (),
    purpose: str = "",
    details: dict[str, Any] | None = None,
    access_point: AccessPoint | None = None,
) -> AuditEvent:
    """Append one event to its region's chain and return it.

    ``subjects`` are the families a list showed: one event for the view, a row per family."""
    point = access_point or current_access_point.get()
    region_id = region.pk if region is not None else region_id
    chain = region_id or 0
    with transaction.atomic():
        _lock_chain(chain)
        last = AuditEvent.objects.filter(chain=chain).order_by("-id").values("hash").first()
        row = AuditEvent(
            user=user if user is not None and user.pk else None,
            user_email=user_email or (user.email if user is not None and user.pk else ""),
            role=role,
            region_id=region_id,
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
            chain=chain,
            prev_hash=last["hash"] if last else GENESIS_HASH,
        )
        row.subject_ids = sorted(set(subjects))
        row.hash = row.compute_hash()
        row.save()
        if row.subject_ids:
            _add_subjects(row.pk, row.subject_ids)
    return row


def _add_subjects(event_id: int, family_ids: list[int]) -> None:
    """The families a list view showed, a row each. On PostgreSQL one statement with the ids as
    one array (a list view names 50 to 150 families; building a model object per row took
    longer than the insert)."""
    if connection.vendor != "postgresql":
        AuditSubject.objects.bulk_create(
            AuditSubject(event_id=event_id, family_id=family_id) for family_id in family_ids
        )
        return
    table = connection.ops.quote_name(AuditSubject._meta.db_table)
    # The table's name is the model's own; the ids travel as one parameter.
    insert = f"INSERT INTO {table} (event_id, family_id) SELECT %s, unnest(%s::bigint[])"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(insert, [event_id, family_ids])


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
    action: str, obj: Any, region: Region | None, user: User, event: str = "", **details: Any
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
    """One view event for the families shown in a list or search result, each a subject of it."""
    if not families:
        return
    regions = {family.region_id for family in families}
    record(
        action=AuditAction.VIEW,
        event=CoreEvent.LISTED,
        user=user,
        role=role,
        region_id=regions.pop() if len(regions) == 1 else None,
        object_type="families.family",
        subjects=[family.pk for family in families],
        purpose=purpose,
        details={"listed": len(families)},
    )


def _lock_chain(chain: int) -> None:
    # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE); on PostgreSQL
    # a lock per chain keeps two processes from chaining onto the same event, while another
    # region's events go on.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_CHAIN_LOCK_KEY, chain])


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


@dataclass
class Checkpoint:
    """How far a verification got: the last event checked and the newest event of each chain.

    Saved between runs, it lets the next run start there; the events it names must still be
    there, unchanged, or the run says so."""

    last_id: int = 0
    count: int = 0
    heads: dict[int, tuple[int, str]] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "last_id": self.last_id,
            "count": self.count,
            "heads": {str(chain): list(head) for chain, head in self.heads.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            last_id=int(data["last_id"]),
            count=int(data["count"]),
            heads={int(c): (int(h[0]), str(h[1])) for c, h in data["heads"].items()},
        )


_ATTNAMES = [attname for _, attname in CHAINED_FIELDS]


def verify_chain(
    batch_size: int = 20_000,
    start: Checkpoint | None = None,
    progress: Callable[[Checkpoint], None] | None = None,
) -> tuple[int, list[ChainBreak]]:
    """Walk every chain from ``start`` (or the beginning) in one pass; return the number of
    events checked in all and every break found.

    ``progress`` is called with a new checkpoint after each batch, while no break is found."""
    done = copy.deepcopy(start) if start else Checkpoint()
    breaks = _still_there(done.heads)
    expected = {chain: head[1] for chain, head in done.heads.items()}
    names = [name for name, _ in CHAINED_FIELDS]
    while True:
        rows = list(
            AuditEvent.objects.filter(id__gt=done.last_id)
            .order_by("id")
            .values_list("id", "prev_hash", "hash", *_ATTNAMES)[:batch_size]
        )
        if not rows:
            return done.count, breaks
        subjects: dict[int, list[int]] = {}
        for event_id, family_id in AuditSubject.objects.filter(
            event_id__gt=done.last_id, event_id__lte=rows[-1][0]
        ).values_list("event_id", "family_id"):
            subjects.setdefault(event_id, []).append(family_id)
        for event_id, prev_hash, stored_hash, *values in rows:
            content = dict(zip(names, values, strict=True))
            chain = content["chain"]
            if prev_hash != expected.get(chain, GENESIS_HASH):
                breaks.append(
                    ChainBreak(event_id, "previous hash does not match the event before it")
                )
            if chained_hash(prev_hash, content, subjects.get(event_id)) != stored_hash:
                breaks.append(ChainBreak(event_id, "content does not match its hash"))
            expected[chain] = stored_hash
            done.heads[chain] = (event_id, stored_hash)
        done.last_id = rows[-1][0]
        done.count += len(rows)
        if progress is not None and not breaks:
            progress(copy.deepcopy(done))


def _still_there(heads: dict[int, tuple[int, str]]) -> list[ChainBreak]:
    """The events a checkpoint names must still be there with the hash they had."""
    found = dict(
        AuditEvent.objects.filter(id__in=[event_id for event_id, _ in heads.values()]).values_list(
            "id", "hash"
        )
    )
    breaks = []
    for event_id, stored_hash in sorted(heads.values()):
        if event_id not in found:
            breaks.append(ChainBreak(event_id, "an event verified before is gone"))
        elif found[event_id] != stored_hash:
            breaks.append(ChainBreak(event_id, "an event verified before has changed"))
    return breaks


def about_family(family_id: int) -> QuerySet[AuditEvent]:
    """The events about one family: those that name it, and the list views that showed it."""
    return about_families([family_id])


def about_families(family_ids: Collection[int]) -> QuerySet[AuditEvent]:
    """The events about any of these families."""
    named = AuditEvent.objects.filter(subject_family_id__in=family_ids).order_by().values("id")
    listed = AuditSubject.objects.filter(family_id__in=family_ids).order_by().values("event_id")
    return AuditEvent.objects.filter(id__in=named.union(listed, all=True))
