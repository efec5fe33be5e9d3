"""The limits at the border: paging, JSON depth, plausible dates, lengths from the models.

What arrives from outside (a query string, an API body, a FHIR or HSDS file, a spreadsheet)
is held to these before it reaches an action, so bad input is a clear 400 in the user's
language and never a database error. The numbers are documented in docs/formats/limits.md.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAX_PAGE_SIZE = 200
MAX_OFFSET = 10_000_000
MAX_PAGE = 1_000_000
MAX_JSON_DEPTH = 32
MAX_JSON_BYTES = 5 * 1024 * 1024
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_FREE_TEXT = 5000  # a question, a note, a diagnosis in words: no model limit of its own
# What one import may hold (a spreadsheet's rows, an HSDS file's records), and how many
# problems it reports before it says "and N more".
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a workbook's parts unpacked (5,000 rows: about 2 MB)
MAX_ROWS = 5000
MAX_ERRORS = 100


class BadInput(ValueError):
    """Input that does not fit the border's limits; the message is for the person who sent it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def whole_number(value: str | None, *, name: str, default: int, low: int, high: int) -> int:
    """A query-string number, or BadInput naming the parameter and its range."""
    if value is None or value == "":
        return default
    text = value.strip()
    if not text.lstrip("-").isdigit() or len(text) > 20 or not low <= int(text) <= high:
        raise BadInput(
            _("%(name)s must be a whole number from %(low)s to %(high)s.")
            % {"name": name, "low": low, "high": high}
        )
    return int(text)


def paging(query: Any, *, size_name: str, default_size: int = 50) -> tuple[int, int]:
    """`page` and the page size from a query string, each within its documented range."""
    page = whole_number(query.get("page"), name="page", default=1, low=1, high=MAX_PAGE)
    size = whole_number(
        query.get(size_name), name=size_name, default=default_size, low=1, high=MAX_PAGE_SIZE
    )
    return page, size


def _depth(text: str) -> int:
    """The deepest nesting of objects and arrays, counted without parsing (strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def load_json(body: bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse a JSON body within the limits of size and depth, or raise BadInput."""
    if len(body) > MAX_JSON_BYTES:
        raise BadInput(
            _("The body is larger than %(mb)s MB.") % {"mb": MAX_JSON_BYTES // (1024 * 1024)}
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(_("The body is not UTF-8 text.")) from error
    if _depth(text) > max_depth:
        raise BadInput(
            _("The JSON is nested more than %(depth)s levels deep.") % {"depth": max_depth}
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BadInput(_("The body is not JSON.")) from error


def plausible_date(value: date) -> None:
    """A validator: dates of people and plans lie between 1900 and 2100."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("%(date)s is not a plausible date (1900–2100).")
            % {"date": date_format(value, "j F Y")},
            code="implausible_date",
        )


def max_length(model: type[Model], field: str) -> int:
    """The model's own limit of a text field, for the schemas at the border."""
    limit = getattr(model._meta.get_field(field), "max_length", None)
    return int(limit) if limit else MAX_FREE_TEXT
