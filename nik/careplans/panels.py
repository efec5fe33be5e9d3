"""The care plans' part of the start page: the families a professional works with, by plan clock."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from nik.core.models import Role
from nik.core.panels import Panel, Viewer
from nik.families import access
from nik.families.models import Child, Family

from .models import (
    URGENCY_RANK,
    CarePlanVersion,
    PlanClock,
    VersionStatus,
    clock_date,
    clock_text,
    plan_clock,
)


def my_families(viewer: Viewer) -> dict[str, Any] | None:
    """Families the viewer is case manager or team member of (outside the regions they coordinate)."""
    user = viewer.user
    coordinated = viewer.regions(Role.COORDINATOR)
    mine = list(
        access.visible_families(user)
        .exclude(region__in=coordinated)
        .filter(Q(casemanager=user) | Q(team__professional__user=user))
        .select_related("region")
        .distinct()[:50]
    )
    if not mine:
        return None
    access.shown(user, mine, "start page")
    return {"families": plan_clocks(mine)}


def plan_clocks(families: list[Family]) -> list[tuple[Family, str, str]]:
    """Each family with its plan clock: missing, due, late or on schedule (two queries)."""
    published = {
        v.plan.family_id: v
        for v in CarePlanVersion.objects.filter(
            plan__family__in=families, status=VersionStatus.PUBLISHED
        ).select_related("plan")
    }
    diagnosed = dict(
        Child.objects.filter(family__in=families).values_list("family_id", "diagnosed_on")
    )
    today = timezone.localdate()
    rows, when = [], {}
    for family in families:
        args = (family, published.get(family.pk), diagnosed.get(family.pk), today)
        rows.append((family, plan_clock(*args), clock_text(*args)))
        when[family.pk] = clock_date(*args[:3])
    # The most urgent clock first, and within a clock the longest overdue or soonest due first.
    return sorted(rows, key=lambda r: (URGENCY_RANK[PlanClock(r[1])], when[r[0].pk], r[0].name))


PANELS = [
    Panel(
        "careplans.my_families",
        order=70,
        template="careplans/panels/my_families.html",
        context=my_families,
        roles=frozenset({Role.CASEMANAGER, Role.MEMBER}),
    ),
]
