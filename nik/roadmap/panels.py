"""The roadmap's parts of the start page and of a region's card."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from nik.core.models import Region, Role
from nik.core.panels import REGION, Panel, Viewer

from .models import (
    ActionItem,
    Agreement,
    Milestone,
    MilestoneStatus,
    PlanOfApproach,
    PlanStatus,
    Proposal,
    ProposalStatus,
    RoadmapStep,
    StepStatus,
)
from .steps import STEPS

WEEK = timedelta(days=7)


def my_actions(viewer: Viewer) -> dict[str, Any] | None:
    """Action items from network meetings due within a week (or overdue), for their owner."""
    soon = timezone.localdate() + WEEK
    items = list(
        ActionItem.objects.filter(owner=viewer.user, done=False, due__lte=soon).select_related(
            "event", "event__region"
        )[:20]
    )
    return {"items": items} if items else None


def my_milestones(viewer: Viewer) -> dict[str, Any] | None:
    """Milestones this user owns that are due within a week (or overdue)."""
    soon = timezone.localdate() + WEEK
    milestones = list(
        Milestone.objects.filter(owner_user=viewer.user, due__lte=soon)
        .exclude(status__in=[MilestoneStatus.DONE, MilestoneStatus.DROPPED])
        .select_related("region")[:20]
    )
    return {"milestones": milestones} if milestones else None


def for_steering(viewer: Viewer) -> dict[str, Any] | None:
    """What waits for a steering group: a discussed plan to approve, proposals to decide on."""
    regions = viewer.regions(Role.STEERING)
    plans = {
        p.region_id: p
        for p in PlanOfApproach.objects.filter(region__in=regions, status=PlanStatus.DISCUSSED)
    }
    open_proposals: dict[int, int] = dict(
        Proposal.objects.filter(region__in=regions, status=ProposalStatus.OPEN)
        .values("region")
        .annotate(n=Count("id"))
        .values_list("region", "n")
    )
    boxes = [
        {"region": r, "plan": plans.get(r.pk), "proposals": open_proposals.get(r.pk, 0)}
        for r in regions
        if r.pk in plans or open_proposals.get(r.pk)
    ]
    return {"boxes": boxes} if boxes else None


def reviews_due(viewer: Viewer) -> dict[str, Any] | None:
    """Agreements of the coordinated regions whose six-monthly review is due within a week."""
    today = timezone.localdate()
    agreements = list(
        Agreement.objects.filter(
            region__in=viewer.regions(Role.COORDINATOR), next_review__lte=today + WEEK
        ).select_related("region")
    )
    return {"agreements": agreements, "today": today} if agreements else None


def steps_glance(viewer: Viewer, region: Region) -> dict[str, Any]:
    """The ten steps of the roadmap with their status, for a glance (one query)."""
    stored = dict(RoadmapStep.objects.filter(region=region).values_list("number", "status"))
    labels = dict(StepStatus.choices)
    steps = []
    for step in STEPS:
        status = stored.get(step.number, StepStatus.NOT_STARTED)
        steps.append((step.number, f"{step.title}: {labels[status]}", status))
    done = sum(1 for _n, _label, status in steps if status == StepStatus.DONE)
    return {"region": region, "steps": steps, "steps_done": done}


PANELS = [
    Panel(
        "roadmap.my_actions",
        order=20,
        template="roadmap/panels/my_actions.html",
        context=my_actions,
    ),
    Panel(
        "roadmap.my_milestones",
        order=30,
        template="roadmap/panels/my_milestones.html",
        context=my_milestones,
    ),
    Panel(
        "roadmap.for_steering",
        order=40,
        template="roadmap/panels/for_steering.html",
        context=for_steering,
        roles=frozenset({Role.STEERING}),
    ),
    Panel(
        "roadmap.reviews_due",
        order=50,
        template="roadmap/panels/reviews_due.html",
        context=reviews_due,
        roles=frozenset({Role.COORDINATOR}),
    ),
    Panel(
        "roadmap.steps",
        order=20,
        template="roadmap/panels/steps.html",
        context=steps_glance,
        place=REGION,
    ),
]
