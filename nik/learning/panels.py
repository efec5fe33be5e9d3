"""Learning's part of a region's card: expertise coverage, for those who steer the network."""

from __future__ import annotations

from typing import Any

from nik.core.models import Region, Role
from nik.core.panels import REGION, Panel, Viewer

from .selectors import coverage


def coverage_glance(viewer: Viewer, region: Region) -> dict[str, Any] | None:
    return {"coverage": coverage(region), "region": region}


PANELS = [
    Panel(
        "learning.coverage",
        order=40,
        template="learning/panels/coverage.html",
        context=coverage_glance,
        roles=frozenset({Role.COORDINATOR, Role.STEERING}),
        place=REGION,
    ),
]
