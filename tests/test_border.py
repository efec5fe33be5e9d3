"""Bad input at the border: huge paging numbers, over-long texts, implausible dates, formula
injection in exports, and imports without limits. Never a 500, never half-saved."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from nik.core import limits, xlsx
from nik.core.models import ApiToken
from nik.families.models import Family, Inquiry
from nik.network import actions as network_actions
from nik.network.excel import STAKEHOLDER_COLUMNS
from nik.network.models import StakeholderAssessment
from nik.network.tests.test_stakeholder_import import sheet

pytestmark = pytest.mark.django_db

HUGE = str(10**30)


@pytest.fixture
def coordinator_token(coordinator) -> str:
    return ApiToken.issue(coordinator, label="test")


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/services?offset={HUGE}",
        f"/api/v1/services?limit={HUGE}",
        "/api/v1/services?limit=-1",
        f"/api/v1/services?age={HUGE}",
        f"/hsds/v3/services?page={HUGE}",
        f"/hsds/v3/services?per_page={HUGE}",
        "/hsds/v3/services?page=abc",
        f"/hsds/v3/organizations?page={HUGE}",
        f"/fhir/r4/HealthcareService?page={HUGE}",
        f"/fhir/r4/HealthcareService?_count={HUGE}",
        f"/api/v1/families?offset={HUGE}",
        f"/api/v1/families?limit={HUGE}",
        "/api/v1/families?offset=-1",
    ],
)
def test_paging_with_huge_or_bad_numbers_is_a_clear_4xx(client, coordinator_token, path):
    response = client.get(path, headers={"Authorization": f"Bearer {coordinator_token}"})
    assert response.status_code in (400, 422), response.content[:300]
    assert response.json()


@pytest.mark.parametrize("page", [HUGE, "-3", "abc", "0"])
def test_region_lists_with_a_huge_page_number_still_answer(
    client, login, coordinator, region, page
):
    client = login(coordinator)
    for path in ("network/organizations/", "network/professionals/", "wegwijzer/"):
        assert client.get(f"/regions/{region.slug}/{path}?page={page}").status_code == 200
    assert client.get(f"/wegwijzer/?page={page}").status_code == 200


def _referral_body(region, **child):
    return {
        "region": region.slug,
        "child": {
            "first_name": "Sam",
            "last_name": "Jansen",
            "date_of_birth": "2018-05-01",
            **child,
        },
        "guardian_name": "Eva",
        "source": "gp",
        "consent_to_share": True,
    }


@pytest.mark.parametrize(
    "child",
    [
        {"first_name": "x" * 300},
        {"last_name": "y" * 100_000},
        {"date_of_birth": "0001-01-01"},
        {"date_of_birth": "2999-01-01"},
    ],
)
def test_referral_api_refuses_what_the_database_could_not_hold(
    client, coordinator_token, region, child
):
    response = client.post(
        "/api/v1/referrals",
        _referral_body(region, **child),
        content_type="application/json",
        headers={"Authorization": f"Bearer {coordinator_token}"},
    )
    assert response.status_code in (400, 422)
    assert not Family.objects.exists()


def test_the_referral_action_checks_lengths_itself(region, coordinator):
    """Imports and later apps call the action directly: it holds the model's limits too."""
    from django.core.exceptions import ValidationError

    from nik.families import actions

    with pytest.raises(ValidationError):
        actions.do_create_referral(
            region,
            child=actions.ChildDetails(
                first_name="Sam", last_name="J" * 300, date_of_birth=date(2018, 1, 1)
            ),
            guardians=[{"name": "Eva"}],
            source="gp",
            referrer_name="",
            referrer_contact="",
            question="",
            consent_to_share=True,
            acting_user=coordinator,
        )
    assert not Family.objects.exists()


def test_a_question_of_a_megabyte_is_refused(client, region):
    response = client.post(
        f"/api/v1/regions/{region.slug}/inquiries",
        {"topic": "respite", "question": "a" * 1_000_000, "name": "Eva", "phone": "06-1"},
        content_type="application/json",
    )
    assert response.status_code in (400, 413, 422)
    assert not Inquiry.objects.exists()


