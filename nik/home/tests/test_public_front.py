"""The public front: what NIK is, which network is mine, and every public page leads to a
contact point (issue 14, point 1). Nothing here needs an account."""

from __future__ import annotations

import re

import pytest

from nik.core.factories import MunicipalityFactory, OrganizationFactory, RegionFactory
from nik.directory.factories import make_service
from nik.home.selectors import networks_for
from nik.roadmap.models import Agreement, AgreementParty

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks(region, other_region):
    region.phone, region.email, region.hours = "071-000 00 10", "contact@hr.example", "Ma-vr 9-17"
    region.postcodes = "2160-2899"
    region.offer = "Eén vast aanspreekpunt\n- Eén plan samen met jullie\n"
    region.save()
    other_region.phone, other_region.postcodes = "043-000 00 16", "5500-6499"
    other_region.save()
    MunicipalityFactory(region=region, name="Leiden")
    return region, other_region


def test_a_postcode_or_a_town_finds_its_network(networks):
    holland, limburg = networks
    assert networks_for("2311") == [holland]
    assert networks_for(" 2311 ab ") == [holland]
    assert networks_for("6211") == [limburg]
    assert networks_for("leiden") == [holland]  # a municipality the network lists
    assert networks_for("Lisse") == [holland]  # a town through the postcode table (2161)
    assert networks_for("9711") == []  # Groningen: neither of these two networks
    assert networks_for("Atlantis") == []
    assert networks_for("") == []


def test_the_front_page_tells_what_nik_is_and_finds_the_network(client, networks):
    holland, _limburg = networks
    page = client.get("/").text
    assert "Hulp voor gezinnen met een ernstig ziek kind" in page
    assert "palliatie" not in page.lower()
    for region in networks:
        assert f'href="/networks/{region.slug}/"' in page
    found = client.get("/", {"place": "2311"}).text
    assert "Voor 2311: <strong>NIK Holland Rijnland</strong>" in found
    assert 'href="tel:0710000010"' in found
    assert f'href="/regions/{holland.slug}/contact/"' in found
    lost = client.get("/", {"place": "Atlantis"}).text
    assert "We vinden geen netwerk bij “Atlantis”" in lost


def test_a_networks_public_page_says_how_to_reach_it(client, networks, region):
    holland, _limburg = networks
    owner = OrganizationFactory(region=region, name="Stichting Logeren")
    signed = OrganizationFactory(region=region, name="Kinderthuiszorg Rijnland")
    unsigned = OrganizationFactory(region=region, name="Nog Niet Getekend")
    agreement = Agreement.objects.create(region=region)
    AgreementParty.objects.create(agreement=agreement, organization=signed, signed_on="2026-01-05")
    AgreementParty.objects.create(agreement=agreement, organization=unsigned)
    make_service(region, "Logeerhuis De Zeester", "respite", owner=owner, postcode="2311")
    page = client.get(f"/networks/{holland.slug}/").text
    assert "071-000 00 10" in page and "mailto:contact@hr.example" in page and "Ma-vr 9-17" in page
    assert f'href="/regions/{holland.slug}/contact/"' in page
    assert "Eén vast aanspreekpunt" in page and "Eén plan samen met jullie" in page
    assert "Kinderthuiszorg Rijnland" in page and "Nog Niet Getekend" not in page
    assert f'href="/regions/{holland.slug}/wegwijzer/?category=respite"' in page
    assert client.get("/networks/bestaat-niet/").status_code == 404


def _contact_links(html: str) -> list[str]:
    return re.findall(r'href="(/contact/|/networks/[\w-]+/|/regions/[\w-]+/contact/)"', html)


def test_every_public_page_leads_to_a_contact_point(client, networks, region):
    holland, _limburg = networks
    service = make_service(region, "Thuiszorg Kind", "home_nursing")
    pages = [
        "/",
        "/contact/",
        f"/networks/{holland.slug}/",
        "/wegwijzer/",
        "/wegwijzer/?q=bestaatnietwoord",
        f"/regions/{holland.slug}/wegwijzer/",
        f"/regions/{holland.slug}/wegwijzer/?q=bestaatnietwoord",
        f"/wegwijzer/services/{service.pk}/",
        f"/regions/{holland.slug}/contact/",
        "/accounts/login/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _contact_links(response.text), f"{url} has no way to the contact point"
    # A search without results offers the region's contact point itself.
    empty = client.get(f"/regions/{holland.slug}/wegwijzer/", {"q": "bestaatnietwoord"}).text
    assert "Vraag het netwerk" in empty and 'href="tel:0710000010"' in empty


def test_the_thank_you_page_gives_the_phone_and_the_emergency_number(client, networks):
    holland, _limburg = networks
    response = client.post(
        f"/regions/{holland.slug}/contact/",
        {
            "asker": "parent",
            "topic": "respite",
            "question": "Waar kan mijn zoon logeren?",
            "name": "Ouder",
            "email": "ouder@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "Dank je wel voor je vraag" in response.text
    assert 'href="tel:0710000010"' in response.text
    assert "Bel 112" in response.text


def test_the_booklet_says_how_to_reach_the_network(client, networks):
    from io import BytesIO

    from pypdf import PdfReader

    holland, _limburg = networks
    response = client.get(f"/regions/{holland.slug}/wegwijzer/booklet.pdf")
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "071-000 00 10" in text
    assert f"/networks/{holland.slug}/" in text
    assert "112" in text


def test_other_regions_without_contact_details_still_show_the_form(client, db):
    quiet = RegionFactory(slug="stil", name="NIK Stil")
    page = client.get(f"/networks/{quiet.slug}/").text
    assert f'href="/regions/{quiet.slug}/contact/"' in page
    assert 'href="tel:' not in page.split("<main")[1].split("</main>")[0]


def test_the_demo_networks_cover_every_postcode_once():
    """Every four-digit postcode of the Netherlands finds exactly one demo network."""
    from nik.core.demo import REGIONS
    from nik.core.models import Region

    regions = [Region(slug=str(spec["slug"]), postcodes=str(spec["postcodes"])) for spec in REGIONS]
    for code in range(1000, 10000):
        serving = [r.slug for r in regions if r.serves_postcode(code)]
        assert len(serving) == 1, (code, serving)
