"""The region's dashboard (step 9): each indicator against its target, its trend per quarter as a
chart and as a table, and where the figures come from. Stored values only."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nik.core import access, audit
from nik.core.auth import AuthedRequest
from nik.core.models import AuditAction
from nik.core.xlsx import XLSX_CONTENT_TYPE

from . import actions, report, surveys
from .charts import trend_svg
from .forms import TypedValueForm
from .periods import QUARTER, Period
from .selectors import dashboard, left_out, on_target


@login_required
@require_GET
def dashboard_page(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_in_network(request.user, slug, purpose="monitoring")
    exact = access.is_coordinator(request.user, region)
    rows = dashboard(region, exact=exact)
    met, judged = on_target(rows)
    today = timezone.localdate()
    year = (region, today - timedelta(days=365), today + timedelta(days=1))
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "region": region,
            "rows": rows,
            "periods": [p.period for p in rows[0].points] if rows else [],
            "met": met,
            "judged": judged,
            "left_out": left_out(rows),
            "exact": exact,
            "typed_form": TypedValueForm(region=region) if exact else None,
            "surveys": surveys.results(*year, exact=exact),
            "side_by_side": surveys.side_by_side(*year),
            "report_quarter": report.last_complete_quarter()
            if exact or access.is_steering(request.user, region)
            else None,
        },
    )


@login_required
@require_GET
def trend(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_in_network(request.user, slug, purpose="monitoring")
    rows = dashboard(region, exact=access.is_coordinator(request.user, region))
    svg = trend_svg(rows, _("Indicators per quarter, %(region)s") % {"region": region.name})
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_POST
def typed_value(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region_as_coordinator(request.user, slug, purpose="monitoring")
    form = TypedValueForm(request.POST, region=region)
    if form.is_valid():
        actions.do_type_value(region, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("The figure is saved, marked as typed in."))
    else:
        messages.error(
            request, _("Choose the indicator, a day in the quarter, the value and its source.")
        )
    return redirect("monitoring:dashboard", slug=slug)


@login_required
@require_GET
def report_file(
    request: AuthedRequest, slug: str, year: int, quarter: int, kind: str
) -> HttpResponse:
    """The quarter's report as PDF or .xlsx, for the coordinators and the steering group."""
    region = access.open_region(request.user, slug, purpose="quarterly report")
    if not (
        access.is_coordinator(request.user, region) or access.is_steering(request.user, region)
    ):
        raise PermissionDenied
    if kind not in ("pdf", "xlsx") or not (1 <= quarter <= 4 and 2000 <= year <= 2100):
        raise Http404
    found = report.build(region, Period(QUARTER, date(year, 3 * quarter - 2, 1)))
    audit.record(
        action=AuditAction.EXPORT,
        event="monitoring.report",
        user=request.user,
        region=region,
        object_type="monitoring.report",
        object_id=f"{year}-q{quarter}",
        details={"format": kind},
    )
    if kind == "pdf":
        response = HttpResponse(report.pdf(found), content_type="application/pdf")
    else:
        response = HttpResponse(report.xlsx(found), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{found.filename}.{kind}"'
    return response
