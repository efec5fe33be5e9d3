"""A coordinator imports the example stakeholder sheet, sees the grid, and finds a planted white spot."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from nik.core.factories import (
    MunicipalityFactory,
    OrganizationFactory,
    ProfessionalFactory,
    discipline,
)

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "formats" / "stakeholders-example.xlsx"


@pytest.fixture
def photo_region(region):
    leiden = MunicipalityFactory(region=region, name="Leiden")
    MunicipalityFactory(region=region, name="Katwijk")
    names = {
        row[0]
        for row in load_workbook(EXAMPLE).active.iter_rows(min_row=2, values_only=True)
        if row[0]
    }
    for name in sorted(names):
        org = OrganizationFactory(
            region=region, name=name, kind="general_hospital", municipality=leiden
        )
        ProfessionalFactory(organization=org).disciplines.add(discipline("doctor"))
    # Planted: a pharmacy in Leiden, and no children's hospice anywhere.
    pharmacy = OrganizationFactory(
        region=region, name="Apotheek Leiden", kind="pharmacy", municipality=leiden
    )
    ProfessionalFactory(organization=pharmacy).disciplines.add(discipline("pharmacist"))
    return region


def test_coordinator_imports_the_example_and_finds_a_white_spot(
    page, login_via_browser, coordinator, photo_region, axe_violations
):
    region = photo_region
    login_via_browser(page, coordinator)
    page.goto(f"/regions/{region.slug}/network/stakeholders/")
    expect(page.get_by_text("Nog geen beoordelingen")).to_be_visible()
    page.get_by_label("Excel-bestand (.xlsx)").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Importeren").click()
    # The import runs as a task; its page shows the outcome once it is done.
    expect(page.get_by_text("6 rijen geïmporteerd")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Terug naar de stakeholderanalyse").click()
    expect(page.locator(".nik-svg svg")).to_have_count(1)
    table = page.locator("#stakeholder-table")
    expect(table.get_by_text("Wethouder zorg (regio)")).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(6)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Witte vlekken en overlap").click()
    missing = page.locator("#missing")
    expect(missing.get_by_text("kinderhospice / logeerhuis")).to_be_visible()
    # Katwijk has no pharmacist: a white spot in the matrix.
    katwijk = page.locator("#gap-matrix tr", has_text="Katwijk")
    expect(katwijk.locator("td.nik-white-spot")).to_have_count(13)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Netwerkkaart").click()
    expect(page.locator("svg.nik-graph circle").nth(5)).to_be_attached()
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "page_path",
    [
        "organizations/",
        "professionals/",
        "problem-statement/",
        "problem-statement/?edit=1",
        "target-group/",
        "organizations/new/",
    ],
)
def test_network_pages_have_no_serious_accessibility_violations(
    page, login_via_browser, coordinator, photo_region, axe_violations, page_path
):
    login_via_browser(page, coordinator)
    response = page.goto(f"/regions/{photo_region.slug}/network/{page_path}")
    assert response.status == 200
    assert axe_violations(page) == []
