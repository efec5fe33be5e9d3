"""Figures of a region's families and referrals.

The referral list's figures (where referrals came from, why some were not accepted, over the
last twelve months) add up day tallies (`ReferralTally`) that every saved referral counts again,
so a decision shows at once. The number of families is a tally the database keeps
(`RegionTally`). Both are exact at every moment.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete
from django.utils import timezone

from nik.core.models import Region

from .models import Family, Referral, ReferralTally, RegionTally


def referral_figures(region: Region) -> dict[str, list[tuple[str, int]]]:
    """Where referrals came from and why some were not accepted, over the last twelve months
    (the last 365 days, today included): per field, labels in the reader's language and counts,
    most frequent first. Added up from the region's day tallies (`ReferralTally`)."""
    since = timezone.localdate() - timedelta(days=364)
    rows = (
        ReferralTally.objects.filter(region=region, day__gte=since)
        .values("field", "code")
        .annotate(total=Sum("n"))
    )
    counts: dict[str, list[tuple[str, int]]] = {"decline_reason": [], "source": []}
    for row in rows:
        counts[row["field"]].append((row["code"], row["total"]))
    return {
        field: _labelled(field, sorted(found, key=lambda pair: (-pair[1], pair[0])))
        for field, found in counts.items()
    }


def _labelled(field: str, counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    labels = dict(Referral._meta.get_field(field).flatchoices)  # type: ignore[union-attr]
    return [(str(labels.get(code, code)), n) for code, n in counts]


def recount_referral_day(region_id: int, day: date) -> None:
    """Count one day's referrals of a region again (a few rows)."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    received = Referral.objects.filter(
        region_id=region_id, received_at__gte=start, received_at__lt=start + timedelta(days=1)
    )
    _retally(region_id, day, received, lambda row: day)


def recount_referrals(region_ids: Collection[int] | None = None) -> None:
    """Count every day again (after writes that sent no signals, and to fill the tally once)."""
    regions = (
        Region.objects.all() if region_ids is None else Region.objects.filter(pk__in=region_ids)
    )
    for region_id in regions.values_list("pk", flat=True):
        received = Referral.objects.filter(region_id=region_id).annotate(
            day=TruncDate("received_at")
        )
        _retally(region_id, None, received, lambda row: row["day"], "day")


def _retally(
    region_id: int, day: date | None, received: QuerySet[Referral], day_of: Any, *by: str
) -> None:
    """Replace the region's tallies of ``day`` (of every day when None) by a count of
    ``received``, under the region's lock, so two referrals saved at once both count.
    ``first()``, not ``concurrency.lock``: a region being removed with its referrals has no row
    left to lock."""
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region_id).values_list("pk").first()
        stale = ReferralTally.objects.filter(region_id=region_id)
        (stale if day is None else stale.filter(day=day)).delete()
        ReferralTally.objects.bulk_create(_tallies(received, region_id, day_of, *by))


def _tallies(
    received: QuerySet[Referral], region_id: int, day_of: Any, *by: str
) -> list[ReferralTally]:
    made = []
    for field, rows in (
        ("source", received),
        ("decline_reason", received.exclude(decline_reason="")),
    ):
        for row in rows.values(*by, field).annotate(n=Count("pk")).order_by():
            made.append(
                ReferralTally(
                    region_id=region_id, day=day_of(row), field=field, code=row[field], n=row["n"]
                )
            )
    return made


COUNTED = {"region", "received_at", "source", "decline_reason"}


def _counts(kwargs: dict[str, Any]) -> bool:
    fields = kwargs.get("update_fields")
    return fields is None or bool(COUNTED & set(fields))


def note_referral_day(sender: Any, instance: Referral, **kwargs: Any) -> None:
    """Before a referral is saved again: the day it counted on, in case the save moves it."""
    if instance.pk is not None and not instance._state.adding and _counts(kwargs):
        instance._counted_on = (  # type: ignore[attr-defined]
            Referral.objects.filter(pk=instance.pk).values_list("region_id", "received_at").first()
        )


def tally_referral(sender: Any, instance: Referral, **kwargs: Any) -> None:
    """A referral saved or removed: its day is counted again, and the day it counted on before
    if the save moved it (not when a save names only fields the tally does not count, such as
    the first contact). A region removed with its referrals leaves nothing to count, so nothing
    is written for it."""
    if not _counts(kwargs):
        return
    day = timezone.localdate(instance.received_at)
    before = getattr(instance, "_counted_on", None)
    if before is not None:
        instance._counted_on = None  # type: ignore[attr-defined]
        region_id, received_at = before
        if (region_id, timezone.localdate(received_at)) != (instance.region_id, day):
            recount_referral_day(region_id, timezone.localdate(received_at))
    recount_referral_day(instance.region_id, day)


def family_count(region: Region) -> int:
    """How many families the region holds (its tally, kept by `tally_family`)."""
    return count_families([region.pk])


def count_families(region_ids: Collection[int]) -> int:
    """How many families these regions hold together, from their tallies."""
    found = RegionTally.objects.filter(region_id__in=region_ids).aggregate(n=Sum("families"))
    return int(found["n"] or 0)


def tally_family(sender: Any, instance: Family, created: bool = False, **kwargs: Any) -> None:
    """A family made (post_save, created) or removed (post_delete) moves its region's tally."""
    if kwargs.get("signal") is post_delete:
        step = -1
    elif created:
        step = 1
    else:
        return
    tally = RegionTally.objects.filter(region_id=instance.region_id)
    if not tally.update(families=F("families") + step):
        # The region's first family: its tally row is made, then moved like any other.
        RegionTally.objects.get_or_create(region_id=instance.region_id)
        tally.update(families=F("families") + step)


def recount_families(region_ids: Collection[int] | None = None) -> None:
    """Count the families again into the tallies (after writes that bypass the ORM's signals)."""
    regions = (
        Region.objects.all() if region_ids is None else Region.objects.filter(pk__in=region_ids)
    )
    for region_id, families in regions.annotate(n=Count("families")).values_list("pk", "n"):
        RegionTally.objects.update_or_create(region_id=region_id, defaults={"families": families})
