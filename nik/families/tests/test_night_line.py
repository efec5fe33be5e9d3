"""No night line means no help: until the 24-hour arrangement covers the nights, the portal
says what to do instead and who arranges it (issue 14, point 5)."""

from __future__ import annotations

import pytest

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.families.models import Availability, CareTeamMember

pytestmark = pytest.mark.django_db

FALLBACK = "Tot die tijd:"


@pytest.fixture
def with_casemanager(family, region):
    pro = ProfessionalFactory(
        organization=OrganizationFactory(region=region),
        full_name="Mirjam de Vries",
        phone="06-11112222",
    )
    CareTeamMember.objects.create(family=family, professional=pro, role="casemanager")
    return family


def test_without_any_line_the_portal_gives_the_fallback_and_who_arranges_it(
    client, login, parent, with_casemanager
):
    page = login(parent).get(f"/families/{with_casemanager.pk}/").text
    assert "Er is nog niet afgesproken wie je dag en nacht kunt bellen." in page
    assert "Je casemanager Mirjam de Vries regelt dit samen met jou." in page
    assert "06-11112222" in page
    assert "huisartsenpost" in page and "Bel 112" in page
    assert "Nog niet geregeld" not in page


def test_office_hours_only_still_gives_the_night_fallback(client, login, parent, with_casemanager):
    Availability.objects.create(
        family=with_casemanager, period="office", who="Casemanager", phone="071-1"
    )
    page = login(parent).get(f"/families/{with_casemanager.pk}/").text
    assert "Voor 's avonds en 's nachts is nog niets afgesproken." in page
    assert FALLBACK in page


def test_a_night_line_ends_the_fallback(client, login, parent, with_casemanager):
    Availability.objects.create(
        family=with_casemanager, period="always", who="Kinderthuiszorg", phone="088-1234"
    )
    page = login(parent).get(f"/families/{with_casemanager.pk}/").text
    assert "088-1234" in page and FALLBACK not in page
