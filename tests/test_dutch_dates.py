"""Dates as Dutch writes them: month names in lower case, "1 mrt 2026" (issue 30).

Django's "M" capitalises the month ("1 Mrt", "11 Mei"); the short formats in
nik/core/locale_formats use "b" in Dutch and "M" in English.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from nik.roadmap.models import Milestone

NIK = Path(__file__).resolve().parents[1] / "nik"
# A date format in a template's date filter or in a call of date_format / dateformat.format.
FORMATS = re.compile(r"""(?:\|date:|date_format\([^,]+,\s*|format\([^,]+,\s*)["']([^"']+)["']""")


def _formats() -> list[tuple[str, str]]:
    found = []
    for path in NIK.rglob("*"):
        if path.suffix not in {".html", ".txt", ".py"} or "tests" in path.parts:
            continue
        if "locale_formats" in path.parts:
            continue
        for fmt in FORMATS.findall(path.read_text(errors="ignore")):
            found.append((str(path.relative_to(NIK)), fmt))
    return found


def test_no_page_or_code_writes_a_month_with_django_s_capitalised_m():
    assert _formats(), "the pattern found no date formats at all"
    # "M" outside a backslash escape is the capitalised month; a name ("SHORT_DATE_FORMAT") is fine.
    wrong = [
        (where, fmt)
        for where, fmt in _formats()
        if not fmt.isupper() and re.search(r"(?<!\\)M", fmt)
    ]
    assert wrong == []


@pytest.mark.django_db
def test_the_milestones_page_writes_months_in_lower_case(client, login, coordinator, region):
    for title, due in (("Kick-off", date(2026, 3, 1)), ("Wegwijzer online", date(2026, 5, 11))):
        Milestone.objects.create(
            region=region, title=title, result="r", owner="Coördinator", due=due
        )
    client = login(coordinator)
    page = client.get(f"/regions/{region.slug}/roadmap/milestones/").text
    assert "1 mrt 2026" in page and "11 mei 2026" in page
    assert not re.search(r"\b\d{1,2} (Mrt|Mei|Jan|Feb|Apr|Jun|Jul|Aug|Sep|Okt|Nov|Dec)\b", page)
    client.cookies["django_language"] = "en"
    english = client.get(f"/regions/{region.slug}/roadmap/milestones/").text
    assert "1 Mar 2026" in english and "11 May 2026" in english