def test_a_formula_typed_into_a_record_is_exported_as_text(client, login, coordinator, region):
    StakeholderAssessment.objects.create(
        region=region,
        person="Wethouder",
        assessed_on=date(2026, 3, 1),
        influence=4,
        interest=2,
        desired_influence=4,
        desired_interest=4,
        action='=HYPERLINK("http://kwaad.example","Klik")',
    )
    response = login(coordinator).get(f"/regions/{region.slug}/network/stakeholders.xlsx")
    cell = load_workbook(io.BytesIO(response.content)).active["H2"]
    assert cell.value == '=HYPERLINK("http://kwaad.example","Klik")'
    assert cell.data_type == "s"  # text, not a live formula
    assert b"<f>" not in _sheet_xml(response.content)


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("text", ["=1+1", "+31 6 1234", "-2", "@SUM(A1)"])
def test_every_export_writes_text_starting_with_a_formula_sign_as_text(text):
    content = xlsx.write_table("t", ["a"], [[text]])
    assert b"<f>" not in _sheet_xml(content)
    assert load_workbook(io.BytesIO(content)).active["A2"].value == text


def test_an_over_long_stakeholder_name_is_a_row_error_not_a_database_error(region, coordinator):
    report = network_actions.do_import_stakeholders(
        region,
        sheet(
            [
                ["", "P" * 300, date(2026, 3, 1), 4, 2, 4, 4, ""],
                ["", "Wethouder", date(1, 1, 1), 4, 2, 4, 4, ""],
            ]
        ),
        acting_user=coordinator,
    )
    assert not report.ok
    assert [e.row for e in report.errors] == [2, 3]
    assert "300" in report.errors[0].message
    assert not StakeholderAssessment.objects.exists()


def test_an_import_of_too_many_rows_is_refused_as_a_whole(region, coordinator):
    rows = [
        ["", f"Persoon {i}", date(2026, 3, 1), 4, 2, 4, 4, ""] for i in range(limits.MAX_ROWS + 1)
    ]
    report = network_actions.do_import_stakeholders(region, sheet(rows), acting_user=coordinator)
    assert [e.row for e in report.errors] == [1]
    assert "5000" in report.errors[0].message
    assert not StakeholderAssessment.objects.exists()


def test_many_bad_rows_report_at_most_a_hundred_errors_and_a_count(region, coordinator):
    rows = [["Onbekend", "", date(2026, 3, 1), 9, 2, 4, 4, ""] for _ in range(300)]
    report = network_actions.do_import_stakeholders(region, sheet(rows), acting_user=coordinator)
    assert len(report.errors) == limits.MAX_ERRORS + 1
    assert "500" in report.errors[-1].message  # 600 problems, 100 shown: 500 more


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(region, coordinator):
    big = io.BytesIO(b"PK" + b"\0" * (limits.MAX_FILE_BYTES + 1))
    report = network_actions.do_import_stakeholders(region, big, acting_user=coordinator)
    assert [e.row for e in report.errors] == [1]
    assert "MB" in report.errors[0].message


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_it_is_read(region, coordinator):
    """A small file that unpacks into a huge one (a "zip bomb"): refused from the archive's
    directory, before any part of it is unpacked."""
    good = sheet([["", "Wethouder", date(2026, 3, 1), 4, 2, 4, 4, ""]]).getvalue()
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            target.writestr(member, source.read(member))
        target.writestr("xl/media/padding.bin", b"\0" * (limits.MAX_UNPACKED_BYTES + 1))
    assert len(bomb.getvalue()) < limits.MAX_FILE_BYTES  # small on the way in
    bomb.seek(0)
    report = network_actions.do_import_stakeholders(region, bomb, acting_user=coordinator)
    assert [e.row for e in report.errors] == [1]
    assert "50 MB" in report.errors[0].message
    assert not StakeholderAssessment.objects.exists()


def test_a_zip_that_is_no_workbook_is_named_as_such(region, coordinator):
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "geen werkmap")
    other.seek(0)
    report = network_actions.do_import_stakeholders(region, other, acting_user=coordinator)
    assert [e.row for e in report.errors] == [1]
    assert "Excel" in report.errors[0].message


