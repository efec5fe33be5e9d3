"""Monitoring's part of a region's card: how many indicators meet their target, for those who
steer the network (the coordinator exact, the steering group with the small-number rule)."""

from __future__ import annotations

from typing import Any

from nik.core.models import Region, Role
from nik.core.panels import REGION, Panel, Viewer

from .models import Invitation
from .selectors import dashboard, left_out, on_target


def glance(viewer: Viewer, region: Region) -> dict[str, Any] | None:
    rows = dashboard(region, exact=viewer.holds(region, Role.COORDINATOR), quarters=2)
    met, judged = on_target(rows)
    below = [r for r in rows if r.met is False]
    return {
        "region": region,
        "met": met,
        "judged": judged,
        "below": below[:3],
        "more_below": len(below[3:]),
        # The steering group's count leaves out what rests on too few families: say so, or the
        # coordinator's "8 of 15" and the steering group's "5 of 12" seem to disagree.
        "left_out": left_out(rows),
    }


def survey_waiting(viewer: Viewer) -> dict[str, Any] | None:
    """A parent's open survey invitation (the same single-use link as in the e-mail), so a
    family without an e-mail address, or one that missed it, can answer from its family page."""
    from django.utils import timezone

    from nik.families import access as door

    own = door.visible_families(viewer.user).filter(portal_users=viewer.user).values("pk")
    waiting = list(
        Invitation.objects.filter(family_id__in=own, used=False, expires_at__gt=timezone.now())
        .exclude(token="")
        .order_by("-created_at")[:1]
    )
    return {"invitation": waiting[0]} if waiting else None


PANELS = [
    Panel(
        "monitoring.survey_waiting",
        order=12,
        template="monitoring/panels/survey_waiting.html",
        context=survey_waiting,
        roles=frozenset({Role.PARENT}),
    ),
    Panel(
        "monitoring.glance",
        order=35,
        template="monitoring/panels/glance.html",
        context=glance,
        roles=frozenset({Role.COORDINATOR, Role.STEERING}),
        place=REGION,
    ),
]
