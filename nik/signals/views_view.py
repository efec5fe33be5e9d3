"""The national view (role `national`): the networks side by side for a quarter, a map, a trend
per quarter, and the research export; and a coordinator's own region beside the national median.
Stored values only; the small-number rule with secondary suppression everywhere."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nik.core import access, audit
from nik.core.auth import AuthedRequest
from nik.core.models import AuditAction, Region
from nik.core.xlsx import XLSX_CONTENT_TYPE, write_tables
from nik.monitoring import small
from nik.monitoring.formulas import BY_KEY, SHARE
from nik.monitoring.periods import Period
from nik.monitoring.report import last_complete_quarter

from . import actions, national
from .access import require_national
from .mapsvg import map_svg
from .models import Sharing

QUARTERS = 8


def _period(request: AuthedRequest) -> Period:
    """?quarter=2026-3, one of the last eight complete quarters; the last complete one else."""
    last = last_complete_quarter()
    choices = last.last(QUARTERS)
    wanted = request.GET.get("quarter", "")
    return next((p for p in choices if f"{p.start.year}-{p.number}" == wanted), last)


def _indicator(request: AuthedRequest) -> str:
    key = request.GET.get("indicator", "first_contact")
    return key if key in BY_KEY and BY_KEY[key].unit == SHARE else "first_contact"


@login_required
@require_GET
def overview(request: AuthedRequest) -> HttpResponse:
    require_national(request.user, "national view")
    period = _period(request)
    found = national.view(period)
    key = _indicator(request)
    trend = _trend(found.regions, key, period)
    return render(
        request,
        "signals/national_view.html",
        {
            "view": found,
            "quarters": last_complete_quarter().last(QUARTERS)[::-1],
            "indicator": BY_KEY[key],
            "share_indicators": [f for f in BY_KEY.values() if f.unit == SHARE],
            "trend": trend,
            "white_spots": _white_spots(found.regions),
        },
    )


def _trend(regions: list[Region], key: str, until: Period) -> dict:
    periods = until.last(QUARTERS)
    formula = BY_KEY[key]
    rows: dict[int, list[str]] = {r.pk: [] for r in regions}
    medians = []
    for period in periods:
        cells = national.indicator_rows(regions, period)
        row = next(r for r in cells if r.formula.key == key)
        for region in regions:
            rows[region.pk].append(row.cells[region.pk].shown)
        medians.append(row.median)
    return {
        "formula": formula,
        "periods": periods,
        "rows": [(r, rows[r.pk]) for r in regions],
        "medians": medians,
    }


def _white_spots(regions: list[Region]) -> dict:
    """Per discipline and region: municipalities of the region where no organisation offers it."""
    from nik.core.models import DisciplineCode
    from nik.network.gaps import analyse

    reports = {r.pk: analyse(r) for r in regions}
    rows = []
    for code, label in DisciplineCode.choices:
        rows.append(
            (label, [sum(1 for m, d in reports[r.pk].white_spots if d == code) for r in regions])
        )
    return {"rows": rows, "municipalities": [len(reports[r.pk].municipalities) for r in regions]}


@login_required
@require_GET
def map_image(request: AuthedRequest) -> HttpResponse:
    require_national(request.user, "national map")
    period = _period(request)
    key = _indicator(request)
    regions = list(Region.objects.order_by("name"))
    row = next(r for r in national.indicator_rows(regions, period) if r.formula.key == key)
    points = [
        (
            region.slug,
            region.name,
            row.cells[region.pk].shown,
            row.formula.met(row.cells[region.pk].value)
            if not row.cells[region.pk].hidden
            else None,
        )
        for region in regions
    ]
    title = _("%(indicator)s per network, %(quarter)s") % {
        "indicator": row.formula.name,
        "quarter": period.label,
    }
    response = HttpResponse(map_svg(points, title), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def export(request: AuthedRequest, kind: str) -> HttpResponse:
    """The research export: the same suppressed tables for a quarter, with a data dictionary;
    logged as an export."""
    require_national(request.user, "research export")
    if kind not in ("csv", "xlsx"):
        raise Http404
    period = _period(request)
    found = national.view(period)
    quarter = f"{period.start.year}-Q{period.number}"
    long: list[list[Any]] = [["quarter", "region", "indicator", "value", "suppressed"]]
    for row in found.indicators:
        for region in found.regions:
            cell = row.cells[region.pk]
            value = "" if cell.hidden and row.formula.unit != "count" else cell.shown
            if cell.value is None and not cell.hidden:
                value = ""
            long.append([quarter, region.slug, row.formula.key, value, int(cell.hidden)])
    for region in found.regions:
        for code, _label in found.categories:
            # A cell of the table by category may be hidden to protect another: "×", never "< 5".
            shown = found.by_category[(region.pk, code)]
            long.append(
                [
                    quarter,
                    region.slug,
                    f"category:{code}",
                    small.in_table(shown),
                    int(shown == small.HIDDEN),
                ]
            )
    audit.record(
        action=AuditAction.EXPORT,
        event="national.export",
        user=request.user,
        object_type="signals.national",
        object_id=quarter,
        details={"format": kind, "rows": len(long) - 1},
    )
    filename = f"nik-landelijk-{period.start.year}-q{period.number}.{kind}"
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(long)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            write_tables(
                [
                    (_("Figures"), long[0], long[1:], [10, 26, 26, 10, 10]),
                    (
                        _("Dictionary"),
                        [_("Column or key"), _("Meaning")],
                        national.dictionary(),
                        [26, 100],
                    ),
                ]
            ),
            content_type=XLSX_CONTENT_TYPE,
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# A coordinator's own region beside the national median --------------------------------------


@login_required
@require_GET
def compare(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "national comparison")
    period = last_complete_quarter()
    sharing = Sharing.objects.filter(region=region).first()
    named: list[Region] = []
    if sharing and sharing.named:
        named = list(
            Region.objects.filter(sharing__named=True).exclude(pk=region.pk).order_by("name")
        )
    regions = list(Region.objects.all())
    rows = national.indicator_rows(regions, period)
    return render(
        request,
        "signals/compare.html",
        {
            "region": region,
            "period": period,
            "rows": [r for r in rows if r.formula.unit != "count"],
            "named": named,
            "sharing": sharing,
        },
    )


@login_required
@require_POST
def sharing(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, "national comparison")
    actions.do_share(region, named=request.POST.get("named") == "on", acting_user=request.user)
    messages.success(request, _("Saved."))
    return redirect("signals:compare", slug=slug)