def test_the_reader_gives_cells_as_people_typed_them():
    """Whole numbers as numbers, blank cells as nothing, dates as dates, text kept; an empty row
    between rows is kept (to be reported) and empty rows at the end are dropped."""
    rows = [
        ["Zorg BV", "", date(2026, 3, 1), 4, 2.5, None, "", "0"],
        [None] * 8,
        ["", "Wethouder", date(2026, 3, 2), 1, 2, 3, 4, "bellen"],
        [None] * 8,
    ]
    read = xlsx.read_table(sheet(rows), STAKEHOLDER_COLUMNS)
    assert [r.number for r in read] == [2, 3, 4]
    first = list(read[0].values.values())
    assert first[0] == "Zorg BV" and first[1] in (None, "") and first[3] == 4
    assert xlsx.as_date(first[2]) == date(2026, 3, 1)
    assert first[4] == 2.5 and first[5] is None and first[7] == "0"
    assert read[1].is_empty() and not read[2].is_empty()


def _with_sheet_xml(workbook: bytes, change) -> io.BytesIO:
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            target.writestr(member, change(data) if "worksheets/" in member.filename else data)
    out.seek(0)
    return out


def test_a_cell_far_to_the_right_leaves_the_row_as_its_columns_say():
    """A cell in the last column Excel has (XFD) beside a good row: the row is read as its eight
    columns (the reader reads no wider than those; what that saves is time, measured not here)."""
    good = sheet([["", "Wethouder", date(2026, 3, 1), 4, 2, 4, 4, ""]]).getvalue()
    wide = _with_sheet_xml(
        good,
        lambda xml: xml.replace(
            b"</row></sheetData>",
            b'<c r="XFD2" t="inlineStr"><is><t>ver</t></is></c></row></sheetData>',
        ),
    )
    read = xlsx.read_table(wide, STAKEHOLDER_COLUMNS)
    assert len(read) == 1 and len(read[0].values) == 8
    assert read[0].values["Persoon"] == "Wethouder"


def test_a_sheet_that_says_it_is_smaller_than_it_is_is_read_whole():
    """The sheet's own "dimension" may be wrong (some tools write A1 for any sheet): every row
    is read anyway, none left out without a word."""
    rows = [["", f"Persoon {i}", date(2026, 3, 1), 4, 2, 4, 4, ""] for i in range(3)]
    wrong = _with_sheet_xml(
        sheet(rows).getvalue(),
        lambda xml: xml.replace(b'<dimension ref="A1:H4" />', b'<dimension ref="A1" />'),
    )
    assert b'<dimension ref="A1" />' in zipfile.ZipFile(wrong).read("xl/worksheets/sheet1.xml")
    wrong.seek(0)
    read = xlsx.read_table(wrong, STAKEHOLDER_COLUMNS)
    assert [r.values["Persoon"] for r in read] == ["Persoon 0", "Persoon 1", "Persoon 2"]


def test_a_row_number_past_excels_last_row_is_refused_not_skipped_forever(region, coordinator):
    """A row numbered 99,999,999 would have the reader step through a hundred million empty rows:
    it stops at Excel's last row and refuses the sheet."""
    good = sheet([["", "Wethouder", date(2026, 3, 1), 4, 2, 4, 4, ""]]).getvalue()
    far = _with_sheet_xml(
        good,
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="99999999"><c r="A99999999" t="inlineStr"><is><t>ver</t></is></c></row></sheetData>',
        ),
    )
    report = network_actions.do_import_stakeholders(region, far, acting_user=coordinator)
    assert [e.row for e in report.errors] == [1]
    assert "5000" in report.errors[0].message
    assert not StakeholderAssessment.objects.exists()


def test_a_refused_field_is_named_in_dutch(client, coordinator_token, region):
    response = client.post(
        "/api/v1/referrals",
        _referral_body(region, first_name="x" * 300),
        content_type="application/json",
        headers={"Authorization": f"Bearer {coordinator_token}", "Accept-Language": "nl"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "child.first_name moet hoogstens 100 tekens zijn."
    assert response.json()["errors"][0]["type"] == "string_too_long"


def test_every_page_carries_a_strict_csp_and_a_permissions_policy(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    scripts = policy.split("script-src ", 1)[1].split(";", 1)[0]
    # Our own files only; a nonce is added on the pages whose template uses one.
    assert scripts.startswith("'self'")
    assert "unsafe" not in scripts
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
