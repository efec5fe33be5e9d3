"""Reads about one family that several pages share (the record, the portal, the plan's PDF)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nik.core import audit
from nik.core.events import CoreEvent
from nik.core.models import Membership, Professional, Region, Role, User

from .models import Availability, CareTeamMember, Family, TeamRole

EMERGENCY_NUMBER = "112"


def tel_href(phone: str) -> str:
    """A phone number as a `tel:` link takes it: digits and a leading plus only."""
    return re.sub(r"[^\d+]", "", phone)


@dataclass(frozen=True)
class CallLine:
    """One number to call: when, whom, and the number as written and as a `tel:` link."""

    when: str
    who: str
    phone: str
    notes: str = ""
    pk: int | None = None  # the arrangement's line, for the professional's edit link

    @property
    def tel(self) -> str:
        return tel_href(self.phone)


@dataclass(frozen=True)
class NightLine:
    """Whom the family calls, at any hour: the one source of the "Wie bel je" box on the family
    page and of the acute section of the parents' plan (page and PDF), so the two say the same.

    The lines are the family's 24-hour arrangement; when it leaves hours open, the region's
    contact point (with its number) and who arranges the rest; 112 always."""

    arranged: bool  # any line of the 24-hour arrangement
    nights: bool  # evenings and nights are covered (a night line or a day-and-night line)
    casemanager: str  # who arranges it, as parents know them
    casemanager_phone: str
    lines: tuple[CallLine, ...] = ()
    contact_point: CallLine | None = None  # the region's central contact point, if it has a number
    emergency: str = EMERGENCY_NUMBER

    @property
    def complete(self) -> bool:
        return self.arranged and self.nights

    @property
    def casemanager_tel(self) -> str:
        return tel_href(self.casemanager_phone)


def night_line(
    family: Family, availability: list[Availability], team: list[CareTeamMember]
) -> NightLine:
    """The family's 24-hour arrangement as parents need it: what is missing, and who fixes it.
    Reads nothing new: the page has the arrangement, the team and the family's region already."""
    periods = {a.period for a in availability}
    manager: Any = next((m.professional for m in team if m.role == TeamRole.CASEMANAGER), None)
    name = manager.full_name if manager else ""
    if not name and family.casemanager_id:
        name = family.casemanager.get_full_name() if family.casemanager else ""
    region = family.region
    contact_point = (
        CallLine(
            when=str(region.hours or ""),
            who=str(_("the contact point of %(region)s") % {"region": region.name}),
            phone=region.phone,
        )
        if region.phone
        else None
    )
    return NightLine(
        arranged=bool(availability),
        nights=bool(periods & {Availability.Period.EVENING_NIGHT, Availability.Period.ALWAYS}),
        casemanager=name,
        casemanager_phone=manager.phone if manager else "",
        lines=tuple(
            CallLine(
                when=str(a.get_period_display()),
                who=a.who,
                phone=a.phone,
                notes=a.notes,
                pk=a.pk,
            )
            for a in availability
        ),
        contact_point=contact_point,
    )


# "Who looked at your details": the access log as a family reads it ---------------------------

# What a person did, in plain words, by the purpose the door wrote into the event. A purpose not
# listed here is told by its kind of action (ACTIONS).
PURPOSES: dict[str, Any] = {
    "family record": _("looked at your family's details"),
    "care plan": _("looked at the care plan"),
    "print care plan": _("printed the care plan"),
    "edit care plan": _("worked on the care plan"),
    "start care plan": _("started the care plan"),
    "publish care plan": _("made a new version of the care plan final"),
    "evaluate care plan": _("started an evaluation of the care plan"),
    "compare care plan versions": _("compared versions of the care plan"),
    "family wishes": _("looked at your wishes"),
    "needs assessment": _("worked on the needs assessment"),
    "needs assessments": _("looked at the needs assessments"),
    "needs assessment into plan": _("used the needs assessment in the care plan"),
    "care team": _("looked at or changed the care team"),
    "record consent": _("recorded your consent"),
    "withdraw consent": _("recorded that you withdrew consent"),
    "move stage": _("changed the stage of care"),
    "invite to the portal": _("invited someone to this family page"),
    "access log": _("looked at who looked at your details"),
    "intake": _("worked on the referral"),
    "refer a family": _("worked on the referral"),
    "answer a question": _("answered a question"),
    "ask a question": _("asked the network a question"),
    "your question": _("read a question of your family and its answer"),
    "case discussion": _("looked at a case discussion of the network about your child"),
    "survey invitation": _("sent you an invitation to the survey about the care"),
    "link case discussion": _(
        "discussed your child's situation with the network (case discussion)"
    ),
    "unlink case discussion": _("took your family's name off a case discussion"),
    "signal": _("noted a problem your family ran into, to improve care (it stays in the network)"),
    "api family": _("fetched your details through a linked care system"),
    "api access log": _("fetched this overview through a linked care system"),
    "api": _("fetched your details through a linked care system"),
}
ACTIONS: dict[str, Any] = {
    "view": _("looked at your details"),
    "create": _("added something to your details"),
    "update": _("changed your details"),
    "delete": _("removed something from your details"),
    "export": _("exported your details"),
    "print": _("printed your details"),
}
LISTED = _("saw your family's name in a list")


