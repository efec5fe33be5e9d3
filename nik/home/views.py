"""The start page and a region's overview: the panels that fit the person, around the region."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.models import Membership, Region, Role
from nik.core.panels import REGION, START, Viewer, render_panels

from .selectors import region_summary, regions_table


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """The start page: the panels the apps offer for the user's roles, then their regions."""
    viewer = Viewer.of(request.user)
    work_regions = viewer.regions(*Role.in_network())
    return render(
        request,
        "home/home.html",
        {
            "memberships": viewer.memberships,
            "role_lines": _role_lines(viewer.memberships),
            "panels": render_panels(request, viewer, START),
            "overviews": [_card(request, viewer, region) for region in work_regions],
            "regions": regions_table() if Role.NATIONAL in viewer.roles else None,
            "is_admin": request.user.is_staff or Role.ADMIN in viewer.roles,
        },
    )


@login_required
@require_GET
def region_overview(request: AuthedRequest, slug: str) -> HttpResponse:
    region = access.open_region(request.user, slug)
    viewer = Viewer.of(request.user)
    return render(request, "home/region_overview.html", {"summary": _card(request, viewer, region)})


def _card(request: HttpRequest, viewer: Viewer, region: Region) -> dict[str, Any]:
    return {**region_summary(region), "panels": render_panels(request, viewer, REGION, region)}


def _role_lines(memberships: tuple[Membership, ...]) -> list[tuple[str, list[str]]]:
    """One line per role, with the regions in which the user holds it."""
    lines: dict[str, list[str]] = {}
    for m in memberships:
        lines.setdefault(str(m.get_role_display()), []).append(m.region.name)
    return list(lines.items())
