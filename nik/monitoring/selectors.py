"""Reading the indicators for a dashboard: stored values only, never a recomputation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nik.core.formats import number, percent
from nik.core.models import Region
from nik.families.models import DeclineReason, ReferralSource
from nik.network.models import ConditionCategory

from . import small
from .formulas import COUNT, DAYS, RATING, SHARE, Formula, of_region
from .models import IndicatorValue
from .periods import QUARTER, Period

TREND = 8


def hidden(formula: Formula, value: float | None, cases: int, *, exact: bool) -> bool:
    """Whether the small-number rule keeps this value from the reader (the one place that decides
    it for the page, the chart, the report and the API)."""
    if value is None or exact or not formula.about_families:
        return False
    if formula.unit == COUNT:
        return formula.counts_families and small.count(int(value), exact=False) == small.HIDDEN
    return small.rests_on_too_few(cases, exact=False)


def shown_value(formula: Formula, value: float | None, cases: int, *, exact: bool) -> str:
    """A value as a reader may see it: "87,5%", "2 werkdagen", "< 5", or a dash for none."""
    if value is None:
        return "—"
    if hidden(formula, value, cases, exact=exact):
        return small.HIDDEN if formula.unit == COUNT else str(small.TOO_FEW)
    if formula.unit == COUNT:
        return number(value)
    if formula.unit == SHARE:
        return percent(value)
    if formula.unit == DAYS:
        count = int(value) if value == int(value) else 2  # "1,5 werkdagen"
        return ngettext("%(n)s working day", "%(n)s working days", count) % {
            "n": number(value, 1 if value % 1 else 0)
        }
    if formula.unit == RATING:
        return number(value, 1)
    return number(value)


@dataclass
class Point:
    period: Period
    value: float | None
    cases: int
    shown: str
    hidden: bool = False


@dataclass
class Row:
    formula: Formula
    points: list[Point]
    latest: Point | None
    met: bool | None
    typed: bool = False
    source: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def breakdowns(self) -> dict[str, Any]:
        """The detail with each breakdown's codes in words, for a page or a report."""
        labels = _labels()
        return {
            key: (
                {str(labels.get(key, {}).get(k, k)): v for k, v in part.items()}
                if isinstance(part, dict)
                else part
            )
            for key, part in self.detail.items()
        }

    @property
    def target_shown(self) -> str:
        f = self.formula
        if f.target is None:
            return ""
        return ("≥ " if f.higher_is_better else "≤ ") + shown_value(f, f.target, 99, exact=True)


def dashboard(
    region: Region, *, exact: bool, quarters: int = TREND, until: Period | None = None
) -> list[Row]:
    """Each indicator with its values over the last quarters (up to `until`, or the current one)
    and the latest one (one query).

    `exact` is for the region's coordinators; everyone else gets the small-number rule."""
    periods = (until or Period.of(timezone.localdate(), QUARTER)).last(quarters)
    stored = {
        (v.key, v.period_start): v
        for v in IndicatorValue.objects.filter(
            region=region,
            period_kind=QUARTER,
            period_start__gte=periods[0].start,
            period_start__lte=periods[-1].start,
        )
    }
    rows = []
    for formula, stored_key in of_region(region):
        points = []
        for period in periods:
            found = stored.get((stored_key, period.start))
            value, cases = (found.value, found.cases) if found else (None, 0)
            points.append(
                Point(
                    period,
                    value,
                    cases,
                    shown_value(formula, value, cases, exact=exact),
                    hidden(formula, value, cases, exact=exact),
                )
            )
        latest = next((p for p in reversed(points) if p.value is not None), None)
        kept = stored.get((stored_key, latest.period.start)) if latest else None
        visible = latest is not None and not latest.hidden
        rows.append(
            Row(
                formula,
                points,
                latest,
                formula.met(latest.value) if latest and visible else None,
                typed=bool(kept and kept.typed),
                source=kept.source if kept else "",
                detail=_detail(
                    kept.detail if kept else {}, kept.value if kept else None, exact=exact
                ),
            )
        )
    return rows


