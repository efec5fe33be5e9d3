"""The wegwijzer over the API (public, no login): ranked, filtered, paged."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from nik.api.paging import Paged
from nik.directory import search
from nik.directory.models import STALE_AFTER, Category, Financing, Service
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

    @staticmethod
    def resolve_financing(service: Service) -> list[str]:
        return service.financing_codes()

    @staticmethod
    def resolve_organization(service: Service) -> str:
        return service.organization.name

    @staticmethod
    def resolve_region(service: Service) -> str | None:
        return service.region.slug if service.region else None

    @staticmethod
    def resolve_distance_km(service: Service) -> float | None:
        return search.km(getattr(service, "distance2", None))

    @staticmethod
    def resolve_stale(service: Service) -> bool:
        return service.last_confirmed < timezone.localdate() - STALE_AFTER


class Problem(Schema):
    detail: str


@router.get("/services", response={200: list[ServiceOut], 400: Problem})
@paginate(Paged)
def services(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    category: str = "",
    age: int | None = Query(None, ge=0, le=120),
    near: str = Query("", max_length=100),
    region: str = "",
    financing: str = "",
) -> QuerySet[Service]:
    """Services for a search, ranked (by distance when `near` is given), 50 a page by default."""
    if category and category not in Category.values:
        raise HttpError(400, _("Unknown category: %(value)s.") % {"value": category[:50]})
    if financing and financing not in Financing.values:
        raise HttpError(400, _("Unknown financing: %(value)s.") % {"value": financing[:50]})
    found, _point, problem = find(
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
        raise HttpError(400, problem)
    return found
