"""On the family record the organisation search comes before the consent form's button (issue 30)."""

from __future__ import annotations

import pytest

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.families.models import CareTeamMember, TeamRole

pytestmark = pytest.mark.django_db


def test_the_organisation_search_sits_above_the_record_consent_button(
    client, login, region, coordinator, family
):
    home_care = OrganizationFactory(region=region, name="Kinderthuiszorg Leiden")
    CareTeamMember.objects.create(
        family=family,
        professional=ProfessionalFactory(region=region, organization=home_care),
        role=TeamRole.HOME_CARE,
    )
    page = login(coordinator).get(f"/families/{family.pk}/").text
    section = page.split('id="consent"', 1)[1].split("</section>", 1)[0]
    search = section.index('role="search"')
    offered = section.index("Kinderthuiszorg Leiden")
    button = section.index(">Toestemming vastleggen</button>")
    assert search < offered < button
