"""Every family URL and API endpoint × every demo role: allowed or denied, and audited either way."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nik.core import audit
from nik.core.models import AuditEvent, User
from nik.families.models import CareTeamMember, Family
from nik.home import demo

pytestmark = pytest.mark.django_db

HR = "holland-rijnland"


@pytest.fixture
def world():
    demo.load()
    parent = User.objects.get(email=f"parent@{HR}.example")
    member = User.objects.get(email=f"member@{HR}.example")
    return {
        "parent_family": Family.objects.get(portal_users=parent),
        "member_family": CareTeamMember.objects.get(professional__user=member).family,
    }


# Which role sees which family (see the demo: casemanager@ manages the parent's family;
# member@ is on the team of another family with consent; outsider@ is on no team).
SEES = {
    "coordinator@holland-rijnland.example": {"parent_family", "member_family"},
    "casemanager@holland-rijnland.example": {"parent_family"},
    "member@holland-rijnland.example": {"member_family"},
    "outsider@holland-rijnland.example": set(),
    "steering@holland-rijnland.example": set(),
    "parent@holland-rijnland.example": {"parent_family"},
    "national@nik.example": set(),
    "coordinator@limburg.example": set(),
    "admin@nik.example": set(),
}
EDITS = {
    "coordinator@holland-rijnland.example": {"parent_family", "member_family"},
    "casemanager@holland-rijnland.example": {"parent_family"},
}
SEES_LOG = {
    "coordinator@holland-rijnland.example": {"parent_family", "member_family"},
    "parent@holland-rijnland.example": {"parent_family"},
}


@pytest.mark.parametrize("email", sorted(SEES))
def test_family_pages_by_role(client, world, email, with_second_factor):
    user = User.objects.get(email=email)
    with_second_factor(user)
    client.force_login(user)
    for key in ("parent_family", "member_family"):
        family = world[key]
        before = AuditEvent.objects.filter(
            subject_family_id=family.pk, user=user, outcome="allowed"
        ).count()
        page = client.get(f"/families/{family.pk}/")
        if key in SEES[email]:
            assert page.status_code == 200, (email, key)
            after = AuditEvent.objects.filter(
                subject_family_id=family.pk, user=user, outcome="allowed"
            ).count()
            assert after == before + 1
        else:
            assert page.status_code == 404, (email, key)
            assert AuditEvent.objects.filter(
                subject_family_id=family.pk, user=user, outcome="denied"
            ).exists()

        edit = client.get(f"/families/{family.pk}/edit/child/")
        expected = 200 if key in EDITS.get(email, set()) else (403 if key in SEES[email] else 404)
        assert edit.status_code == expected, (email, key, "edit")
        log = client.get(f"/families/{family.pk}/access-log/")
        expected = (
            200 if key in SEES_LOG.get(email, set()) else (403 if key in SEES[email] else 404)
        )
        assert log.status_code == expected, (email, key, "log")
        for post in ("stage/", "consent/", "team/", "invite/"):
            response = client.post(f"/families/{family.pk}/{post}", {})
            # An editor's empty form: the team and consent pages show it again with its errors.
            done = 400 if post in ("consent/", "team/") else 302
            expected = (
                done if key in EDITS.get(email, set()) else (403 if key in SEES[email] else 404)
            )
            assert response.status_code == expected, (email, key, post)


@pytest.mark.parametrize("email", sorted(SEES))
def test_family_api_by_role(client, world, email, capsys):
    call_command("api_token", email)
    token = capsys.readouterr().out.strip()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = {f["id"] for f in client.get("/api/v1/families?limit=100", **auth).json()["items"]}
    for key in ("parent_family", "member_family"):
        family = world[key]
        assert (family.pk in listed) == (key in SEES[email]), (email, key)
        response = client.get(f"/api/v1/families/{family.pk}", **auth)
        assert response.status_code == (200 if key in SEES[email] else 404), (email, key)
        log = client.get(f"/api/v1/families/{family.pk}/audit", **auth)
        expected = (
            200 if key in SEES_LOG.get(email, set()) else (403 if key in SEES[email] else 404)
        )
        assert log.status_code == expected, (email, key, "audit")
    user = User.objects.get(email=email)
    for family_id in listed:
        assert audit.about_family(family_id).filter(user=user, outcome="allowed").exists()


def test_coordinator_pages_are_for_coordinators_only(client, world, with_second_factor):
    for email, status in [
        (f"coordinator@{HR}.example", 200),
        (f"casemanager@{HR}.example", 403),
        (f"steering@{HR}.example", 403),
        ("coordinator@limburg.example", 404),
    ]:
        user = User.objects.get(email=email)
        with_second_factor(user)
        client.force_login(user)
        for page in ("inquiries/", "referrals/", "emergency-access/"):
            assert client.get(f"/regions/{HR}/{page}").status_code == status, (email, page)
