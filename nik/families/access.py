"""THE door to family data: which families a user may see, and opening one (or anything of one).

PRODUCT.md's need-to-know rule lives here and nowhere else:
- a family is visible to the coordinators of its region and to its own portal accounts
  (a parent membership in that region);
- to its case manager, and to care-team members whose organisation has the family's consent;
- to a professional with an open emergency access (break-glass), until it expires;
- steering, national and admin roles never see a family: they get aggregates.

Views, the API, FHIR, imports and every later app never filter family data by hand: they call
`visible_families`, `open_family`, `open_record` or `open_inquiry`; opening also writes the audit
event, allowed or denied. An id that arrives in a POST body is opened here like one in a URL.
Region-scoped records (no family) go through `nik.core.access`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from nik.core import audit
from nik.core.access import AnyUser, active, can_open_region_record, is_coordinator, region_role
from nik.core.events import CoreEvent
from nik.core.models import AuditAction, AuditOutcome, Region, Role, User

from . import figures
from .models import CareTeamMember, Consent, EmergencyAccess, Family, Inquiry


def visible_families(user: AnyUser, scope: str = "basic") -> QuerySet[Family]:
    """The families this user may see, as a queryset (deny by default).

    - the region's coordinators;
    - the family's own portal accounts (with a parent role in that region);
    - the family's case manager (holding a working role in that region);
    - care-team members whose organisation has the family's active consent for `scope`;
    - a professional with an open emergency access (break-glass), until it expires.
    """
    if not active(user):
        return Family.objects.none()
    # Every rule is a condition on the family row itself (ids from subqueries), never a join, so
    # each family comes once without DISTINCT over wide rows (slow at national scale).
    return Family.objects.filter(_family_rule(user, scope, emergency=True))


def is_emergency_access(user: AnyUser, family: Family, scope: str = "basic") -> bool:
    """True when the user reaches this family only through break-glass (NEN 7513 marks it).

    A family this request opened through the door carries the answer; no second check."""
    opened = getattr(family, "_opened", None)
    if opened is not None and opened[:2] == (user.pk, scope):
        return bool(opened[2])
    return active(user) and not _reaches(user, family, scope, emergency=False)


def _reaches(user: AnyUser, family: Family, scope: str, *, emergency: bool) -> bool:
    if not active(user):
        return False
    # The first rule of `_rule_parts` (the region's coordinators), answered from the roles this
    # request has read already; the other rules ask the database.
    if user.holds(family.region_id, Role.COORDINATOR):
        return True
    rule = _family_rule(user, scope, emergency=emergency)
    return Family.objects.filter(rule, pk=family.pk).exists()


def _rule_parts(
    user: User, scope: str, *, emergency: bool
) -> tuple[list[int], list[QuerySet[Any]]]:
    """The rule in two parts: the regions whose every family the user sees (as coordinator), and
    the ids of the families each other rule reaches (own portal, case manager, care team with the
    family's consent for `scope`, open emergency access).

    The regions come from the roles this request has read already (`User.held`); a rule that
    needs a role the user holds nowhere is left out rather than asked of the database."""
    now = timezone.now()
    held = user.held()
    coordinated = sorted({m.region_id for m in held if m.role == Role.COORDINATOR})
    parent_in = sorted({m.region_id for m in held if m.role == Role.PARENT})
    working = (Role.CASEMANAGER, Role.MEMBER, Role.COORDINATOR)
    working_in = sorted({m.region_id for m in held if m.role in working})
    reached: list[QuerySet[Any]] = []
    if parent_in:
        own = Family.portal_users.through.objects.filter(user=user, family__region__in=parent_in)
        reached.append(own.values("family_id"))
    if working_in:
        reached.append(Family.objects.filter(casemanager=user, region__in=working_in).values("pk"))
    consented = Consent.objects.active(now).filter(
        scope=scope,
        family=OuterRef("family"),
        organization=OuterRef("professional__organization"),
    )
    on_team = CareTeamMember.objects.filter(professional__user=user).filter(Exists(consented))
    reached.append(on_team.values("family_id"))
    if emergency:
        open_access = EmergencyAccess.objects.filter(user=user, expires_at__gt=now)
        reached.append(open_access.values("family_id"))
    return coordinated, [ids.order_by() for ids in reached]


def _family_rule(user: User, scope: str, *, emergency: bool) -> Q:
    coordinated, reached = _rule_parts(user, scope, emergency=emergency)
    rule = Q(region__in=coordinated)
    for ids in reached:
        rule |= Q(pk__in=ids)
    return rule


def count_visible(user: AnyUser, scope: str = "basic") -> int:
    """How many families `visible_families` holds, without walking a coordinated region.

    A coordinator sees every family of their regions: those are read from the regions' tallies
    (`figures.count_families`, exact); only the families the other rules reach outside those
    regions are counted here, from the ids those rules name (a handful, never a region's rows).
    """
    if not active(user):
        return 0
    regions, reached = _rule_parts(user, scope, emergency=True)
    first, *others = reached
    beyond = Family.objects.filter(pk__in=first.union(*others)).exclude(region_id__in=regions)
    return (figures.count_families(regions) if regions else 0) + beyond.count()


def role_for_family(user: AnyUser, family: Family) -> str:
    """The role under which the user reaches this family (for the audit log)."""
    if not active(user):
        return ""
    roles = {m.role for m in user.held() if m.region_id == family.region_id}
    for role in (Role.COORDINATOR, Role.CASEMANAGER, Role.MEMBER, Role.PARENT):
        if role in roles:
            return str(role)
    return next(iter(sorted(roles)), "")


def family_of(obj: Model) -> Family | None:
    if isinstance(obj, Family):
        return obj
    family = getattr(obj, "family", None)
    return family if isinstance(family, Family) else None


def open_record(
    user: AnyUser, obj: Model, action: str, purpose: str, scope: str = "basic"
) -> Model:
    """Check that `user` may reach `obj`, write the audit event, and return `obj`.

    Denied access is logged too and raises Http404, so an outsider cannot even learn
    that the record exists.
    """
    family = family_of(obj)
    details: dict[str, Any] = {}
    region_id: int | None
    if family is not None:
        # The ordinary rule first: most openings end there, in one query; only a user it refuses
        # is checked for an open emergency access (break-glass, marked in the event).
        ordinary = _reaches(user, family, scope, emergency=False)
        allowed = ordinary or _reaches(user, family, scope, emergency=True)
        region_id = family.region_id
        role = role_for_family(user, family)
        if allowed and not ordinary:
            details["break_glass"] = True
        if allowed:
            family._opened = (user.pk, scope, not ordinary)  # type: ignore[attr-defined]
    else:
        region_id = getattr(obj, "region_id", None)
        allowed = can_open_region_record(user, region_id)
        role = region_role(user, region_id)
    audit.record(
        action=action,
        event=CoreEvent.OPENED if allowed else CoreEvent.REFUSED,
        outcome=AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED,
        user=user if active(user) else None,
        role=role,
        region_id=region_id,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        subject_family_id=family.pk if family else None,
        purpose=purpose,
        details=details,
    )
    if not allowed:
        raise Http404
    return obj


def open_family(
    user: AnyUser, pk: Any, action: str = AuditAction.VIEW, purpose: str = "", scope: str = "basic"
) -> Family:
    """Fetch a family by id for this user, or log the attempt and raise Http404."""
    families = Family.objects.select_related("region", "casemanager")
    family: Family = open_object(user, families, pk, action, purpose, scope)
    return family


def _refused(
    user: AnyUser,
    action: str,
    object_type: str,
    object_id: Any,
    purpose: str,
    reason: str,
    **where: Any,
) -> None:
    """The audit event of a refusal that names no family the user may know of."""
    audit.record(
        action=action,
        event=CoreEvent.REFUSED,
        outcome=AuditOutcome.DENIED,
        user=user if active(user) else None,
        object_type=object_type,
        object_id=str(object_id)[:64],
        purpose=purpose,
        details={"reason": reason},
        **where,
    )


def can_edit_family(user: AnyUser, family: Family) -> bool:
    """The family's record, consent and team are kept by the region's coordinator and the case manager."""
    if not active(user):
        return False
    if family.casemanager_id == user.pk and user.holds(
        family.region_id, Role.CASEMANAGER, Role.COORDINATOR
    ):
        return True
    return user.holds(family.region_id, Role.COORDINATOR)


def is_portal_user(user: AnyUser, family: Family) -> bool:
    """Whether the user is one of the family's own portal accounts (a parent of this family)."""
    return (
        active(user)
        and user.holds(family.region_id, Role.PARENT)
        and family.portal_users.filter(pk=user.pk).exists()
    )


def open_own_family(user: AnyUser, pk: Any, purpose: str, action: str = AuditAction.VIEW) -> Family:
    """The family as its own parents open it in the portal; anyone else (another family's parent,
    but also a professional who may see the record) is refused, logged and answered 404: the
    portal speaks for the family, and nobody else may ask or read there in its name."""
    family = open_family(user, pk, action, purpose)
    if not is_portal_user(user, family):
        _refused(
            user,
            action,
            "families.family",
            family.pk,
            purpose,
            "not_the_family",
            region_id=family.region_id,
            subject_family_id=family.pk,
        )
        raise Http404
    return family


def open_family_for_edit(user: AnyUser, pk: Any, purpose: str) -> Family:
    """A family the user may change: 404 when they may not see it, 403 when they may only read it."""
    family = open_family(user, pk, AuditAction.VIEW, purpose)
    if not can_edit_family(user, family):
        _refused(
            user,
            AuditAction.UPDATE,
            "families.family",
            family.pk,
            purpose,
            "read_only",
            region_id=family.region_id,
            subject_family_id=family.pk,
        )
        raise PermissionDenied
    return family


def open_inquiry(user: AnyUser, region: Region, pk: Any, purpose: str) -> Inquiry:
    """A question to the region's contact point, for its coordinators; logged, else Http404.

    A question holds a parent's own words, so an id that arrives in a form (not only in a URL)
    is opened here too.
    """
    inquiry = (
        Inquiry.objects.filter(region=region, pk=pk).select_related("family", "referral").first()
        if str(pk).isdigit()
        else None
    )
    allowed = inquiry is not None and is_coordinator(user, region)
    audit.record(
        action=AuditAction.VIEW,
        event=CoreEvent.OPENED if allowed else CoreEvent.REFUSED,
        outcome=AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED,
        user=user if active(user) else None,
        role=region_role(user, region.pk),
        region=region,
        object_type="families.inquiry",
        object_id=str(pk)[:64],
        subject_family_id=inquiry.family_id if inquiry is not None else None,
        purpose=purpose,
        details={} if allowed else {"reason": "not_found" if inquiry is None else "not_permitted"},
    )
    if not allowed or inquiry is None:
        raise Http404
    return inquiry


def may_see_family(user: AnyUser, family_id: int | None) -> bool:
    """Whether the user may see this family, without an event: to decide what a page may say."""
    if family_id is None:
        return False
    return visible_families(user).filter(pk=family_id).exists()


def shown(user: User, families: list[Family], purpose: str, role: str = "") -> list[Family]:
    """Log that these families (read through `visible_families`) were shown in a list."""
    audit.record_views(user, role, families, purpose)
    return families


def open_object(
    user: AnyUser,
    queryset: QuerySet[Any],
    pk: Any,
    action: str = AuditAction.VIEW,
    purpose: str = "",
    scope: str = "basic",
) -> Any:
    """Fetch a record of a family (a referral, a care plan) by id from ``queryset`` and open it
    through the door; an id that is not there is refused and logged like one not allowed."""
    found = queryset.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        _refused(user, action, queryset.model._meta.label_lower, pk, purpose, "not_found")
        raise Http404
    open_record(user, found, action, purpose, scope)
    return found


def emergency_target(user: User, pk: Any) -> Family | None:
    """The family a professional asks to open in an emergency: only in a region where they work
    as member or case manager; any other number is refused, logged, and answered the same."""
    family = (
        Family.objects.filter(pk=pk).select_related("region").first() if str(pk).isdigit() else None
    )
    allowed = family is not None and user.holds(family.region_id, Role.MEMBER, Role.CASEMANAGER)
    if not allowed:
        _refused(user, AuditAction.VIEW, "families.family", pk, "emergency access", "not_allowed")
        return None
    return family
