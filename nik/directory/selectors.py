"""Reads of the wegwijzer: the search behind the pages and the API (they never call each other)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from nik.core.models import Region

from . import search
from .models import Service

PAGE_SIZE = 20


def find(
    data: dict[str, Any], region: Region | None
) -> tuple[QuerySet[Service], search.Point | None, str]:
    """The services for a search; also the place sorted by, and a message when the place is unknown."""
    services = Service.objects.select_related("organization", "region")
    if region is not None:
        services = services.filter(Q(region=region) | Q(region__isnull=True))
    if data.get("category"):
        services = services.filter(category=data["category"])
    if data.get("age") is not None:
        services = services.filter(age_min__lte=data["age"], age_max__gte=data["age"])
    if data.get("financing"):
        services = services.filter(financing__contains=f",{data['financing']},")
    if data.get("language"):
        services = services.filter(languages__contains=f",{data['language']},")
    if data.get("region"):
        services = services.filter(Q(region__slug=data["region"]) | Q(region__isnull=True))
    if data.get("municipality"):
        town = data["municipality"].strip()
        services = services.filter(Q(municipality__name__iexact=town) | Q(city__iexact=town))
    point, problem = None, ""
    if data.get("near"):
        try:
            point = search.find_place(data["near"])
        except search.PlaceError:
            problem = _(
                "We do not know the place “%(place)s” in the Netherlands. Try a postcode of four digits, such as 2311."
            ) % {"place": data["near"][:100]}
    if data.get("q"):
        services = search.matching(services, data["q"])
        if point is not None:
            services = services.order_by()  # distance decides, among the matches
    if point is not None:
        services = search.nearest(services, point, PAGE_SIZE)
    elif not data.get("q"):
        services = services.order_by("name")
    return services, point, problem


# The kind of organisation a kind of help in the wegwijzer stands for (nik.network.gaps).
KIND_OF_HELP = {
    "respite": "hospice",
    "home_nursing": "home_care",
    "school": "school_support",
    "spiritual": "spiritual_care",
    "psychosocial": "mental_health",
    "parents": "parent_organization",
}


def kinds_offered(region: Region) -> set[str]:
    """The kinds of organisation the region's own wegwijzer services stand for."""
    categories = (
        Service.objects.filter(region=region, category__in=KIND_OF_HELP)
        .values_list("category", flat=True)
        .distinct()
    )
    return {KIND_OF_HELP[c] for c in categories}


def pickable(
    region: Region, *, words: list[str] | None = None, limit: int | None = None
) -> list[tuple[str, str]]:
    """The services a form in `region` may name (its own and the national ones), as
    (id, name) for a picker, by name; narrowed to names holding every word, at most `limit`."""
    found = Service.objects.filter(Q(region=region) | Q(region__isnull=True))
    for word in words or []:
        found = found.filter(name__icontains=word)
    rows = found.order_by("name", "pk").values_list("pk", "name")
    return [(str(pk), name) for pk, name in (rows[:limit] if limit else rows)]


def picked(region: Region, ids: list[str]) -> list[tuple[str, str]]:
    """The chosen services a picker sends back, those of `region` or national only."""
    wanted = [int(i) for i in ids if i.isdigit()][:50]
    found = Service.objects.filter(Q(region=region) | Q(region__isnull=True), pk__in=wanted)
    return [(str(pk), name) for pk, name in found.order_by("name", "pk").values_list("pk", "name")]
