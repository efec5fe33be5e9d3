"""The area navigation of signed-in pages: each app registers its places, the page knows no app.

A place is shown to whoever holds one of its roles (anyone signed in when it names none) and
links to the user's region where it takes one, so a person sees only links they may follow
(issue 14, look and navigation). The place the page belongs to is marked with
``aria-current="page"``: the one whose address is the longest start of the page's path.

Apps register in ``AppConfig.ready()``::

    register(Place("families.referrals", 30, _("Referrals"), "families:referrals",
                   roles={Role.COORDINATOR}, per_region=True))

A place with ``menu=ACCOUNT`` belongs to the account menu in the page header (beside
"Security" and "Log out"): the person's own things rather than an area of work. ``staff``
shows it to technical administrators too, who may hold no role in any region.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

from .models import Role


@dataclass(frozen=True)
class Place:
    name: str
    order: int
    label: Any
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)
    per_region: bool = False
    # Paths below another address that still belong here (a family's page under "Families").
    also: tuple[str, ...] = ()
    exact: bool = False  # marked only on its own address (the start page)
    menu: str = "area"  # AREA or ACCOUNT
    staff: bool = False  # shown to staff accounts whatever their roles


AREA, ACCOUNT = "area", "account"


_PLACES: dict[str, Place] = {}
NATIONWIDE = (Role.NATIONAL, Role.ADMIN)  # their memberships name no region to link to


def register(place: Place) -> None:
    _PLACES[place.name] = place


def places_for(request: HttpRequest, menu: str = AREA) -> list[dict[str, Any]]:
    """The links of one menu (the area navigation unless told) for the person of this request
    (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    memberships = user.held()
    shown = []
    for place in sorted(_PLACES.values(), key=lambda p: p.order):
        if place.menu != menu:
            continue
        fitting = [m for m in memberships if not place.roles or m.role in place.roles]
        if (
            place.roles
            and not fitting
            and not (place.staff and (user.is_staff or user.is_superuser))
        ):
            continue
        if place.per_region:
            region = next((m.region for m in fitting if m.role not in NATIONWIDE), None)
            if region is None:
                continue
            address = _address(get_script_prefix(), place.url_name, region.slug)
            prefixes = (address, *(p.format(slug=region.slug) for p in place.also))
        else:
            address = _address(get_script_prefix(), place.url_name, None)
            prefixes = (address, *place.also)
        shown.append({"label": place.label, "url": address, "prefixes": prefixes, "place": place})
    path = request.path
    best = max(
        (
            (len(prefix), i)
            for i, link in enumerate(shown)
            for prefix in link["prefixes"]
            if (path == prefix if link["place"].exact else path.startswith(prefix))
        ),
        default=None,
    )
    return [
        {"label": link["label"], "url": link["url"], "current": best is not None and best[1] == i}
        for i, link in enumerate(shown)
    ]


@lru_cache(maxsize=4096)
def _address(script_prefix: str, url_name: str, slug: str | None) -> str:
    """A place's address, reversed once per process (every signed-in page draws a dozen; the
    answer depends only on these three)."""
    return reverse(url_name, args=[slug] if slug is not None else [])


def area_nav(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the area navigation and the account menu, read only when a page
    draws them."""
    return {
        "area_nav": SimpleLazyObject(lambda: places_for(request)),
        "account_nav": SimpleLazyObject(lambda: places_for(request, ACCOUNT)),
    }
