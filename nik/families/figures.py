"""Figures of a region's families and referrals.

The referral list's figures (where referrals came from, why some were not accepted) are counted
over the last twelve months and kept in the shared cache (nik.core.figures), forgotten whenever
a referral is saved, so a decision shows at once. The number of families is a tally the
database keeps (`RegionTally`), exact at every moment.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta
from typing import Any

from django.db.models import Count, F, Sum
from django.db.models.signals import post_delete
from django.utils import timezone

from nik.core.figures import figure, forget
from nik.core.models import Region

from .models import Family, Referral, RegionTally


def referral_figures(region: Region) -> dict[str, list[tuple[str, int]]]:
    """Per field (``source``, ``decline_reason``): labels in the reader's language and counts."""
    counts = figure(REFERRAL_FIGURES, region.pk, lambda: _count(region))
    return {field: _labelled(field, counts[field]) for field in ("decline_reason", "source")}


REFERRAL_FIGURES = "referral-figures"


def _count(region: Region) -> dict[str, list[tuple[str, int]]]:
    """Where referrals came from and why some were not accepted, over the last twelve months:
    codes and counts, most frequent first (kept in the shared cache, nik.core.figures)."""
    recent = region.referrals.filter(received_at__gte=timezone.now() - timedelta(days=365))

    def counted(rows: Any, field: str) -> list[tuple[str, int]]:
        found = rows.values(field).annotate(n=Count("id")).order_by("-n", field)
        return [(row[field], row["n"]) for row in found]

    return {
        "decline_reason": counted(recent.exclude(decline_reason=""), "decline_reason"),
        "source": counted(recent, "source"),
    }


def _labelled(field: str, counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    labels = dict(Referral._meta.get_field(field).flatchoices)  # type: ignore[union-attr]
    return [(str(labels.get(code, code)), n) for code, n in counts]


def forget_referral_figures(sender: Any, instance: Referral, **kwargs: Any) -> None:
    forget(REFERRAL_FIGURES, instance.region_id)


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
