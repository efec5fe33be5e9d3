"""Every URL, as every persona, by GET and by POST, on the demo data.

For each response: no server error; no family named that the persona may not see (a leak);
and every family named in it has its audit event, written during that request, for that user
(NEN 7513: every response that shows family data is logged). A family is "named" when its
name ("Gezin …") or its child's full name appears in the body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import get_resolver
from django.utils.html import escape

from nik.core import audit
from nik.core.factories import RegionFactory
from nik.core.models import AuditEvent, AuditOutcome, Membership, User
from nik.core.tests.test_access_matrix import _walk
from nik.families import access as family_access
from nik.families.factories import FamilyFactory
from nik.families.models import Child, Family
from nik.home import demo

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "coordinator@holland-rijnland.example",
    "casemanager@holland-rijnland.example",
    "member@holland-rijnland.example",
    "outsider@holland-rijnland.example",
    "steering@holland-rijnland.example",
    "parent@holland-rijnland.example",
    "coordinator@limburg.example",
    "parent@limburg.example",
    "national@nik.example",
    "admin@nik.example",
]

# POSTs that would end the persona's own session or touch their login, not the product's data.
NO_POST = re.compile(r"^(account_|mfa_|admin:|set_language)")
# Binary answers: their text is not searched (the PDF and spreadsheet tests read them).
BINARY = ("application/pdf", "application/vnd.openxmlformats")


@dataclass
class Findings:
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)
    named: int = 0


def _kwargs_for(name: str, params: list[str], family: Family) -> dict[str, Any] | None:
    """Real ids of the demo for one URL pattern, around one family and its region."""
    from nik.careplans.models import CarePlan, NeedsAssessment
    from nik.directory.models import Service
    from nik.roadmap import models as roadmap

    region = family.region
    first = {
        "roadmap:action_done": roadmap.ActionItem.objects.filter(event__region=region),
        "roadmap:party": roadmap.AgreementParty.objects.filter(agreement__region=region),
        "roadmap:event": roadmap.Event.objects.filter(region=region),
        "roadmap:event_ics": roadmap.Event.objects.filter(region=region),
        "api:event_ics": roadmap.Event.objects.filter(region=region),
        "roadmap:indicator": roadmap.Indicator.objects.filter(region=region),
        "roadmap:milestone": roadmap.Milestone.objects.filter(region=region),
        "roadmap:proposal": roadmap.Proposal.objects.filter(region=region),
        "network:organization_detail": region.organizations.all(),
        "network:organization_edit": region.organizations.all(),
        "network:professional_detail": region.professionals.all(),
        "network:professional_edit": region.professionals.all(),
        "families:referral_detail": family.referrals.all(),
        "families:inquiry_detail": region.inquiries.all(),
        "families:consent_withdraw": family.consents.all(),
        "families:team_remove": family.team.all(),
        "careplans:assessment_use": NeedsAssessment.objects.filter(family=family),
        "fhir_careplan": CarePlan.objects.filter(family=family),
        "directory:service_edit": Service.objects.filter(region=region),
        "directory:service": Service.objects.filter(region=region),
        "directory:confirm": Service.objects.filter(region=region),
    }
    values: dict[str, Any] = {}
    for param in params:
        if param == "slug":
            values[param] = region.slug
        elif param in ("family_id",) or (
            param == "pk" and name.startswith(("families:", "careplans:", "fhir_everything"))
        ):
            values[param] = family.pk
        elif param in ("pk", "event_id", "consent_pk", "member_pk", "assessment_pk"):
            found = first.get(name)
            obj = found.order_by("pk").first() if found is not None else None
            if obj is None:
                return None
            values[param] = obj.pk
        elif param == "number":
            values[param] = 1
        elif param == "part":
            values[param] = "child"
        elif param == "part_pk":
            child = Child.objects.filter(family=family).first()
            values[param] = child.pk if child else 1
        elif param == "section":
            values[param] = "wishes"
        elif param == "key":
            values[param] = "abc"
        else:
            values[param] = "1"
    return values


def _paths(families: list[Family]) -> Iterator[tuple[str, str]]:
    seen: set[str] = set()
    for pattern, name in sorted(set(_walk(get_resolver().url_patterns))):
        admin_list = name == "admin:index" or (
            name.startswith("admin:") and name.endswith("_changelist")
        )
        if pattern.startswith(("static/", "admin/")) and not admin_list:
            continue
        if "(?P" in pattern:  # allauth's regex routes: key-checked links, walked by the login tests
            continue
        params = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
        for family in families:
            values = _kwargs_for(name, params, family)
            if values is None:
                continue
            path = "/" + re.sub(
                r"<(?:\w+:)?(\w+)>", lambda m, v=values: str(v[m.group(1)]), pattern
            )
            if path not in seen:
                seen.add(path)
                yield path, name


def _forms(name: str) -> list[str]:
    return [name, escape(name), json.dumps(name)[1:-1]]


def _names() -> dict[str, set[int]]:
    """Each family's name and its child's full name, to the families that carry it."""
    named: dict[str, set[int]] = {}
    for family in Family.objects.all():
        named.setdefault(family.name, set()).add(family.pk)
    for child in Child.objects.all():
        named.setdefault(f"{child.first_name} {child.last_name}", set()).add(child.family_id)
    return named


def walk(client: Any, user: User | None) -> Findings:
    families = [
        Family.objects.filter(portal_users__email="parent@holland-rijnland.example").get(),
        Family.objects.filter(region__slug="limburg", stage="in_care").order_by("pk").first(),
    ]
    named = _names()
    visible = (
        set(family_access.visible_families(user).values_list("pk", flat=True)) if user else set()
    )
    found = Findings()
    for path, name in _paths(families):
        for method in ("get", "post"):
            if method == "post" and NO_POST.match(name):
                continue
            before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = getattr(client, method)(path)
            found.requests += 1
            if response.status_code >= 500:
                found.server_errors.append(
                    f"{method.upper()} {path} ({name}): {response.status_code}"
                )
                continue
            kind = response.get("Content-Type", "")
            if kind.startswith(BINARY) or getattr(response, "streaming", False):
                continue
            body = response.content.decode("utf-8", errors="replace")
            for text, owners in named.items():
                if not any(form in body for form in _forms(text)):
                    continue
                found.named += 1
                where = f"{method.upper()} {path} ({name}) shows {text!r}"
                if not owners & visible:
                    found.leaks.append(where)
                    continue
                logged = (
                    audit.about_families(owners)
                    .filter(id__gt=before, user=user, outcome=AuditOutcome.ALLOWED)
                    .exists()
                )
                if not logged:
                    found.unaudited.append(where)
    return found


def _expired_emergency_access() -> None:
    """A break-glass of yesterday, so the coordinator's review list has a family on it."""
    from datetime import timedelta

    from django.utils import timezone

    from nik.families.models import EmergencyAccess

    opened = timezone.now() - timedelta(days=1)
    EmergencyAccess.objects.create(
        family=Family.objects.filter(region__slug="holland-rijnland").order_by("pk").first(),
        user=User.objects.get(email="outsider@holland-rijnland.example"),
        reason="Acute opname, ouders niet bereikbaar",
        opened_at=opened,
        expires_at=opened + timedelta(hours=4),
    )


