"""The small-number rule: on pages for the steering group, the knowledge centre and in reports and
exports, a count of families under 5 is never shown (written "< 5"), and a share that rests on
fewer than 5 families is not shown at all, so no family can be recognised. Coordinators see the
exact figures of their own region.

Hiding the small cells of a table is not enough when its totals are published: a total minus the
other cells gives the hidden one back. `suppress` is the one function that decides what a table
may show: it hides the small cells (primary suppression) and then more cells (secondary
suppression) until no hidden small count can be worked out from what is shown — not from one
total, not by combining totals (a row's total with a column's), and the hidden cells of a line
never add up to a small number either.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeVar

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
HIDDEN = "< 5"
# In a table with totals a hidden cell is written "×", whether it is small itself or hidden to
# protect one (secondary suppression), as statistics offices write it: "< 5" on a protecting
# cell would claim a number it is not, and a different mark for each would give away which
# cells are small (a line 12 = "< 5" + "×" + 6 leaves only 1 + 5). What the functions below
# decide is unchanged; `in_table` only writes it.
SUPPRESSED = "×"
TOO_FEW = _("too few to show")

K = TypeVar("K", bound=Hashable)


def count(n: int | None, *, exact: bool) -> Any:
    """A single count of families as it may be shown (no totals around it)."""
    if n is None:
        return None
    return n if exact or n >= THRESHOLD or n == 0 else HIDDEN


def in_table(shown: Any) -> Any:
    """A cell of a table with totals (from `table` or `breakdown`) as it is written."""
    return SUPPRESSED if shown == HIDDEN else shown


def rests_on_too_few(cases: int, *, exact: bool) -> bool:
    """A figure over fewer than 5 families (but more than none) is not shown to non-coordinators."""
    return not exact and 0 < cases < THRESHOLD


def is_small(n: int) -> bool:
    return 0 < n < THRESHOLD


# Tables with totals --------------------------------------------------------------------------

Sum = tuple[Any, Sequence[Any]]  # (the key of a total, the keys of the cells it adds up)


def suppress(values: Mapping[K, int], sums: Iterable[Sum]) -> set[K]:
    """The cells to hide, given every cell's value and which cells are totals of which.

    Primary: every small count (1 to 4). Secondary, repeated until nothing changes: where a line
    (a total and its cells) has exactly one hidden cell, or its hidden cells add up to a small
    number while the total is shown, or a small cell can be worked out from all lines together
    (linear algebra over what is shown), the smallest shown cell of that line (or, when none is
    left, its total) is hidden as well.
    """
    lines: list[Sum] = [(total, list(cells)) for total, cells in sums]
    hidden = {k for k, v in values.items() if is_small(v)}
    primary = set(hidden)
    while True:
        line = _weak_line(values, lines, hidden) or _line_of_derived(values, lines, hidden, primary)
        if line is None:
            return hidden
        extra = _next_to_hide(values, line, hidden)
        if extra is None:  # everything in the line is hidden already
            return hidden
        hidden.add(extra)


def _weak_line(values: Mapping[Any, int], lines: list[Sum], hidden: set[Any]) -> Sum | None:
    for total, cells in lines:
        group = [total, *cells]
        unknown = [k for k in group if k in hidden]
        if len(unknown) == 1:
            return total, cells
        if total not in hidden and is_small(sum(values[k] for k in cells if k in hidden)):
            return total, cells
    return None


def _line_of_derived(
    values: Mapping[Any, int], lines: list[Sum], hidden: set[Any], primary: set[Any]
) -> Sum | None:
    """A line through a small cell that all lines together give away, or None."""
    derived = derivable(values, lines, hidden) & primary
    if not derived:
        return None
    cell = min(derived, key=repr)
    through = [(t, c) for t, c in lines if cell == t or cell in c]
    # The line with the fewest hidden cells needs another one most.
    return min(through, key=lambda line: sum(k in hidden for k in [line[0], *line[1]]))


def _next_to_hide(values: Mapping[Any, int], line: Sum, hidden: set[Any]) -> Any:
    total, cells = line
    shown = [k for k in cells if k not in hidden and values[k] > 0]
    if shown:
        return min(shown, key=lambda k: (values[k], repr(k)))
    if total not in hidden:
        return total
    zeros = [k for k in cells if k not in hidden]
    return zeros[0] if zeros else None


def derivable(values: Mapping[Any, int], lines: Sequence[Sum], hidden: set[Any]) -> set[Any]:
    """The hidden cells whose value follows from the shown cells and the totals (Gauss–Jordan
    elimination over exact fractions; the tables here are small)."""
    unknowns = sorted(hidden, key=repr)
    index = {k: i for i, k in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for total, cells in lines:
        # total − Σ cells = 0, with the shown values moved to the right-hand side.
        row = [Fraction(0)] * (len(unknowns) + 1)
        for key, sign in [(total, 1), *((c, -1) for c in cells)]:
            if key in index:
                row[index[key]] += sign
            else:
                row[-1] -= sign * values[key]
        if any(row[:-1]):
            rows.append(row)
    pivots = _reduce(rows, len(unknowns))
    return {
        unknowns[col] for r, col in pivots if sum(1 for x in rows[r][: len(unknowns)] if x) == 1
    }


def _reduce(rows: list[list[Fraction]], width: int) -> list[tuple[int, int]]:
    pivots: list[tuple[int, int]] = []
    r = 0
    for col in range(width):
        found = next((i for i in range(r, len(rows)) if rows[i][col]), None)
        if found is None:
            continue
        rows[r], rows[found] = rows[found], rows[r]
        lead = rows[r][col]
        rows[r] = [x / lead for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col]:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, col))
        r += 1
    return pivots


def breakdown(total: int, parts: Mapping[K, int], *, exact: bool) -> tuple[Any, dict[K, Any]]:
    """A total and its parts (families by category, by reason, …) as they may be shown."""
    if exact:
        return total, dict(parts)
    values: dict[Any, int] = {("part", k): v for k, v in parts.items()}
    values["total"] = total
    gone = suppress(values, [("total", [("part", k) for k in parts])])
    return (
        HIDDEN if "total" in gone else total,
        {k: HIDDEN if ("part", k) in gone else v for k, v in parts.items()},
    )


def table(
    cells: Mapping[tuple[K, Any], int], *, exact: bool
) -> tuple[dict[tuple[K, Any], Any], dict[K, Any], dict[Any, Any], Any]:
    """A table of counts (row, column) → n with its row totals, column totals and grand total,
    as they may be shown: (cells, row totals, column totals, grand total)."""
    row_keys = list(dict.fromkeys(r for r, _c in cells))
    col_keys = list(dict.fromkeys(c for _r, c in cells))
    values: dict[Any, int] = {
        ("cell", r, c): cells.get((r, c), 0) for r in row_keys for c in col_keys
    }
    for r in row_keys:
        values[("row", r)] = sum(values[("cell", r, c)] for c in col_keys)
    for c in col_keys:
        values[("col", c)] = sum(values[("cell", r, c)] for r in row_keys)
    values["all"] = sum(values[("row", r)] for r in row_keys)
    lines: list[Sum] = [(("row", r), [("cell", r, c) for c in col_keys]) for r in row_keys]
    lines += [(("col", c), [("cell", r, c) for r in row_keys]) for c in col_keys]
    lines += [("all", [("row", r) for r in row_keys]), ("all", [("col", c) for c in col_keys])]
    gone = set() if exact else suppress(values, lines)

    def shown(key: Any) -> Any:
        return HIDDEN if key in gone else values[key]

    return (
        {(r, c): shown(("cell", r, c)) for r in row_keys for c in col_keys},
        {r: shown(("row", r)) for r in row_keys},
        {c: shown(("col", c)) for c in col_keys},
        shown("all"),
    )
