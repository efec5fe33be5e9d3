"""Properties of the spreadsheet writer: whatever people typed comes back as the same text."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from nik.core.xlsx import write_table

# What a person can type into a field: no control characters (XML cannot hold them).
typed = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(typed, min_size=1, max_size=10))
def test_any_typed_text_comes_back_as_text_and_never_as_a_formula(values):
    content = write_table("t", ["tekst"], [[v] for v in values])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == values
    assert all(c.data_type == "s" for c in cells)
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
