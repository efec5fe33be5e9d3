"""A parent without an account finds their network from the front page and asks a question,
in Dutch and in English, at desktop and phone width, with no serious accessibility problem."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nik.core.factories import MunicipalityFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def network(region, other_region):
    region.phone, region.email = "071-000 00 10", "contact@hr.example"
    region.hours, region.postcodes = "Maandag tot en met vrijdag", "2160-2899"
    region.offer = "Eén vast aanspreekpunt voor het hele gezin"
    region.save()
    other_region.postcodes = "5500-6499"
    other_region.save()
    MunicipalityFactory(region=region, name="Leiden")
    return region


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_parent_finds_the_network_and_asks_a_question(page, network, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hulp voor gezinnen met een ernstig ziek kind"
    )
    assert axe_violations(page) == []
    _no_sideways_scroll(page)
    page.get_by_label("Je postcode of woonplaats").fill("2311 AB")
    page.get_by_role("button", name="Zoek mijn netwerk").click()
    status = page.locator(".nik-finder [role=status]")
    expect(status).to_contain_text("NIK Holland Rijnland")
    expect(status.get_by_role("link", name="071-000 00 10")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="NIK Holland Rijnland").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NIK Holland Rijnland")
    expect(page.get_by_text("Eén vast aanspreekpunt voor het hele gezin")).to_be_visible()
    assert axe_violations(page) == []
    _no_sideways_scroll(page)

    page.locator("main").get_by_role("link", name="Stel je vraag", exact=True).click()
    page.get_by_label("Onderwerp:").select_option("respite")
    page.get_by_label("Vraag:").fill("Waar kan mijn zoon van 6 logeren?")
    page.get_by_label("Naam:").fill("Sanne")
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank je wel voor je vraag")
    expect(page.locator("main").get_by_role("link", name="071-000 00 10")).to_be_visible()
    assert axe_violations(page) == []
    _no_sideways_scroll(page)


def test_the_front_in_english(page, network, axe_violations):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Help for families with a seriously ill child"
    )
    page.get_by_label("Your postcode or town").fill("Leiden")
    page.get_by_role("button", name="Find my network").click()
    expect(page.locator(".nik-finder [role=status]")).to_contain_text("NIK Holland Rijnland")
    assert axe_violations(page) == []
    # The header's contact link goes to every network's contact point.
    page.locator("header").get_by_role("link", name="Contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact a network")


def test_a_field_turns_red_only_after_an_error(page, network):
    """The theme drew an empty required text area red before anyone typed in it."""
    page.goto(f"/regions/{network.slug}/contact/")

    def border(selector: str) -> str:
        return page.locator(selector).evaluate("e => getComputedStyle(e).borderBottomColor")

    assert border("#id_question") == border("#id_name")
    page.locator("#id_question").fill("x")
    page.locator("#id_question").fill("")
    page.locator("#id_name").focus()  # left empty after typing: now it may say so
    assert border("#id_question") != border("#id_name")
