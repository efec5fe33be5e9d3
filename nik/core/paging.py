"""Keyset paging for long lists on pages: the next page starts after the last row shown.

Page 200 then costs what page 1 costs (no OFFSET that reads and throws away the rows before),
a row added meanwhile never shifts a page, and nothing is counted that the page does not show.
The cursor in the link holds the last row's ordering values; a cursor that cannot be read
starts the list from the beginning (it is no key to anything: the queryset decides what may be
seen).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import QueryDict

T = TypeVar("T", bound=Model)

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str  # "" on the last page
    is_first: bool


def keyset_page(
    queryset: QuerySet[T], order: Sequence[str], cursor: str = "", size: int = PAGE_SIZE
) -> Page[T]:
    """One page of ``queryset`` in ``order`` (model fields; the last one unique, e.g. "pk")."""
    fields = [(name.removeprefix("-"), name.startswith("-")) for name in order]
    after = _decode(cursor, queryset.model, fields)
    rows = queryset.order_by(*order)
    if after is not None:
        rows = rows.filter(_after(fields, after))
    found = list(rows[: size + 1])
    more = len(found) > size
    items = found[:size]
    return Page(
        items=items,
        next_cursor=_encode(items[-1], fields) if more else "",
        is_first=after is None,
    )


def _after(fields: list[tuple[str, bool]], values: list[Any]) -> Q:
    """Rows after the given values: (a > x) or (a = x and b > y) or ..., per direction."""
    condition = Q()
    for i, (name, descending) in enumerate(fields):
        equal = {fields[j][0]: values[j] for j in range(i)}
        condition |= Q(**equal, **{f"{name}__{'lt' if descending else 'gt'}": values[i]})
    return condition


def _field(model: type[Model], name: str) -> Any:
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def _encode(row: Model, fields: list[tuple[str, bool]]) -> str:
    values = [_field(type(row), name).value_to_string(row) for name, _ in fields]
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _decode(cursor: str, model: type[Model], fields: list[tuple[str, bool]]) -> list[Any] | None:
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(values, list) or len(values) != len(fields):
            return None
        return [
            _field(model, name).to_python(value)
            for (name, _), value in zip(fields, values, strict=True)
        ]
    except (ValueError, TypeError, binascii.Error, ValidationError, UnicodeError):
        return None


def other_params(query: QueryDict) -> str:
    """The request's query string without the cursor, for the links to other pages."""
    kept = query.copy()
    kept.pop("after", None)
    return kept.urlencode()
