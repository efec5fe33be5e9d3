"""The start page fits the role and region; Dutch first, English by the switch."""

from __future__ import annotations

import pytest

from nik.core.factories import OrganizationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_coordinator_sees_the_overview_of_their_region(client, login, coordinator, region, family):
    OrganizationFactory.create_batch(3, region=region)
    response = login(coordinator).get("/")
    assert response.status_code == 200
    page = response.text
    assert "Welkom" in page
    assert region.name in page
    assert response.context["overviews"][0]["counts"]["organizations"] == 3
    # The families panel inside the region's card: coordinators see how many families.
    assert "<dt>Gezinnen</dt><dd>1</dd>" in page


def test_steering_sees_the_region_but_no_family_count(client, login, steering, region, family):
    response = login(steering).get("/")
    assert region.name in response.text
    assert "<dt>Gezinnen</dt>" not in response.text


def test_parent_sees_their_family_page_link(client, login, parent, family):
    response = login(parent).get("/")
    assert "Jullie gezin" in response.text
    assert f"/families/{family.pk}/" in response.text
    assert "palliatie" not in response.text.lower()


def test_a_parents_start_page_says_in_plain_words_who_helps_them(client, login, parent, region):
    """Issue 30: "Je rollen: ouder: NIK Holland Rijnland" is jargon for a parent."""
    page = login(parent).get("/").text
    assert "Je gezin krijgt hulp van NIK Holland Rijnland." in page
    assert "Je rollen" not in page and "ouder:" not in page


def test_a_professional_still_reads_their_roles(client, login, coordinator, region):
    page = login(coordinator).get("/").text
    assert "Je rollen:" in page and "netwerkcoördinator: NIK Holland Rijnland" in page
    assert "Je gezin krijgt hulp" not in page


def test_national_analyst_sees_the_regions_list(client, login, national, region, other_region):
    response = login(national).get("/")
    assert "De regionale netwerken" in response.text
    assert [r.slug for r in response.context["regions"]] == ["holland-rijnland", "limburg"]


def test_regions_list_query_count_does_not_grow(
    client, login, national, django_assert_max_num_queries
):
    client = login(national)
    client.get("/")
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    for _ in range(15):
        region = RegionFactory()
        OrganizationFactory.create_batch(2, region=region)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/")
    regions = response.context["regions"]
    assert len(regions) == 17
    assert {r.n_organizations for r in regions if r.slug.startswith("regio-")} == {2}
    assert {r.n_coordinators for r in regions} == {0}


def test_anonymous_visitor_sees_the_public_front_with_a_way_to_log_in(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Hulp voor gezinnen met een ernstig ziek kind" in response.text
    assert 'href="/accounts/login/"' in response.text


def test_english_by_the_language_switch(client, login, coordinator):
    client = login(coordinator)
    assert "Welkom" in client.get("/").text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert "Welcome" in response.text
    assert response["Content-Language"] == "en"


def test_pages_stay_dutch_whatever_the_browser_says(client, db):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Inloggen" in response.text


def test_the_cached_counts_follow_a_change_at_once(client, login, coordinator, region):
    """The region's counts come from the shared cache; a saved record makes them count again."""
    from nik.core.factories import ProfessionalFactory

    home = OrganizationFactory(region=region, kind="home_care")
    client = login(coordinator)
    assert client.get("/").context["overviews"][0]["counts"]["professionals"] == 0
    ProfessionalFactory.create_batch(2, organization=home)
    assert client.get("/").context["overviews"][0]["counts"]["professionals"] == 2
    OrganizationFactory(region=region, kind="pharmacy")
    assert client.get("/").context["overviews"][0]["counts"]["organizations"] == 2


def test_the_cache_holds_codes_so_each_reader_gets_their_language(
    client, login, coordinator, region
):
    OrganizationFactory(region=region, kind="home_care")
    client = login(coordinator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "home care: 1" in client.get(f"/regions/{region.slug}/").text
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    page = client.get(f"/regions/{region.slug}/").text
    assert "thuiszorg: 1" in page and "home care" not in page
