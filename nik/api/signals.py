"""Signals over the API: a region's signals for those in its network (never the family a signal
may be linked to), the knowledge centre's queue of what the regions passed on, and the national
table of indicators, with the small-number rule applied here as on the pages."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import QuerySet
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from nik.api.auth import ApiRequest
from nik.api.paging import Paged
from nik.monitoring import small
from nik.monitoring.report import last_complete_quarter
from nik.signals import national
from nik.signals.access import open_region_for_signals, require_national
from nik.signals.models import Passed, Signal

router = Router(tags=["signals"])


class SignalOut(Schema):
    id: int
    kind: str
    theme: str
    systems: list[str]
    text: str
    source: str
    status: str
    created_at: datetime
    region_note: str
    steering_view: str
    national_answer: str = Field("", description="The knowledge centre's answer, once given.")

    @staticmethod
    def resolve_national_answer(obj: Signal) -> str:
        return obj.passed.feedback if obj.passed else ""


@router.get("/regions/{slug}/signals", response=list[SignalOut])
@paginate(Paged)
def signals(request: ApiRequest, slug: str) -> QuerySet[Signal]:
    """The region's signals, newest first, for those in its network."""
    region = open_region_for_signals(request.auth, slug, "api signals")
    return (
        Signal.objects.filter(region=region).select_related("passed").order_by("-created_at", "-id")
    )


class PassedOut(Schema):
    id: int
    region: str
    kind: str
    theme: str
    systems: list[str]
    summary: str
    families: int | None = Field(description="How many families it concerns; null under 5.")
    families_suppressed: bool
    passed_at: datetime
    issue: str | None
    not_taken_up: str
    answer: str

    @staticmethod
    def resolve_region(obj: Passed) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_families(obj: Passed) -> int | None:
        return None if small.is_small(obj.families) else obj.families

    @staticmethod
    def resolve_families_suppressed(obj: Passed) -> bool:
        return small.is_small(obj.families)

    @staticmethod
    def resolve_issue(obj: Passed) -> str | None:
        return obj.issue.title if obj.issue else None

    @staticmethod
    def resolve_answer(obj: Passed) -> str:
        return obj.feedback


@router.get("/national/signals", response=list[PassedOut])
@paginate(Paged)
def national_signals(request: ApiRequest) -> QuerySet[Passed]:
    """What the regions passed on to the knowledge centre (national analysts only)."""
    require_national(request.auth, "api national signals", api=True)
    return Passed.objects.select_related("region", "issue").order_by("-passed_at", "-id")


class NationalCellOut(Schema):
    region: str
    value: float | None
    shown: str
    suppressed: bool


class NationalRowOut(Schema):
    indicator: str
    name: str
    unit: str
    median: str
    total: str
    regions: list[NationalCellOut]


class NationalOut(Schema):
    quarter: date
    indicators: list[NationalRowOut]
    children_by_category: dict[str, dict[str, int | None]] = Field(
        description="Region → condition category → children in care; null where suppressed."
    )


@router.get("/national/indicators", response=NationalOut)
def national_indicators(request: ApiRequest) -> NationalOut:
    """The networks side by side for the last complete quarter, with the small-number rule and
    secondary suppression (national analysts only)."""
    require_national(request.auth, "api national indicators", api=True)
    found = national.view(last_complete_quarter())

    def n(shown: object) -> int | None:
        return None if shown == small.HIDDEN else int(shown)  # type: ignore[call-overload]

    return NationalOut(
        quarter=found.period.start,
        indicators=[
            NationalRowOut(
                indicator=row.formula.key,
                name=str(row.formula.name),
                unit=row.formula.unit,
                median=row.median,
                total=row.total,
                regions=[
                    NationalCellOut(
                        region=r.slug,
                        value=None if row.cells[r.pk].hidden else row.cells[r.pk].value,
                        shown=row.cells[r.pk].shown,
                        suppressed=row.cells[r.pk].hidden,
                    )
                    for r in found.regions
                ],
            )
            for row in found.indicators
        ],
        children_by_category={
            r.slug: {code: n(found.by_category[(r.pk, code)]) for code, _l in found.categories}
            for r in found.regions
        },
    )
