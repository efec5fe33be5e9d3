"""The referral list's figures: where referrals came from and why some were not accepted.

Counted over a region's last twelve months and kept in the shared cache (nik.core.figures):
forgotten whenever a referral is saved, so a decision shows in the figures at once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from nik.core.figures import figure, forget
from nik.core.models import Region

from .models import Referral


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


FAMILY_COUNT = "family-count"


def family_count(region: Region) -> int:
    """How many families the region holds; counted again when one is made or removed."""
    return figure(FAMILY_COUNT, region.pk, lambda: region.families.count())


def forget_family_count(sender: Any, instance: Any, created: bool = True, **kwargs: Any) -> None:
    # A saved family changes the count only when it is new (post_delete sends no `created`).
    if created:
        forget(FAMILY_COUNT, instance.region_id)
