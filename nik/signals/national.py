"""The national view: the seven networks side by side for one quarter, from stored values only.

Nothing here names a family: counts of families go through the small-number rule with secondary
suppression (`nik.monitoring.small.table`, the one function), a share over fewer than 5 families
is not shown, and no free text about a family is ever read.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nik.core.models import Region
from nik.monitoring import small
from nik.monitoring.formulas import COUNT, FORMULAS, SHARE, Formula
from nik.monitoring.models import IndicatorValue, OmkRound
from nik.monitoring.periods import QUARTER, Period
from nik.monitoring.selectors import omk_result, shown_value
from nik.network.models import ConditionCategory

CHILDREN = "children_in_care"


@dataclass
class Cell:
    value: float | None
    shown: str
    hidden: bool = False


@dataclass
class IndicatorRow:
    formula: Formula
    cells: dict[int, Cell]  # region id → cell
    median: str = "—"
    total: str = ""  # for counts: the national total (suppressed like the cells)


@dataclass
class View:
    period: Period
    regions: list[Region]
    indicators: list[IndicatorRow]
    categories: list[tuple[str, str]]  # (code, label)
    by_category: dict[tuple[int, str], Any]  # (region id, category) → count shown
    category_rows: dict[int, Any]
    category_cols: dict[str, Any]
    category_all: Any
    steps_done: dict[int, int]
    review: dict[int, tuple[date | None, bool]]
    omk: dict[int, list[Any]]
    clusters: list[Any] = field(default_factory=list)

    @property
    def children_rows(self) -> list[tuple[Region, list[Any], Any]]:
        """Per network: its count shown per category (in the categories' order) and its total."""
        return [
            (
                region,
                [self.by_category[(region.pk, code)] for code, _label in self.categories],
                self.category_rows[region.pk],
            )
            for region in self.regions
        ]

    @property
    def children_totals(self) -> list[Any]:
        return [self.category_cols[code] for code, _label in self.categories]

    @property
    def development_rows(self) -> list[tuple[Region, Any, Any, list[Any]]]:
        """Per network: steps done, (next review, overdue) or None, self-assessment per cluster."""
        return [
            (
                region,
                self.steps_done.get(region.pk, ""),
                self.review.get(region.pk),
                self.omk.get(region.pk, []),
            )
            for region in self.regions
        ]


def _shown(formula: Formula, value: float | None, cases: int) -> Cell:
    if value is None:
        return Cell(None, "—")
    if formula.about_families and formula.unit != COUNT and small.is_small(cases):
        return Cell(None, str(small.TOO_FEW), True)
    return Cell(value, shown_value(formula, value, cases, exact=True))


def indicator_values(
    regions: list[Region], period: Period
) -> dict[tuple[int, str], IndicatorValue]:
    return {
        (v.region_id, v.key): v
        for v in IndicatorValue.objects.filter(
            region__in=regions, period_kind=QUARTER, period_start=period.start
        )
    }


def indicator_rows(regions: list[Region], period: Period) -> list[IndicatorRow]:
    """Every built-in indicator (but the children in care, see `view`) for every region in one
    quarter (one query). Counts of families
    are suppressed as a table with the national total; shares over fewer than 5 families are not
    shown; the national median is taken over the shown values only."""
    stored = indicator_values(regions, period)
    rows = []
    for formula in FORMULAS:
        if formula.key == CHILDREN:
            # Children in care are shown once, by condition category with their totals (`view`):
            # a second count of the same children beside it could give a small difference away.
            continue
        if formula.unit == COUNT and formula.counts_families:
            counts = {
                (r.pk, formula.key): int(stored[(r.pk, formula.key)].value or 0)
                for r in regions
                if (r.pk, formula.key) in stored
            }
            cells_shown, _rows, cols, _all = (
                small.table(counts, exact=False) if counts else ({}, {}, {}, "")
            )
            cells = {
                r.pk: Cell(
                    counts.get((r.pk, formula.key)),
                    str(cells_shown.get((r.pk, formula.key), "—")),
                    cells_shown.get((r.pk, formula.key)) == small.HIDDEN,
                )
                for r in regions
            }
            total = cols.get(formula.key, "")
            rows.append(IndicatorRow(formula, cells, "—", str(total)))
            continue
        cells = {}
        for region in regions:
            found = stored.get((region.pk, formula.key))
            cells[region.pk] = _shown(
                formula, found.value if found else None, found.cases if found else 0
            )
        shown = [c.value for c in cells.values() if c.value is not None and not c.hidden]
        median = shown_value(formula, statistics.median(shown), 99, exact=True) if shown else "—"
        rows.append(IndicatorRow(formula, cells, median))
    return rows


def view(period: Period) -> View:
    from nik.roadmap.models import Agreement, RoadmapStep, StepStatus

    regions = list(Region.objects.order_by("name"))
    stored = indicator_values(regions, period)
    categories = [(c, str(label)) for c, label in ConditionCategory.choices]
    categories.append(("unknown", _("not recorded")))
    counts: dict[tuple[int, str], int] = {}
    for region in regions:
        found = stored.get((region.pk, CHILDREN))
        parts = (found.detail or {}).get("by_category", {}) if found else {}
        for code, _label in categories:
            counts[(region.pk, code)] = int(parts.get(code, 0))
    cells, rows, cols, everything = small.table(counts, exact=False)
    steps = dict(
        RoadmapStep.objects.filter(region__in=regions)
        .values("region")
        .annotate(n=Count("pk", filter=Q(status=StepStatus.DONE)))
        .values_list("region", "n")
    )
    review = {
        region_id: (next_review, next_review is not None and next_review < timezone.localdate())
        for region_id, next_review in Agreement.objects.filter(region__in=regions).values_list(
            "region", "next_review"
        )
    }
    omk: dict[int, list[Any]] = {}
    from nik.monitoring.omk import CLUSTERS

    for region in regions:
        latest = (
            OmkRound.objects.filter(region=region, closed_on__isnull=False)
            .order_by("-opened_on", "-pk")
            .first()
        )
        omk[region.pk] = omk_result(latest) if latest else []
    return View(
        period,
        regions,
        indicator_rows(regions, period),
        categories,
        cells,
        rows,
        cols,
        everything,
        steps,
        review,
        omk,
        list(CLUSTERS),
    )


def median_beside(region: Region, period: Period) -> list[tuple[Formula, Cell, str]]:
    """One region's indicators beside the national median (for its own coordinator)."""
    regions = list(Region.objects.all())
    return [
        (row.formula, row.cells.get(region.pk, Cell(None, "—")), row.median)
        for row in indicator_rows(regions, period)
        if row.formula.unit != COUNT
    ]


def share_rows(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    return [r for r in rows if r.formula.unit == SHARE]


def dictionary() -> list[list[str]]:
    """The research export's data dictionary: each column and each indicator in words."""
    out = [
        ["quarter", _("The quarter, as 2026-Q3.")],
        ["region", _("The network (its short name).")],
        ["indicator", _("The indicator's key; its definition is below.")],
        [
            _("value"),
            _(
                "The value as shown: a number, “< 5” for a count of fewer than five "
                "families, “×” for a hidden cell of the table by condition category (fewer "
                "than five families, or hidden so that such a number cannot be worked out "
                "from the totals), or empty where a share rests on fewer than five families "
                "or nothing was recorded."
            ),
        ],  # fmt: skip
        ["suppressed", _("1 where the small-number rule hid the value.")],
    ]
    out += [[f.key, f"{f.name}: {f.definition}"] for f in FORMULAS]
    out += [[f"category:{code}", str(label)] for code, label in ConditionCategory.choices]
    return out
