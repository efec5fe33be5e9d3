"""Who meets which signal.

- In a region: everyone in its network (coordinators, case managers, members, the steering
  group) reads the region's signals and raises new ones; the coordinator discusses, passes on and
  closes them; the steering group adds its view. A signal's link to a family is shown only to
  those the families' door lets see that family.
- A parent reads only the signals they raised themselves, with the answers.
- The knowledge centre (`national`) never opens a region's signals: it meets only what a region
  passed on (`Passed`), which carries no family.
- Another region sees nothing of this region's signals (404, as for any region it may not open).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from nik.core import access, audit
from nik.core.events import CoreEvent
from nik.core.models import AuditAction, AuditOutcome, Region, Role

IN_REGION = Role.in_network()


def open_region_for_signals(user: Any, slug: str, purpose: str = "signals") -> Region:
    """A region whose signals the user reads: they are in its network (steering included).
    The knowledge centre may open the region, not its signals (refused and logged)."""
    return access.open_region_in_network(user, slug, purpose)


def is_national(user: Any) -> bool:
    return access.active(user) and (
        user.is_superuser or user.holds_anywhere(Role.NATIONAL, Role.ADMIN)
    )


def require_national(user: Any, purpose: str = "national signals", *, api: bool = False) -> None:
    """The knowledge centre's pages: national analysts only; anyone else gets 404 (logged), or
    403 over the API (which names its refusals)."""
    if not is_national(user):
        audit.record(
            action=AuditAction.VIEW,
            event=CoreEvent.REFUSED,
            outcome=AuditOutcome.DENIED,
            user=user,
            object_type="signals.passed",
            purpose=purpose,
            details={"reason": "not_national"},
        )
        if api:
            raise PermissionDenied
        raise Http404


def parent_regions(user: Any) -> list[Region]:
    """The regions in which the user is a parent (where a parent's signal goes)."""
    return list(
        Region.objects.filter(memberships__user=user, memberships__role=Role.PARENT).distinct()
    )
