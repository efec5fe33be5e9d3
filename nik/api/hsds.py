"""HSDS 3.0 endpoints under /hsds/v3/ (reading is public, as the wegwijzer is)."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from nik.core import limits
from nik.core.models import Membership, Organization, Role
from nik.directory import hsds
from nik.directory.models import Service

from .auth import bearer_user


def _page(request: HttpRequest, items: list, total: int, number: int, size: int) -> JsonResponse:
    pages = max(1, math.ceil(total / size))
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": number,
            "size": size,
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": not items,
            "contents": items,
        }
    )


def _paging(request: HttpRequest) -> tuple[int, int]:
    """`page` and `per_page`, bounded; BadInput (a 400) outside the documented range."""
    return limits.paging(request.GET, size_name="per_page")


def _bad_paging(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except limits.BadInput as error:
            return JsonResponse({"detail": error.message}, status=400)

    return wrapper


@require_GET
@_bad_paging
def services(request: HttpRequest) -> JsonResponse:
    number, size = _paging(request)
    found = Service.objects.select_related(
        "organization", "organization__region", "region"
    ).order_by("region__slug", "name", "id")
    if request.GET.get("region"):
        found = found.filter(region__slug=request.GET["region"])
    page = list(found[(number - 1) * size : number * size])
    return _page(request, [hsds.to_hsds(s) for s in page], found.count(), number, size)


@require_GET
def service(request: HttpRequest, key: str) -> HttpResponse:
    found = (
        Service.objects.select_related("organization", "organization__region", "region")
        .filter(hsds_id=key)
        .first()
    )
    if found is None:
        return JsonResponse({"detail": "Not found."}, status=404)
    return JsonResponse(hsds.to_hsds(found))


@require_GET
@_bad_paging
def organizations(request: HttpRequest) -> JsonResponse:
    number, size = _paging(request)
    found = (
        Organization.objects.filter(services__isnull=False)
        .distinct()
        .select_related("region")
        .order_by("region__slug", "name")
    )
    page = list(found[(number - 1) * size : number * size])
    return _page(request, [hsds.organization_hsds(o) for o in page], found.count(), number, size)


@csrf_exempt
@require_POST
def import_services(request: HttpRequest) -> JsonResponse:
    user = bearer_user(request)
    if user is None:
        return JsonResponse(
            {"detail": "Send a valid API token as 'Authorization: Bearer <token>'."}, status=401
        )
    coordinated = Membership.objects.filter(user=user, role=Role.COORDINATOR).select_related(
        "region"
    )
    slug = request.GET.get("region")
    regions = [m.region for m in coordinated if not slug or m.region.slug == slug]
    if len(regions) != 1:
        return JsonResponse(
            {"detail": "Only a coordinator imports; name the region with ?region=<slug>."},
            status=403,
        )
    try:
        data = limits.load_json(request.body)
    except limits.BadInput as error:
        return JsonResponse(
            {"imported": 0, "errors": [{"record": None, "errors": [error.message]}]},
            status=400,
        )
    records = data.get("contents") if isinstance(data, dict) else data
    try:
        count = hsds.import_services(records or [], region=regions[0], acting_user=user)
    except hsds.ImportErrors as error:
        return JsonResponse({"imported": 0, "errors": error.errors}, status=400)
    return JsonResponse({"imported": count, "errors": []})
