"""The families' parts of the start page and of a region's card."""

from __future__ import annotations

from typing import Any

from nik.core.models import Region, Role
from nik.core.panels import REGION, Panel, Viewer

from . import access, figures
from .models import EmergencyAccess, InquiryStatus, Referral, ReferralStatus


def own_family(viewer: Viewer) -> dict[str, Any]:
    """A parent's own family: shown, so logged like any other view."""
    families = list(
        access.visible_families(viewer.user)
        .filter(portal_users=viewer.user)
        .select_related("region")
    )
    access.shown(viewer.user, families, "start page: own family", role=Role.PARENT)
    return {"families": families}


def intake(viewer: Viewer) -> dict[str, Any] | None:
    """What waits for a coordinator: referral clocks, open questions, emergency access to review."""
    boxes = [_intake_of(region, viewer.user) for region in viewer.regions(Role.COORDINATOR)]
    return {"boxes": boxes} if boxes else None


# The start page counts open questions up to this many ("100 or more"): the list behind the
# link shows them; counting every one of tens of thousands on each visit would not.
QUESTIONS_COUNTED = 100


def _intake_of(region: Region, user: Any) -> dict[str, Any]:
    waiting = list(
        region.referrals.filter(
            status__in=[ReferralStatus.OPEN, ReferralStatus.DUPLICATE], decided_at__isnull=True
        )
        .select_related("family")  # the region is the box's own (the manager sets it)
        .only(*Referral.LISTED)
        .order_by("contact_due_at")[:20]
    )
    access.shown(
        user, [r.family for r in waiting], "start page: referral clocks", role=Role.COORDINATOR
    )
    # Unordered: which hundred does not matter, and sorting all of them first would.
    open_questions = (
        region.inquiries.filter(status=InquiryStatus.OPEN).order_by()[:QUESTIONS_COUNTED].count()
    )
    return {
        "region": region,
        "referrals": waiting,
        "late": sum(1 for r in waiting if r.is_late()),
        "open_questions": open_questions,
        "questions_counted": QUESTIONS_COUNTED,
        "to_review": EmergencyAccess.objects.filter(
            family__region=region, reviewed_at__isnull=True
        ).count(),
    }


def family_count(viewer: Viewer, region: Region) -> dict[str, Any]:
    """How many families the region's network holds (its coordinators see the number)."""
    return {"families": figures.family_count(region)}


PANELS = [
    Panel(
        "families.own_family",
        order=10,
        template="families/panels/own_family.html",
        context=own_family,
        roles=frozenset({Role.PARENT}),
    ),
    Panel(
        "families.intake",
        order=60,
        template="families/panels/intake.html",
        context=intake,
        roles=frozenset({Role.COORDINATOR}),
    ),
    Panel(
        "families.count",
        order=10,
        template="families/panels/count.html",
        context=family_count,
        roles=frozenset({Role.COORDINATOR}),
        place=REGION,
    ),
]
