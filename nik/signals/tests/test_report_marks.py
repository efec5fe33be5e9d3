"""The signals report and the national view write a cell hidden to protect another as "×", not
"< 5": such a cell may hold 12 (issue 30). Every hidden cell of a table with totals is "×", so
the mark does not tell which ones are the small ones either."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone
from pypdf import PdfReader

from nik.signals import actions
from nik.signals.models import Signal, Source

pytestmark = pytest.mark.django_db


def _pass(region, user, families):
    signal = actions.do_raise(
        Signal(region=region, kind="bottleneck", theme="respite", text="Geen logeerplek.",
               source=Source.PROFESSIONAL),
        acting_user=user,
    )  # fmt: skip
    actions.do_pass(region, [signal], summary="Logeren.", families=families, systems=[],
                    acting_user=user)  # fmt: skip


def test_a_cell_hidden_to_protect_another_is_not_written_under_five(
    login, region, other_region, coordinator, other_coordinator, national
):
    _pass(region, coordinator, 12)
    _pass(other_region, other_coordinator, 2)
    today = timezone.localdate()
    half = f"{today.year}-h{1 if today.month <= 6 else 2}"
    client = login(national)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/national/signals/report/{half}.xlsx").content)
    )
    rows = list(book["Gezinnen per thema"].iter_rows(values_only=True))
    names = rows[0]
    respite = next(r for r in rows if r[0] == "even rust (respijtzorg)")
    # 12 families (hidden so the total does not give the 2 away) and the 2 itself: both "×".
    assert respite[names.index(region.name)] == "×"
    assert respite[names.index(other_region.name)] == "×"
    assert "< 5" not in respite and respite[-1] == 14
    assert any("× verborgen" in str(r[0]) for r in rows)  # the mark is explained
    pdf = client.get(f"/national/signals/report/{half}.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "< 5" not in text.split("Gezinnen per thema en regio")[1]
    assert "× verborgen: minder dan 5 gezinnen" in text
