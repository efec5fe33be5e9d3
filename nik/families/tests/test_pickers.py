"""Adding to the care team: a search, not a list of every professional of the region."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.families.models import CareTeamMember, Consent

pytestmark = pytest.mark.django_db


def _record_queries(client, family) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/families/{family.pk}/")
    assert response.status_code == 200
    return len(queries), response.text


def test_the_record_page_does_not_grow_with_the_regions_professionals(
    client, login, coordinator, region, family
):
    client = login(coordinator)
    ProfessionalFactory.create_batch(3, organization=OrganizationFactory(region=region))
    _record_queries(client, family)  # the first page of a session also saves the session
    few, html = _record_queries(client, family)
    ProfessionalFactory.create_batch(60, organization=OrganizationFactory(region=region))
    many, html = _record_queries(client, family)
    assert many == few
    # The team part is a search box; no professional is listed as a choice.
    assert 'name="professional"' not in html
    assert "Zoek een professional" in html


def test_the_search_finds_by_name_job_or_organisation_and_adds(
    client, login, coordinator, region, other_region, family
):
    home = OrganizationFactory(region=region, name="Thuiszorg Rijnland")
    nurse = ProfessionalFactory(
        organization=home, full_name="Anna de Vries", job_title="verpleegkundige"
    )
    ProfessionalFactory(organization=OrganizationFactory(region=region), full_name="Bram Bakker")
    ProfessionalFactory(
        organization=OrganizationFactory(region=other_region, name="Thuiszorg Zuid"),
        full_name="Anna Elders",
    )
    client = login(coordinator)
    for term in ("anna", "verpleeg", "rijnland"):
        page = client.get(f"/families/{family.pk}/team/", {"q": term})
        assert page.status_code == 200
        assert "Anna de Vries" in page.text, term
        assert "Bram Bakker" not in page.text and "Anna Elders" not in page.text, term
    nothing = client.get(f"/families/{family.pk}/team/", {"q": "zzz"})
    assert "Geen professional van dit netwerk past bij" in nothing.text

    added = client.post(
        f"/families/{family.pk}/team/", {"q": "anna", "professional": nurse.pk, "role": "home_care"}
    )
    assert added.status_code == 302
    assert CareTeamMember.objects.filter(family=family, professional=nurse).exists()


def test_a_forged_post_naming_another_regions_professional_adds_nobody(
    client, login, coordinator, other_region, family
):
    elsewhere = ProfessionalFactory(organization=OrganizationFactory(region=other_region))
    client = login(coordinator)
    response = client.post(
        f"/families/{family.pk}/team/",
        {"q": "x", "professional": elsewhere.pk, "role": "home_care"},
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.text
    assert not CareTeamMember.objects.exists()


def test_a_long_list_of_matches_is_cut_with_a_hint(client, login, coordinator, region, family):
    organisation = OrganizationFactory(region=region, name="Groot Ziekenhuis")
    ProfessionalFactory.create_batch(30, organization=organisation)
    page = login(coordinator).get(f"/families/{family.pk}/team/", {"q": "groot"})
    assert page.text.count('name="professional"') == 25
    assert "Alleen de eerste 25 treffers" in page.text


def test_someone_outside_the_family_cannot_search_its_team(client, login, member, family):
    assert login(member).get(f"/families/{family.pk}/team/", {"q": "a"}).status_code == 404


def test_consent_offers_the_teams_organisations_and_finds_others(
    client, login, coordinator, region, other_region, family
):
    team_home = OrganizationFactory(region=region, name="Thuiszorg Rijnland")
    CareTeamMember.objects.create(
        family=family, professional=ProfessionalFactory(organization=team_home), role="home_care"
    )
    OrganizationFactory.create_batch(40, region=region)
    pharmacy = OrganizationFactory(region=region, name="Apotheek De Zijl")
    OrganizationFactory(region=other_region, name="Apotheek Zuid")
    client = login(coordinator)

    record = client.get(f"/families/{family.pk}/").text
    assert record.count('name="organization"') == 1 and "Thuiszorg Rijnland" in record
    found = client.get(f"/families/{family.pk}/consent/", {"q": "apotheek"}).text
    assert "Apotheek De Zijl" in found and "Apotheek Zuid" not in found
    assert found.count('name="organization"') == 1

    saved = client.post(
        f"/families/{family.pk}/consent/",
        {
            "q": "apotheek",
            "organization": pharmacy.pk,
            "scope": "basic",
            "given_by": "parents",
            "given_by_names": "Eva Jansen",
            "method": "verbal",
        },
    )
    assert saved.status_code == 302, saved.content
    assert Consent.objects.filter(family=family, organization=pharmacy).exists()


def test_a_forged_consent_for_another_regions_organisation_is_refused(
    client, login, coordinator, other_region, family
):
    elsewhere = OrganizationFactory(region=other_region)
    response = login(coordinator).post(
        f"/families/{family.pk}/consent/",
        {
            "organization": elsewhere.pk,
            "scope": "basic",
            "given_by": "parents",
            "given_by_names": "Eva Jansen",
            "method": "verbal",
        },
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.text
    assert not Consent.objects.exists()
