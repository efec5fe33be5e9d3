"""The stakeholder spreadsheet: bad input imports nothing and names every wrong row; a round trip keeps the content."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from nik.core.factories import OrganizationFactory
from nik.network import actions, excel
from nik.network.models import StakeholderAssessment

pytestmark = pytest.mark.django_db


def sheet(rows: list[list[object]], header: list[str] | None = None) -> io.BytesIO:
    workbook = Workbook()
    ws = workbook.active
    ws.append(header or excel.STAKEHOLDER_COLUMNS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


@pytest.fixture
def orgs(region):
    return [
        OrganizationFactory(region=region, name="LUMC"),
        OrganizationFactory(region=region, name="Thuiszorg Leiden"),
    ]


def test_a_good_sheet_is_imported(region, orgs, coordinator):
    report = actions.do_import_stakeholders(
        region,
        sheet(
            [
                ["LUMC", "", date(2026, 3, 1), 5, 3, 5, 5, "Bestuurder spreken"],
                ["", "Wethouder", "2026-03-01", 4, 2, 4, 4, ""],
            ]
        ),
        acting_user=coordinator,
    )
    assert report.ok and report.imported == 2
    lumc = StakeholderAssessment.objects.get(organization=orgs[0])
    assert (lumc.influence, lumc.interest, lumc.desired_interest) == (5, 3, 5)
    assert StakeholderAssessment.objects.get(person="Wethouder").assessed_on == date(2026, 3, 1)


def test_every_wrong_row_is_reported_and_nothing_is_imported(region, orgs, coordinator):
    report = actions.do_import_stakeholders(
        region,
        sheet(
            [
                ["LUMC", "", date(2026, 3, 1), 5, 3, 5, 5, ""],  # row 2: good
                ["Onbekend Ziekenhuis", "", date(2026, 3, 1), 3, 3, 3, 3, ""],  # row 3
                ["Thuiszorg Leiden", "", date(2026, 3, 1), 7, 3, 3, 3, ""],  # row 4
                [None, None, None, None, None, None, None, None],  # row 5
                ["LUMC", "", date(2026, 3, 1), 4, 4, 4, 4, ""],  # row 6: duplicate of 2
                ["Thuiszorg Leiden", "", "gisteren", 3, 3, 3, 3, ""],  # row 7
                ["Thuiszorg Leiden", "", date(2026, 4, 1), 3, 3, 3, 3, ""],  # row 8: good
            ]
        ),
        acting_user=coordinator,
    )
    assert not report.ok
    rows = {e.row: e.message for e in report.errors}
    assert set(rows) == {3, 4, 5, 6, 7}
    assert "Onbekend Ziekenhuis" in rows[3] and "register" in rows[3]
    assert "1 tot en met 5" in rows[4] and "7" in rows[4]
    assert "leeg" in rows[5]
    assert "rij 2" in rows[6]
    assert "datum" in rows[7]
    assert not StakeholderAssessment.objects.exists()


def test_wrong_columns_are_refused(region, orgs, coordinator):
    report = actions.do_import_stakeholders(
        region, sheet([["LUMC", 5]], header=["Organisatie", "Score"]), acting_user=coordinator
    )
    assert [e.row for e in report.errors] == [1]
    assert "kolommen" in report.errors[0].message
    assert not StakeholderAssessment.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused(region, coordinator):
    report = actions.do_import_stakeholders(
        region, io.BytesIO(b"naam;invloed\nLUMC;5\n"), acting_user=coordinator
    )
    assert "geen Excel" in report.errors[0].message


def test_an_organisation_of_another_region_is_unknown(region, other_region, coordinator):
    OrganizationFactory(region=other_region, name="MUMC+")
    report = actions.do_import_stakeholders(
        region, sheet([["MUMC+", "", date(2026, 3, 1), 3, 3, 3, 3, ""]]), acting_user=coordinator
    )
    assert not report.ok


def _cells(content: bytes) -> list[tuple[object, ...]]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_round_trip_export_import_export_gives_the_same_content(region, orgs, coordinator):
    actions.do_import_stakeholders(
        region,
        sheet(
            [
                ["LUMC", "", date(2025, 3, 1), 2, 2, 4, 5, "Kennismaken"],
                ["LUMC", "", date(2026, 3, 1), 3, 4, 4, 5, "Afspraken maken"],
                ["Thuiszorg Leiden", "Teamleider", date(2026, 3, 1), 2, 5, 3, 5, ""],
            ]
        ),
        acting_user=coordinator,
    )
    first = excel.stakeholders_xlsx(region)
    StakeholderAssessment.objects.all().delete()
    report = actions.do_import_stakeholders(region, io.BytesIO(first), acting_user=coordinator)
    assert report.ok, report.errors
    second = excel.stakeholders_xlsx(region)
    assert _cells(second) == _cells(first)
    assert len(_cells(first)) == 4


def test_the_example_file_in_the_repository_imports(region, coordinator, settings):
    from nik.core.models import Organization

    path = settings.BASE_DIR.parent / "docs" / "formats" / "stakeholders-example.xlsx"
    names = {r[0] for r in _cells(path.read_bytes())[1:] if r[0]}
    for name in names:
        Organization.objects.create(region=region, name=name, kind="other")
    with path.open("rb") as file:
        report = actions.do_import_stakeholders(region, file, acting_user=coordinator)
    assert report.ok, report.errors
    assert report.imported >= 5
