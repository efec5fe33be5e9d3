"""The start-page panel registry: each app offers its parts of a page, the page knows no app.

An app describes a panel in its own ``panels.py`` and registers it in ``AppConfig.ready()``::

    register(Panel("roadmap.milestones", order=30, template="roadmap/panels/milestones.html",
                   context=my_milestones))

A panel's context function gets the :class:`Viewer` (and, for region panels, the region) and
returns the template's context, or ``None`` when it has nothing to show for this person. Context
functions read through the access doors like any view, so a panel shows only what its viewer may
see, and each keeps a fixed number of queries (every panel has its own query-count test).

Two places exist: ``START`` (the start page) and ``REGION`` (a region's card, on the start page
and on the region overview).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .models import Membership, Region

START = "start"
REGION = "region"

Context = dict[str, Any] | None


@dataclass(frozen=True)
class Viewer:
    """The person a page is drawn for, with their roles per region (read once per page)."""

    user: Any
    memberships: tuple[Membership, ...]

    @classmethod
    def of(cls, user: Any) -> Viewer:
        return cls(user, user.held() if user.is_authenticated else ())

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships)

    def regions(self, *roles: str) -> list[Region]:
        """The regions in which the viewer holds any of ``roles`` (all roles when none given)."""
        found = [m.region for m in self.memberships if not roles or m.role in roles]
        return list(dict.fromkeys(found))

    def holds(self, region: Region, *roles: str) -> bool:
        return any(m.region_id == region.pk and m.role in roles for m in self.memberships)


@dataclass(frozen=True)
class Panel:
    """A part of a page: shown to viewers holding one of ``roles`` (anyone when empty)."""

    name: str
    order: int
    template: str
    context: Callable[..., Context]
    roles: frozenset[str] = field(default_factory=frozenset)
    place: str = START

    def fits(self, viewer: Viewer, region: Region | None = None) -> bool:
        if not self.roles:
            return True
        if region is not None:
            return any(viewer.holds(region, role) for role in self.roles)
        return bool(viewer.roles & self.roles)


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    """Add a panel; registering the same name again replaces it (apps may be reloaded)."""
    _PANELS[panel.name] = panel


def registered(place: str) -> list[Panel]:
    return sorted((p for p in _PANELS.values() if p.place == place), key=lambda p: p.order)


def panel(name: str) -> Panel:
    return _PANELS[name]


def render_panels(
    request: HttpRequest, viewer: Viewer, place: str, region: Region | None = None
) -> list[SafeString]:
    """The HTML of every panel at ``place`` that fits the viewer and has something to show."""
    html = []
    for p in registered(place):
        if not p.fits(viewer, region):
            continue
        context = p.context(viewer) if region is None else p.context(viewer, region)
        if context is None:
            continue
        html.append(mark_safe(render_to_string(p.template, context, request)))  # noqa: S308
    return html
