"""The signalling function on start pages: a parent's "Loop je ergens tegenaan?", a way in for
everyone in a region's network, and the knowledge centre's waiting reports."""

from __future__ import annotations

from typing import Any

from nik.core.models import Role
from nik.core.panels import Panel, Viewer

from .access import IN_REGION
from .models import Passed, Signal, Source, Status


def parent(viewer: Viewer) -> dict[str, Any]:
    answered = Signal.objects.filter(
        raised_by=viewer.user, source=Source.PARENT, status=Status.ANSWERED
    ).count()
    return {"answered": answered}


def in_region(viewer: Viewer) -> dict[str, Any] | None:
    regions = viewer.regions(*IN_REGION)
    return {"region": regions[0]} if regions else None


def national(viewer: Viewer) -> dict[str, Any]:
    return {"waiting": Passed.objects.filter(issue__isnull=True, not_taken_up="").count()}


PANELS = [
    Panel(
        "signals.parent",
        order=14,
        template="signals/panels/parent.html",
        context=parent,
        roles=frozenset({Role.PARENT}),
    ),
    Panel(
        "signals.in_region",
        order=70,
        template="signals/panels/in_region.html",
        context=in_region,
        roles=frozenset(IN_REGION),
    ),
    Panel(
        "signals.national",
        order=20,
        template="signals/panels/national.html",
        context=national,
        roles=frozenset({Role.NATIONAL}),
    ),
]
