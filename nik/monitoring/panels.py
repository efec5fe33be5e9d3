"""Monitoring's part of a region's card: how many indicators meet their target, for those who
steer the network (the coordinator exact, the steering group with the small-number rule)."""

from __future__ import annotations

from typing import Any

from nik.core.models import Region, Role
from nik.core.panels import REGION, Panel, Viewer

from .selectors import dashboard, on_target


def glance(viewer: Viewer, region: Region) -> dict[str, Any] | None:
    rows = dashboard(region, exact=viewer.holds(region, Role.COORDINATOR), quarters=2)
    met, judged = on_target(rows)
    return {
        "region": region,
        "met": met,
        "judged": judged,
        "below": [r for r in rows if r.met is False][:3],
    }


PANELS = [
    Panel(
        "monitoring.glance",
        order=35,
        template="monitoring/panels/glance.html",
        context=glance,
        roles=frozenset({Role.COORDINATOR, Role.STEERING}),
        place=REGION,
    ),
]