def _labels() -> dict[str, dict[str, Any]]:
    unknown = {"unknown": _("not recorded"), "": _("not recorded")}
    return {
        "by_category": {
            **{
                c: (_("category %(n)s") % {"n": c} if c.isdigit() else label)
                for c, label in ConditionCategory.choices
            },
            **unknown,
        },  # fmt: skip
        "by_source": {**dict(ReferralSource.choices), **unknown},
        "by_reason": {**dict(DeclineReason.choices), **unknown},
    }


def _detail(detail: dict[str, Any], value: float | None, *, exact: bool) -> dict[str, Any]:
    """Breakdowns of families (by category, source, reason) by code. Each breakdown goes
    through the small-number rule together with its total (`small.breakdown`), so a hidden part
    cannot be found back by subtracting the shown ones from the total."""
    out: dict[str, Any] = {k: v for k, v in detail.items() if not isinstance(v, dict)}
    totals = {"by_source": "new"}  # the breakdown whose total is shown under its own name
    for key, part in detail.items():
        if not isinstance(part, dict):
            continue
        total_key = totals.get(key)
        if total_key:
            total = int(detail.get(total_key) or 0)
        elif key == "by_reason" and value is not None:
            total = int(value)
        else:  # children by category: as if their sum were shown
            total = sum(part.values())
        shown_total, shown_parts = small.breakdown(total, part, exact=exact)
        if total_key:
            out[total_key] = shown_total
        out[key] = shown_parts
    for single in ("closed", *(["new"] if "by_source" not in detail else [])):
        if single in out:
            out[single] = small.count(out[single], exact=exact)
    return out


def on_target(rows: list[Row]) -> tuple[int, int]:
    """How many indicators with a target and a visible value meet it, of how many."""
    judged = [r for r in rows if r.met is not None]
    return sum(1 for r in judged if r.met), len(judged)


def left_out(rows: list[Row]) -> int:
    """Indicators with a target whose latest figure the small-number rule keeps from the reader:
    why the steering group's "on target" counts fewer than the coordinator's."""
    return sum(1 for r in rows if r.formula.target is not None and r.latest and r.latest.hidden)


# The self-assessment (OMK) -----------------------------------------------------------------


@dataclass
class ClusterResult:
    cluster: Any
    share: float | None
    phase: Any
    previous: float | None
    planned: int


def omk_result(found: Any, previous: Any = None) -> list[ClusterResult]:
    """Per cluster: the share of 'relevant' answers that say 'present', the phase, and the share of
    the previous round beside it (two queries)."""
    from django.db.models import Count, Q

    from .models import OmkAnswer
    from .omk import CLUSTERS, phase

    def shares(round_: Any) -> tuple[dict[str, float | None], dict[str, int]]:
        if round_ is None:
            return {}, {}
        rows = (
            OmkAnswer.objects.filter(round=round_, relevant=True)
            .values("element")
            .annotate(n=Count("pk"), present=Count("pk", filter=Q(present=True)),
                      planned=Count("pk", filter=Q(planned=True)))
        )  # fmt: skip
        per: dict[str, list[int]] = {}
        for row in rows:
            total = per.setdefault(row["element"].split(".")[0], [0, 0, 0])
            total[0] += row["n"]
            total[1] += row["present"]
            total[2] += row["planned"]
        return (
            {k: round(100 * p / n, 1) if n else None for k, (n, p, _pl) in per.items()},
            {k: pl for k, (_n, _p, pl) in per.items()},
        )

    now, planned = shares(found)
    before, _planned = shares(previous)
    return [
        ClusterResult(
            c, now.get(c.key), phase(now.get(c.key)), before.get(c.key), planned.get(c.key, 0)
        )
        for c in CLUSTERS
    ]
