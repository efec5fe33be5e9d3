"""Indicators over the API: each indicator of a region with its value per quarter (stored values,
never recomputed on a call). For everyone but the region's coordinators the small-number rule
holds: a count of families under 5 and a share over fewer than 5 families come as `null` with
`suppressed: true`, never as the number."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema

from nik.api.auth import ApiRequest
from nik.core import access
from nik.monitoring import small
from nik.monitoring.formulas import COUNT
from nik.monitoring.selectors import Row, dashboard

router = Router(tags=["monitoring"])


class ValueOut(Schema):
    period_start: date
    period: str
    value: float | None
    cases: int | None
    suppressed: bool


class IndicatorOut(Schema):
    key: str
    name: str
    definition: str
    unit: str
    target: float | None
    higher_is_better: bool
    typed: bool
    source: str
    values: list[ValueOut]


def _out(row: Row, *, exact: bool) -> IndicatorOut:
    formula = row.formula
    values = []
    for point in row.points:
        hidden = formula.about_families and (
            (
                formula.unit == COUNT
                and point.value is not None
                and small.count(int(point.value), exact=exact) == small.HIDDEN
            )
            or (formula.unit != COUNT and small.rests_on_too_few(point.cases, exact=exact))
        )
        cases_hidden = formula.about_families and small.rests_on_too_few(point.cases, exact=exact)
        values.append(
            ValueOut(
                period_start=point.period.start,
                period=point.period.label,
                value=None if hidden else point.value,
                cases=None if cases_hidden else point.cases,
                suppressed=hidden or cases_hidden,
            )
        )
    return IndicatorOut(
        key=formula.key,
        name=str(formula.name),
        definition=str(formula.definition),
        unit=formula.unit,
        target=formula.target,
        higher_is_better=formula.higher_is_better,
        typed=row.typed,
        source=row.source,
        values=values,
    )


@router.get("/regions/{slug}/indicators", response=list[IndicatorOut])
def indicators(request: ApiRequest, slug: str) -> list[IndicatorOut]:
    """Every indicator of the region with its values over the last eight quarters."""
    region = access.open_region(request.auth, slug, purpose="api indicators")
    exact = access.is_coordinator(request.auth, region)
    return [_out(row, exact=exact) for row in dashboard(region, exact=exact)]
