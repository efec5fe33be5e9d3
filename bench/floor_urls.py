"""The floor under every page (``bench/load.py --floor``): the product's URLs, and three views
that do the least a signed-in page can do. Only the benchmark loads this URLconf; the product
never does."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

from nik.core import access
from nik.families import access as family_access


@login_required
def signed_in(request: HttpRequest, slug: str) -> HttpResponse:
    """Every middleware, the session and the user: nothing else."""
    return HttpResponse("")


@login_required
def region_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The region opened for its coordinator, and the base template with an empty page."""
    region = access.open_region_as_coordinator(request.user, slug, "bench floor")
    return render(request, "core/base.html", {"region": region})


@login_required
def family_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One family opened through the door (one audit event), and the base template."""
    family = family_access.open_family(request.user, pk, purpose="bench floor")
    return render(request, "core/base.html", {"region": family.region})


urlpatterns = [
    path("bench-floor/<slug:slug>/signed-in", signed_in),
    path("bench-floor/<slug:slug>/region", region_page),
    path("bench-floor/<slug:slug>/family/<int:pk>", family_page),
    path("", include("nik.urls")),
]
