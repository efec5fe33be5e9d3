"""The region and role doors: who may open a region's records, and who may change them.

Family data has its own door, `nik.families.access`, built on these. Views and the API never
filter by hand: they call `open_region`, `open_region_for_edit`, `open_region_as_coordinator` or `open_region_in_network`,
which also write the audit event of a denial.
"""

from __future__ import annotations

from typing import NoReturn

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from typing_extensions import TypeIs

from . import audit
from .events import CoreEvent
from .models import ApiToken, AuditAction, AuditOutcome, Region, Role, User

AnyUser = User | AnonymousUser


def active(user: AnyUser | None) -> TypeIs[User]:
    return bool(user and user.is_authenticated and user.is_active)


def can_open_region_record(user: AnyUser, region_id: int | None) -> bool:
    """Non-family records of a region: for anyone holding a role in that region."""
    if not active(user) or region_id is None:
        return False
    return user.holds(region_id)


def region_role(user: AnyUser, region_id: int | None) -> str:
    if not active(user) or region_id is None:
        return ""
    roles = sorted(m.role for m in user.held() if m.region_id == region_id)
    return roles[0] if roles else ""


def viewable_regions(user: AnyUser) -> QuerySet[Region]:
    """Regions whose overview the user may open: their own, or all for national analysts."""
    if not active(user):
        return Region.objects.none()
    if user.is_superuser or user.holds_anywhere(Role.NATIONAL, Role.ADMIN):
        return Region.objects.all()
    return Region.objects.filter(
        memberships__user=user,
        memberships__role__in=Role.in_network(),
    ).distinct()


def open_region(user: AnyUser, slug: str, purpose: str = "region overview") -> Region:
    """Fetch a region the user may open, or log the attempt and raise Http404."""
    region = viewable_regions(user).filter(slug=slug).first()
    if region is None:
        known = Region.objects.filter(slug=slug).first()
        audit.record(
            action=AuditAction.VIEW,
            event=CoreEvent.REFUSED,
            outcome=AuditOutcome.DENIED,
            user=user if active(user) else None,
            region=known,
            object_type="core.region",
            object_id=slug[:64],
            purpose=purpose,
            details={"reason": "not_permitted" if known else "unknown_region"},
        )
        raise Http404
    return region


def can_edit_region(user: AnyUser, region: Region) -> bool:
    """The region's network records are kept by its coordinators."""
    return active(user) and user.holds(region.pk, Role.COORDINATOR)


def is_steering(user: AnyUser, region: Region) -> bool:
    """Members of the region's steering group approve plans and decide on proposals."""
    return active(user) and user.holds(region.pk, Role.STEERING)


def is_parent(user: AnyUser, region: Region) -> bool:
    """A parent of a family in the region (their own pages, never the network's)."""
    return active(user) and user.holds(region.pk, Role.PARENT)


def open_region_for_edit(user: AnyUser, slug: str, purpose: str = "edit network records") -> Region:
    """A region the user may change: 404 for outsiders, 403 for read-only roles."""
    region = open_region(user, slug, purpose)
    if not can_edit_region(user, region):
        _refuse(user, region, purpose, "read_only_role", AuditAction.UPDATE)
    return region


def is_coordinator(user: AnyUser, region: Region) -> bool:
    return active(user) and user.holds(region.pk, Role.COORDINATOR)


def open_region_as_coordinator(user: AnyUser, slug: str, purpose: str) -> Region:
    """Region work that only its coordinators do (questions, referrals, reviews)."""
    region = open_region(user, slug, purpose)
    if not is_coordinator(user, region):
        _refuse(user, region, purpose, "not_coordinator")
    return region


def open_region_in_network(user: AnyUser, slug: str, purpose: str) -> Region:
    """A region's own work that those in its network read (coordinators, case managers, members,
    the steering group): not the knowledge centre, which meets regions only side by side (the
    national view), so that no figure of one page can be combined with another's totals."""
    region = open_region(user, slug, purpose)
    if not (active(user) and user.holds(region.pk, *Role.in_network())):
        _refuse(user, region, purpose, "not_in_network")
    return region


def _refuse(
    user: AnyUser, region: Region, purpose: str, reason: str, action: str = AuditAction.VIEW
) -> NoReturn:
    """Log a refused region page (who, which region, why) and refuse it (403)."""
    audit.record(
        action=action,
        event=CoreEvent.REFUSED,
        outcome=AuditOutcome.DENIED,
        user=user if active(user) else None,
        region=region,
        object_type="core.region",
        object_id=region.slug,
        purpose=purpose,
        details={"reason": reason},
    )
    raise PermissionDenied


# API tokens: a coordinator keeps their own account's tokens (for the region's links to other
# systems); a technical administrator sees and revokes everyone's. No one else has the page.


def is_token_admin(user: AnyUser) -> bool:
    return active(user) and (user.is_staff or user.is_superuser or user.holds_anywhere(Role.ADMIN))


def may_keep_tokens(user: AnyUser) -> bool:
    return is_token_admin(user) or (active(user) and user.holds_anywhere(Role.COORDINATOR))


def visible_tokens(user: AnyUser) -> QuerySet[ApiToken]:
    """The tokens this user may see: their own, or every one for an administrator."""
    if not active(user) or not may_keep_tokens(user):
        return ApiToken.objects.none()
    tokens = ApiToken.objects.select_related("user")
    return tokens if is_token_admin(user) else tokens.filter(user=user)


def open_token_page(user: AnyUser, purpose: str = "API tokens") -> None:
    """The API tokens page, for coordinators and administrators; anyone else is logged and
    refused (403)."""
    if may_keep_tokens(user):
        return
    audit.record(
        action=AuditAction.VIEW,
        event=CoreEvent.REFUSED,
        outcome=AuditOutcome.DENIED,
        user=user if active(user) else None,
        object_type="core.apitoken",
        purpose=purpose,
        details={"reason": "not_permitted"},
    )
    raise PermissionDenied


def open_token(user: AnyUser, pk: int | str, purpose: str) -> ApiToken:
    """A token the user may see (also when its id arrives in a POST), or log and raise Http404:
    another person's token is answered as if it did not exist."""
    open_token_page(user, purpose)
    found = visible_tokens(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        audit.record(
            action=AuditAction.UPDATE,
            event=CoreEvent.REFUSED,
            outcome=AuditOutcome.DENIED,
            user=user if active(user) else None,
            object_type="core.apitoken",
            object_id=str(pk)[:64],
            purpose=purpose,
            details={"reason": "not_found_or_not_permitted"},
        )
        raise Http404
    return found
