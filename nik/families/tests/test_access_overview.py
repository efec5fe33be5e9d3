"""'Who looked at your details' reassures instead of alarming: per day and person, who (name,
role in Dutch, organisation) and what in plain words; list views grouped; the family's own
visits left out; emergency access marked (issue 14, point 4)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.core.models import AuditEvent
from nik.families import access as family_access
from nik.families.models import EmergencyAccess

pytestmark = pytest.mark.django_db


def _log(client, family) -> str:
    response = client.get(f"/families/{family.pk}/access-log/")
    assert response.status_code == 200
    return response.text.split('id="access-log"')[1]


def test_one_minute_of_work_is_one_line_in_plain_dutch(
    client, login, region, coordinator, parent, family
):
    ProfessionalFactory(
        region=region,
        organization=OrganizationFactory(region=region, name="LUMC"),
        user=coordinator,
    )
    staff = login(coordinator)
    for _ in range(5):
        staff.get("/")  # the start page names no family without a referral: no line
        staff.get("/families/")
    staff.get(f"/families/{family.pk}/")
    staff.get(f"/families/{family.pk}/")
    staff.logout()
    log = _log(login(parent), family)
    assert log.count('class="nik-card') == 1, log  # one person, one day
    assert escape(coordinator.get_full_name()) in log
    assert "netwerkcoördinator" in log.lower() or "coördinator" in log.lower()
    assert "LUMC" in log
    assert "Heeft jullie gezinsgegevens bekeken" in log
    assert "Zag de naam van jullie gezin in een lijst (5×)" in log
    for english in ("(parent)", "(coordinator)", "care plan", "start page", "family record"):
        assert english not in log
    # The parent's own visits are theirs; they are not listed.
    assert escape(parent.get_full_name()) not in log


def test_emergency_access_is_marked(client, login, region, member, parent, family):
    now = timezone.now()
    EmergencyAccess.objects.create(
        family=family,
        user=member,
        reason="Acute opname, gegevens nodig",
        opened_at=now,
        expires_at=now + timedelta(hours=1),
    )
    family_access.open_family(member, family.pk, purpose="family record")
    log = _log(login(parent), family)
    assert "Toegang in een noodgeval" in log
    assert escape(member.get_full_name()) in log


def test_the_coordinator_sees_every_visit_including_the_parents(
    client, login, region, coordinator, parent, family
):
    login(parent).get(f"/families/{family.pk}/")
    client.logout()
    log = _log(login(coordinator), family)
    assert escape(parent.get_full_name()) in log and "ouder" in log
    assert AuditEvent.objects.filter(purpose="access log", user=coordinator).exists()
