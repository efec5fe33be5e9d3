"""Who reads a region's case discussions: the people who work in its network (coordinators, case
managers, members). The steering group and the knowledge centre may open the region but not its
cases; they meet the lessons as proposals. The link of a case to a family is a matter for the
families' door (`nik.families.access`), checked where the link is shown."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from nik.core import access, audit
from nik.core.events import CoreEvent
from nik.core.models import AuditAction, AuditOutcome, Region, Role

WORKING = [Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER]


def works_in(user: Any, region: Region) -> bool:
    return access.active(user) and user.holds(region.pk, *WORKING)


def open_region_for_cases(user: Any, slug: str, purpose: str) -> Region:
    """A region whose case discussions the user may read: they work in its network. Others who
    may open the region (steering, national) are refused, and the refusal is logged."""
    region = access.open_region(user, slug, purpose)
    if not works_in(user, region):
        audit.record(
            action=AuditAction.VIEW,
            event=CoreEvent.REFUSED,
            outcome=AuditOutcome.DENIED,
            user=user,
            region=region,
            object_type="casework.casediscussion",
            object_id=region.slug,
            purpose=purpose,
            details={"reason": "not_working_in_region"},
        )
        raise PermissionDenied
    return region
