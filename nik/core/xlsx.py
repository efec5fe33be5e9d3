"""Reading and writing simple .xlsx tables: one header row, then one record per row.

Imports are all-or-nothing: the reader reports every wrong row with its number, and the
app's action imports nothing unless every row is right.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from .limits import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_ERRORS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_ROWS = 1_048_576  # the last row number Excel knows


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


class SheetError(Exception):
    """The file as a whole cannot be read (not .xlsx, wrong columns)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SheetRow:
    number: int  # as Excel shows it: the header is row 1
    values: dict[str, Any]

    def is_empty(self) -> bool:
        return all(
            v is None or (isinstance(v, str) and not v.strip()) for v in self.values.values()
        )


def read_table(file: IO[bytes], columns: Sequence[str]) -> list[SheetRow]:
    """The rows of the first sheet, keyed by the expected column names.

    Raises SheetError when the file is not an .xlsx workbook or its header row differs from
    `columns`. Empty rows after the last filled row are dropped; empty rows between filled
    rows are kept, so the caller can report them.

    A hostile file is refused or read within bounds: its unpacked size is checked from the zip
    directory first; the sheet is streamed (openpyxl's read-only mode), only as wide as the
    columns asked for (a sheet may claim to be 16,384 columns wide); and rows past the limit are
    not kept, so a cell far down costs time to skip (up to Excel's last row, then the sheet is
    refused), never memory.
    """
    size = _size(file)
    if size > MAX_FILE_BYTES:
        raise SheetError(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        file.seek(0)
        if unpacked > MAX_UNPACKED_BYTES:
            raise SheetError(
                _("The file is larger than %(mb)s MB. Split it into smaller files.")
                % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
            )
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SheetError(_("This file is not an Excel workbook (.xlsx).")) from error
    sheet = workbook.worksheets[0]
    # Every row the sheet holds, whatever size it says it has: read-only mode otherwise stops at
    # the sheet's own "dimension", and a wrong one would leave rows out without a word.
    sheet.reset_dimensions()
    # The header as wide as it is typed (within reason), to name extra columns; the rows only as
    # wide as the columns read.
    first = next(sheet.iter_rows(max_row=1, max_col=len(columns) + 20, values_only=True), ())
    header = [str(c).strip() if c is not None else "" for c in first]
    while header and header[-1] == "":
        header.pop()
    if header != list(columns):
        workbook.close()
        raise SheetError(
            _("The columns are not right. Expected: %(expected)s. Found: %(found)s.")
            % {"expected": ", ".join(columns), "found": ", ".join(header) or _("nothing")}
        )
    result: list[SheetRow] = []
    padding = (None,) * len(columns)
    rows = sheet.iter_rows(min_row=2, max_col=len(columns), values_only=True)
    for number, raw in enumerate(rows, start=2):
        row = SheetRow(number, dict(zip(columns, (*raw, *padding), strict=False)))
        if number > MAX_ROWS + 1:
            if row.is_empty() and number <= EXCEL_ROWS:
                continue  # past the limit: empty rows are not kept
            # A filled row past the limit, or a row number past Excel's last (the reader would
            # step through every empty row up to it): refused.
            workbook.close()
            raise SheetError(
                _("The sheet has more than %(rows)s rows. Split it into smaller files.")
                % {"rows": MAX_ROWS}
            )
        result.append(row)
    workbook.close()
    while result and result[-1].is_empty():
        result.pop()
    return result


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    try:
        here = file.tell()
        file.seek(0, io.SEEK_END)
        end = file.tell()
        file.seek(here)
    except (AttributeError, OSError):
        return 0
    return end - here


def capped(errors: list[RowError]) -> list[RowError]:
    """At most MAX_ERRORS errors, then one line saying how many more there are."""
    if len(errors) <= MAX_ERRORS:
        return errors
    rest = len(errors) - MAX_ERRORS
    return [
        *errors[:MAX_ERRORS],
        RowError(
            errors[MAX_ERRORS].row,
            _("… and %(n)s more problems. Mend these first and import again.") % {"n": rest},
        ),
    ]


def model_problems(
    obj: Any, exclude: Sequence[str] = (), only: Sequence[str] | None = None
) -> list[str]:
    """The model's own checks (lengths, dates, choices) on one row, as messages per column:
    of every field but those in ``exclude``, or of the fields in ``only`` (a sheet of thousands
    of rows asks only about the columns nothing else has checked)."""
    try:
        if only is not None:
            _clean_only(obj, only)
        else:
            obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        problems: list[str] = []
        for name, messages in error.message_dict.items():
            label = (
                str(obj._meta.get_field(name).verbose_name).capitalize()
                if name != NON_FIELD_ERRORS
                else ""
            )
            problems.extend(f"{label}: {m}" if label else m for m in messages)
        return problems
    return []


def _clean_only(obj: Any, names: Sequence[str]) -> None:
    """``full_clean`` of the named fields only (and the model's own ``clean``): the same checks,
    without walking every field of the model for each of thousands of rows."""
    errors: dict[str, list[str]] = {}
    for name in names:
        field = obj._meta.get_field(name)
        try:
            setattr(obj, field.attname, field.clean(getattr(obj, field.attname), obj))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)
    obj.clean()


def write_table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int] | None = None,
) -> bytes:
    return write_tables([(title, columns, rows, widths)])


def write_tables(
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]], Sequence[int] | None]],
) -> bytes:
    """A workbook of one sheet per (title, columns, rows, widths): the header bold and frozen."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns, rows, widths in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for number, row in enumerate(rows, start=2):
            values = list(row)
            sheet.append(values)
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    # openpyxl turns any text starting with "=" into a live formula; what people
                    # typed is written as the text it is (no formula injection into exports).
                    # (Cells are reached by their place: `sheet.max_row` walks every cell.)
                    sheet.cell(row=number, column=column).data_type = "s"
        for i, width in enumerate(widths or [], start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = width
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def as_date(value: Any) -> date | None:
    """A date cell, or a text date as 2026-03-01 or 1-3-2026; None when it is not a date."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value if EARLIEST_DATE <= value <= LATEST_DATE else None
    text = as_text(value)
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            found = datetime.strptime(text, fmt).date()  # noqa: DTZ007  (a calendar date, no time)
        except ValueError:
            continue
        return found if EARLIEST_DATE <= found <= LATEST_DATE else None
    return None


def as_score(value: Any, low: int = 1, high: int = 5) -> int | None:
    """A whole number from low to high, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
    else:
        text = as_text(value)
        if not text.isdigit():
            return None
        number = int(text)
    return number if low <= number <= high else None
