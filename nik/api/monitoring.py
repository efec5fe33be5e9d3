"""Indicators over the API: each indicator of a region with its value per quarter (stored values,
never recomputed on a call). For everyone but the region's coordinators the small-number rule
holds: a count of families under 5 and a share over fewer than 5 families come as `null` with
`suppressed: true`, never as the number."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from ninja import Field, Router, Schema

from nik.api.auth import ApiRequest
from nik.core import access
from nik.monitoring import small, surveys
from nik.monitoring.models import OmkRound
from nik.monitoring.selectors import Row, dashboard, omk_result

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
    breakdowns: dict[str, dict[str, int | None]] = Field(
        default_factory=dict,
        description="The latest value's families by condition category, by who referred or by "
        "reason (codes); a part the small-number rule hides is null.",
    )
    counts: dict[str, int | None] = Field(
        default_factory=dict, description="New referrals and closed routes in the latest period."
    )


def _out(row: Row, *, exact: bool) -> IndicatorOut:
    formula = row.formula
    values = []
    for point in row.points:
        cases_hidden = formula.about_families and small.rests_on_too_few(point.cases, exact=exact)
        values.append(
            ValueOut(
                period_start=point.period.start,
                period=point.period.label,
                value=None if point.hidden else point.value,
                cases=None if cases_hidden else point.cases,
                suppressed=point.hidden or cases_hidden,
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
        breakdowns={
            key: {code: _n(v) for code, v in part.items()}
            for key, part in row.detail.items()
            if isinstance(part, dict)
        },
        counts={key: _n(row.detail[key]) for key in ("new", "closed") if key in row.detail},
    )


def _n(shown: Any) -> int | None:
    return None if shown == small.HIDDEN else shown


@router.get("/regions/{slug}/indicators", response=list[IndicatorOut])
def indicators(request: ApiRequest, slug: str) -> list[IndicatorOut]:
    """Every indicator of the region with its values over the last eight quarters."""
    region = access.open_region_in_network(request.auth, slug, purpose="api indicators")
    exact = access.is_coordinator(request.auth, region)
    return [_out(row, exact=exact) for row in dashboard(region, exact=exact)]


class ItemOut(Schema):
    key: str
    text: str
    mean: float | None
    counts: dict[str, int | None]


class SurveyOut(Schema):
    survey: str
    title: str
    invited: int | None
    answered: int | None
    rate: float | None
    shown: bool
    suppressed: bool
    items: list[ItemOut]


@router.get("/regions/{slug}/survey-results", response=list[SurveyOut])
def survey_results(request: ApiRequest, slug: str) -> list[SurveyOut]:
    """Each survey of the last twelve months: invited, answered, and per question the mean and
    the counts — only from five answers (no free text, ever)."""
    region = access.open_region_in_network(request.auth, slug, purpose="api survey results")
    exact = access.is_coordinator(request.auth, region)
    today = timezone.localdate()

    return [
        SurveyOut(
            survey=r.instrument.key,
            title=r.instrument.title,
            invited=_n(r.invited_shown),
            answered=_n(r.answered_shown),
            rate=r.rate,
            shown=r.shown,
            suppressed=small.HIDDEN
            in (r.invited_shown, r.answered_shown, *(c for i in r.items for _l, c in i.counts)),
            items=[
                ItemOut(
                    key=i.item.key,
                    text=i.item.text,
                    mean=i.mean,
                    counts={label: _n(c) for label, c in i.counts},
                )
                for i in r.items
            ],
        )
        for r in surveys.results(
            region, today - timedelta(days=365), today + timedelta(days=1), exact=exact
        )
    ]


class ClusterOut(Schema):
    cluster: str
    name: str
    in_place: float | None
    phase: int | None
    previous: float | None


class RoundOut(Schema):
    id: int
    opened_on: date
    closed_on: date | None
    clusters: list[ClusterOut]


@router.get("/regions/{slug}/omk-rounds", response=list[RoundOut])
def omk_rounds(request: ApiRequest, slug: str) -> list[RoundOut]:
    """The self-assessment's closed rounds, newest first, with each cluster's share in place and
    phase beside the round before (an open round has no result yet)."""
    region = access.open_region(request.auth, slug, purpose="api self-assessment")
    rounds = list(OmkRound.objects.filter(region=region).order_by("-opened_on", "-pk")[:10])
    closed = [r for r in rounds if not r.is_open]
    out = []
    for n, found in enumerate(closed):
        before = closed[n + 1] if n + 1 < len(closed) else None
        out.append(
            RoundOut(
                id=found.pk,
                opened_on=found.opened_on,
                closed_on=found.closed_on,
                clusters=[
                    ClusterOut(
                        cluster=c.cluster.key,
                        name=str(c.cluster.name),
                        in_place=c.share,
                        phase=c.phase[0] if c.phase else None,
                        previous=c.previous,
                    )
                    for c in omk_result(found, before)
                ],
            )
        )
    return out
