"""A parent, not logged in, finds respite care near Leiden for a child of 6 and opens its details."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nik.core.factories import MunicipalityFactory, OrganizationFactory
from nik.directory import actions
from nik.directory.models import Service

pytestmark = pytest.mark.browser


@pytest.fixture
def wegwijzer(region):
    MunicipalityFactory(region=region, name="Leiden")
    owner = OrganizationFactory(region=region, name="Stichting Logeren")
    for name, category, postcode, ages in [
        ("Logeerhuis De Zeester", "respite", "2311", (0, 18)),
        ("Logeerhuis Noord", "respite", "9711", (0, 18)),
        ("Tienerlogeerhuis Leiden", "respite", "2312", (12, 18)),
        ("Broertjes en zusjes groep", "siblings", "2311", (6, 16)),
    ]:
        actions.do_save_service(
            Service(
                region=region,
                organization=owner,
                name=name,
                description="Logeren met verpleging, ouders krijgen rust."
                if category == "respite"
                else "Samen spelen en praten.",
                category=category,
                age_min=ages[0],
                age_max=ages[1],
                postcode=postcode,
                phone="071-5555555",
                cost="Via de Wlz",
            ),
            acting_user=None,
        )
    return region


def test_parent_finds_respite_care_near_leiden(page, wegwijzer, axe_violations):
    page.goto(f"/regions/{wegwijzer.slug}/wegwijzer/")
    assert axe_violations(page) == []
    page.get_by_label("Waar zoek je naar?").fill("logeerhuizen")
    page.get_by_label("Soort hulp").select_option("respite")
    page.get_by_label("Leeftijd van het kind").fill("6")
    page.get_by_label("In de buurt van (postcode of plaats)").fill("Leiden")
    page.locator("main").get_by_role("button", name="Zoeken").click()
    results = page.locator(".nik-results > li")
    expect(results).to_have_count(2)  # the teenage house is not for a child of 6
    expect(results.first.get_by_role("link").first).to_have_text("Logeerhuis De Zeester")
    expect(results.first).to_contain_text("km")
    assert axe_violations(page) == []
    results.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logeerhuis De Zeester")
    expect(page.get_by_text("071-5555555")).to_be_visible()
    assert axe_violations(page) == []


def test_the_way_back_keeps_the_search_and_paper_keeps_only_the_entry(
    page, wegwijzer, axe_violations
):
    """Issue 30: "Terug naar de wegwijzer" lost the search; the printed page had the feedback
    box and the back link; there was no print button."""
    page.goto(f"/regions/{wegwijzer.slug}/wegwijzer/?q=logeerhuizen&age=6")
    page.locator(".nik-results").get_by_role("link", name="Logeerhuis De Zeester").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logeerhuis De Zeester")
    back = page.get_by_role("link", name="Terug naar de wegwijzer")
    printing = page.get_by_role("button", name="Afdrukken")
    report = page.get_by_text("Klopt er iets niet? Laat het ons weten.")
    for shown in (back, printing, report):
        expect(shown).to_be_visible()
    assert axe_violations(page) == []
    # The print button prints the page itself (the PDF is its way without JavaScript).
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    printing.click()
    assert page.evaluate("window.__printed") == 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Logeerhuis De Zeester")
    page.emulate_media(media="print")
    for hidden in (back, printing, report):
        expect(hidden).to_be_hidden()
    expect(page.get_by_text("071-5555555")).to_be_visible()
    page.emulate_media(media="screen")
    back.click()
    expect(page.get_by_label("Waar zoek je naar?")).to_have_value("logeerhuizen")
    expect(page.get_by_label("Leeftijd van het kind")).to_have_value("6")
    expect(page.locator(".nik-results > li")).to_have_count(2)
