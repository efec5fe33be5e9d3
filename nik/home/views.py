"""The start page and a region's overview: the panels that fit the person, around the region."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from nik.core import access
from nik.core.auth import AuthedRequest
from nik.core.models import Membership, Region, Role
from nik.core.panels import REGION, START, Viewer, render_panels

from .selectors import help_by_kind, network_partners, networks_for, region_summary, regions_table


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Visitors see the public front; people who are logged in, their start page."""
    if not request.user.is_authenticated:
        return _public(request, "home/public/front.html")
    return _start(request)  # type: ignore[arg-type]


def _start(request: AuthedRequest) -> HttpResponse:
    """The start page: the panels the apps offer for the user's roles, then their regions."""
    viewer = Viewer.of(request.user)
    work_regions = viewer.regions(*Role.in_network())
    return render(
        request,
        "home/home.html",
        {
            "memberships": viewer.memberships,
            "role_lines": _role_lines(viewer.memberships),
            "family_networks": _family_networks(viewer.memberships),
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
    """One line per working role, with the regions in which the user holds it. A parent's
    place is said in plain words instead (`_family_networks`): "ouder: <region>" is jargon."""
    lines: dict[str, list[str]] = {}
    for m in memberships:
        if m.role != Role.PARENT:
            lines.setdefault(str(m.get_role_display()), []).append(m.region.name)
    return list(lines.items())


def _family_networks(memberships: tuple[Membership, ...]) -> list[str]:
    """The networks that help the user's family, for the parent's line on the start page."""
    return sorted({m.region.name for m in memberships if m.role == Role.PARENT})


# The public front: what NIK is, the seven networks and how to reach each -------------------


@require_GET
def public_contact(request: HttpRequest) -> HttpResponse:
    return _public(request, "home/public/contact.html")


def _public(request: HttpRequest, template: str) -> HttpResponse:
    place = request.GET.get("place", "").strip()[:100]
    return render(
        request,
        template,
        {
            "networks": Region.objects.order_by("name"),
            "place": place,
            "found": networks_for(place) if place else [],
            "finder_action": request.path,
            "wegwijzer_url": reverse("directory:national"),
        },
    )


@require_GET
def network_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A network's public page: how to reach it, what it offers, its partners, its wegwijzer."""
    region = get_object_or_404(Region, slug=slug)
    return render(
        request,
        "home/public/network.html",
        {
            "region": region,
            "offer": region.offer_lines(),
            "kinds": help_by_kind(region),
            "partners": network_partners(region),
        },
    )
