"""The wegwijzer over the API (public, no login): ranked, filtered, paged."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from nik.core import limits
from nik.directory import search
from nik.directory.models import STALE_AFTER, Category, Financing
from nik.directory.selectors import find

router = Router(tags=["wegwijzer"], auth=None)


class ServiceOut(Schema):
    id: int
    name: str
    description: str
    for_whom: str
    category: str
    age_min: int
    age_max: int
    financing: list[str]
    cost: str
    organization: str
    region: str | None
    city: str
    phone: str
    email: str
    website: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None
    last_confirmed: date
    stale: bool


class ServicePage(Schema):
    count: int
    items: list[ServiceOut]


class Problem(Schema):
    detail: str


@router.get("/services", response={200: ServicePage, 400: Problem})
def services(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    category: str = "",
    age: int | None = Query(None, ge=0, le=120),
    near: str = Query("", max_length=100),
    region: str = "",
    financing: str = "",
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=limits.MAX_OFFSET),
):  # type: ignore[no-untyped-def]
    if category and category not in Category.values:
        return Status(400, {"detail": _("Unknown category: %(value)s.") % {"value": category[:50]}})
    if financing and financing not in Financing.values:
        return Status(
            400, {"detail": _("Unknown financing: %(value)s.") % {"value": financing[:50]}}
        )
    found, point, problem = find(
        {
            "q": q[:200],
            "category": category,
            "age": age,
            "near": near,
            "region": region,
            "financing": financing,
        },
        None,
    )
    if problem:
        return Status(400, {"detail": problem})
    page = list(found[offset : offset + limit])
    limit_date = timezone.localdate() - STALE_AFTER
    return Status(
        200,
        {
            "count": found.count(),
            "items": [
                ServiceOut(
                    id=s.pk,
                    name=s.name,
                    description=s.description,
                    for_whom=s.for_whom,
                    category=s.category,
                    age_min=s.age_min,
                    age_max=s.age_max,
                    financing=s.financing_codes(),
                    cost=s.cost,
                    organization=s.organization.name,
                    region=s.region.slug if s.region_id else None,
                    city=s.city,
                    phone=s.phone,
                    email=s.email,
                    website=s.website,
                    latitude=s.latitude,
                    longitude=s.longitude,
                    distance_km=search.km(getattr(s, "distance2", None)) if point else None,
                    last_confirmed=s.last_confirmed,
                    stale=s.last_confirmed < limit_date,
                )
                for s in page
            ],
        },
    )
