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
