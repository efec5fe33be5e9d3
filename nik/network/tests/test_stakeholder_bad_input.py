"""The catalogue of named bad stakeholder rows (docs/formats/stakeholders.md, "Bad input")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from nik.core.factories import OrganizationFactory
from nik.network import actions
from nik.network.models import StakeholderAssessment
from nik.network.tests.test_stakeholder_import import sheet

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[3] / "docs" / "formats" / "stakeholders.md"
GOOD = ["", "Wethouder", date(2026, 3, 1), 4, 2, 4, 4, ""]

# name: (the rows of the sheet, the bad row's number, words of the Dutch report)
CATALOGUE: dict[str, tuple[list[list[object]], int, str]] = {
    "unknown-organisation": (
        [["Bestaat Niet BV", "", date(2026, 3, 1), 4, 2, 4, 4, ""]],
        2,
        "niet in het register",
    ),
    "score-out-of-range": (
        [["", "Wethouder", date(2026, 3, 1), 9, 2, 4, 4, ""]],
        2,
        "1 tot en met 5",
    ),
    "score-not-a-number": (
        [["", "Wethouder", date(2026, 3, 1), 4, "hoog", 4, 4, ""]],
        2,
        "1 tot en met 5",
    ),
    "not-a-date": ([["", "Wethouder", "gisteren", 4, 2, 4, 4, ""]], 2, "geen datum"),
    "implausible-date": ([["", "Wethouder", "1-1-0001", 4, 2, 4, 4, ""]], 2, "geen datum"),
    "person-too-long": ([["", "P" * 300, date(2026, 3, 1), 4, 2, 4, 4, ""]], 2, "200"),
    "neither-organisation-nor-person": (
        [["", "", date(2026, 3, 1), 4, 2, 4, 4, ""]],
        2,
        "organisatie of een persoon",
    ),
    "same-stakeholder-twice": ([GOOD, GOOD], 3, "rij 2"),
    "empty-row-between": ([GOOD, [None] * 8, [*GOOD[:1], "Ander", *GOOD[2:]]], 3, "leeg"),
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_each_named_bad_row_is_reported_with_its_number_and_nothing_is_imported(
    region, coordinator, name
):
    OrganizationFactory(region=region, name="LUMC")
    rows, number, words = CATALOGUE[name]
    report = actions.do_import_stakeholders(region, sheet(rows), acting_user=coordinator)
    assert [e.row for e in report.errors] == [number], report.errors
    assert words in report.errors[0].message.lower() or words in report.errors[0].message
    assert not StakeholderAssessment.objects.exists()


def test_the_documented_catalogue_and_the_tests_name_the_same_bad_inputs():
    section = DOC.read_text(encoding="utf-8").split("## Bad input", 1)[1]
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, flags=re.MULTILINE))
    assert documented == set(CATALOGUE)