@dataclass
class Visit:
    """One person on one day: who, in which role and organisation, and what they did."""

    who: str
    role: str
    organisation: str
    first: Any
    last: Any
    emergency: bool = False
    did: list[str] = field(default_factory=list)
    listed: int = 0  # list views that showed only the family's name

    def what(self) -> list[str]:
        told = list(self.did)
        if self.listed:
            told.append(f"{LISTED} ({self.listed}×)" if self.listed > 1 else str(LISTED))
        return told


def access_overview(
    family: Family, *, for_family: bool, limit: int = 1000
) -> list[tuple[Any, list[Visit]]]:
    """The family's access log by day and person, newest first, in plain words.

    List views that showed only the name are counted, not listed one by one; the family's own
    visits are left out of the family's view (they know them); emergency access is marked."""
    events = list(
        audit.about_family(family.pk)
        .filter(outcome="allowed")
        .select_related("user")
        .order_by("-id")[:limit]
    )
    own = set(family.portal_users.values_list("pk", flat=True)) if for_family else set()
    people = {e.user_id for e in events if e.user_id}
    organisations = dict(
        Professional.objects.filter(user_id__in=people, region_id=family.region_id)
        .order_by("user_id", "pk")
        .values_list("user_id", "organization__name")
    )
    roles = dict(Role.choices)
    days: dict[Any, dict[Any, Visit]] = {}
    for event in events:
        if event.user_id in own:
            continue
        when = timezone.localtime(event.created_at)
        key = event.user_id or event.user_email
        visits = days.setdefault(when.date(), {})
        visit = visits.get(key)
        if visit is None:
            visit = visits[key] = Visit(
                who=event.user.get_full_name() if event.user else (event.user_email or "—"),
                role=str(roles.get(event.role, "")),
                organisation=organisations.get(event.user_id or 0, "") or "",
                first=when,
                last=when,
            )
        visit.role = visit.role or str(roles.get(event.role, ""))
        visit.first = min(visit.first, when)
        visit.last = max(visit.last, when)
        visit.emergency = visit.emergency or bool(event.details.get("break_glass"))
        if event.event == CoreEvent.LISTED:
            visit.listed += 1
            continue
        told = str(PURPOSES.get(event.purpose) or ACTIONS.get(event.action) or ACTIONS["view"])
        if told not in visit.did:
            visit.did.append(told)
    return [(day, list(visits.values())) for day, visits in days.items()]


def casemanagers(region: Region) -> QuerySet[User]:
    """Who may become a family's case manager in ``region``: its active case managers and
    coordinators (each once: a subquery, not a join)."""
    return User.objects.filter(
        Exists(
            Membership.objects.filter(
                user=OuterRef("pk"), region=region, role__in=[Role.CASEMANAGER, Role.COORDINATOR]
            )
        ),
        is_active=True,
    )


def pickable_casemanagers(
    region: Region, *, words: list[str] | None = None, ids: list[str] | None = None, limit: int
) -> list[tuple[str, str]]:
    """(id, name) of the region's possible case managers for a picker, by name: those whose name
    or e-mail address holds every word, or those of ``ids`` (what a picker sends back)."""
    found = casemanagers(region)
    if ids is not None:
        found = found.filter(pk__in=[int(i) for i in ids if i.isdigit()][:limit])
    for word in words or []:
        found = found.filter(Q(full_name__icontains=word) | Q(email__icontains=word))
    return [(str(user.pk), str(user)) for user in found.order_by("full_name", "email")[:limit]]
