"""Learning's part of a region's card: expertise coverage, for those who steer the network."""

from __future__ import annotations

from typing import Any

from nik.core.models import Region, Role
from nik.core.panels import REGION, Panel, Viewer

from .models import TrainingPlan, TrainingPlanStatus
from .selectors import coverage


def plans_to_approve(viewer: Viewer) -> dict[str, Any] | None:
    """Draft training plans with lines, for the steering group that approves them."""
    drafts = list(
        TrainingPlan.objects.filter(
            region__in=viewer.regions(Role.STEERING),
            status=TrainingPlanStatus.DRAFT,
            lines__isnull=False,
        )
        .distinct()
        .select_related("region")
    )
    return {"drafts": drafts} if drafts else None


def coverage_glance(viewer: Viewer, region: Region) -> dict[str, Any] | None:
    return {"coverage": coverage(region), "region": region}


PANELS = [
    Panel(
        "learning.plans_to_approve",
        order=45,
        template="learning/panels/plans_to_approve.html",
        context=plans_to_approve,
        roles=frozenset({Role.STEERING}),
    ),
    Panel(
        "learning.coverage",
        order=40,
        template="learning/panels/coverage.html",
        context=coverage_glance,
        roles=frozenset({Role.COORDINATOR, Role.STEERING}),
        place=REGION,
    ),
]
