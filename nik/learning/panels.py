"""Learning's part of a region's card: expertise coverage, for those who steer the network."""

from __future__ import annotations

from typing import Any

from nik.core.figures import figure, forget
from nik.core.models import Professional, Region, Role
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


COVERAGE = "basic-course"


def coverage_glance(viewer: Viewer, region: Region) -> dict[str, Any] | None:
    """The share from the shared cache (counting a register of thousands on every start page
    costs more than the rest of the page): forgotten when an enrolment, a professional or a
    course changes (apps.py), counted again within five minutes after bulk writes."""
    return {"coverage": figure(COVERAGE, region.pk, lambda: coverage(region)), "region": region}


def forget_coverage(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Professional):
        forget(COVERAGE, instance.region_id)
    elif hasattr(instance, "professional_id"):  # an enrolment: its person's region
        person = Professional.objects.filter(pk=instance.professional_id)
        forget(COVERAGE, person.values_list("region_id", flat=True).first())
    else:  # a course (made basic or not): what counts changed everywhere
        for region_id in Region.objects.values_list("pk", flat=True):
            forget(COVERAGE, region_id)


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