@pytest.mark.parametrize("email", PERSONAS)
def test_every_url_as_every_persona_no_error_no_leak_every_view_logged(client, login, email):
    demo.load()
    _expired_emergency_access()
    user = None if email == "anonymous" else User.objects.get(email=email)
    if user is not None:
        client = login(user)
    found = walk(client, user)
    assert found.requests > 150
    assert found.server_errors == []
    assert found.leaks == []
    assert found.unaudited == []
    if email in ("coordinator@holland-rijnland.example", "parent@holland-rijnland.example"):
        assert found.named > 3  # the walk does reach pages that show families


# Tables a GET may write: the audit log (reads are logged), sessions and login bookkeeping.
MAY_WRITE_ON_GET = {
    "core.auditevent",
    "core.auditsubject",
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "account.emailconfirmation",
    # allauth's own e-mail page records the account's address the first time it is opened.
    "account.emailaddress",
}


def _snapshot() -> dict[str, int]:
    """A fingerprint of every table the product keeps: its rows and their values."""
    from django.apps import apps

    prints = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in MAY_WRITE_ON_GET or not model._meta.managed:
            continue
        rows = model._default_manager.order_by("pk").values_list()
        prints[label] = hash(tuple(tuple(str(v) for v in row) for row in rows))
    return prints


@pytest.mark.parametrize(
    "email", ["coordinator@holland-rijnland.example", "steering@holland-rijnland.example"]
)
def test_a_get_never_writes(client, login, email):
    """Opening every page (forms included) changes nothing but the audit log and the session."""
    demo.load()
    _expired_emergency_access()
    user = User.objects.get(email=email)
    client = login(user)
    # A region made today, with the user in the same role there: its pages are opened first.
    fresh = RegionFactory(slug="nieuw-netwerk")
    Membership.objects.create(user=user, region=fresh, role=user.memberships.get().role)
    families = [
        FamilyFactory(region=fresh),
        Family.objects.filter(portal_users__email="parent@holland-rijnland.example").get(),
        Family.objects.filter(region__slug="limburg", stage="in_care").order_by("pk").first(),
    ]
    before = _snapshot()
    paths = list(_paths(families))
    for path, _name in paths:
        client.get(path)
    after = _snapshot()
    assert len(paths) > 150
    assert [label for label in before if before[label] != after[label]] == []
    # Every event the walk and the demo wrote has a name.
    assert not AuditEvent.objects.filter(event="").exists()
