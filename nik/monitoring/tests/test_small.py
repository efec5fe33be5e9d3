"""The small-number rule over tables with totals: property tests over random tables, with an
attacker written apart from the code (numpy's matrix rank) who uses everything shown — every
cell, every total, every line together — to work out a hidden count."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nik.families.models import DeclineReason
from nik.monitoring import small

# Counts as they come: many zeros and small numbers, some large.
counts = st.one_of(st.integers(0, 6), st.integers(0, 60))


def attacker(values: dict[Any, int], lines: list[tuple[Any, list[Any]]], shown: dict[Any, Any]):
    """What can be worked out about the hidden cells: the cells known exactly, and per line whose
    total is shown, the sum of its hidden cells."""
    unknown = [k for k, v in shown.items() if v == small.HIDDEN]
    col = {k: i for i, k in enumerate(unknown)}
    matrix = []
    for total, cells in lines:
        row = np.zeros(len(unknown))
        for key, sign in [(total, 1), *((c, -1) for c in cells)]:
            if key in col:
                row[col[key]] += sign
        matrix.append(row)
    a = np.array(matrix) if matrix else np.zeros((0, len(unknown)))
    rank = np.linalg.matrix_rank(a) if len(unknown) else 0
    known = set()
    for key, i in col.items():
        probe = np.zeros(len(unknown))
        probe[i] = 1
        if np.linalg.matrix_rank(np.vstack([a, probe])) == rank:
            known.add(key)
    line_sums = [
        sum(values[c] for c in cells if c in col) for total, cells in lines if total not in col
    ]
    return known, line_sums


def assert_safe(values, lines, shown):
    known, line_sums = attacker(values, lines, shown)
    for key in known:
        assert not small.is_small(values[key]), f"{key}={values[key]} can be worked out"
    for key, v in shown.items():
        assert v == small.HIDDEN or not small.is_small(v), f"{key}={v} is shown"
        assert v == small.HIDDEN or v == values[key]
    for s in line_sums:
        assert not small.is_small(s), "hidden cells of a line add up to a small number"


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), counts, min_size=1))
def test_a_total_and_its_parts_never_give_a_small_count_away(parts):
    total, shown_parts = small.breakdown(sum(parts.values()), parts, exact=False)
    values = {("part", k): v for k, v in parts.items()} | {"total": sum(parts.values())}
    shown = {("part", k): v for k, v in shown_parts.items()} | {"total": total}
    assert_safe(values, [("total", [("part", k) for k in parts])], shown)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 7).flatmap(
        lambda rows: st.integers(1, 6).flatmap(
            lambda cols: st.lists(
                st.lists(counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows
            )
        )
    )
)
def test_a_table_with_row_and_column_totals_never_gives_a_small_count_away(grid):
    cells = {(f"r{r}", f"c{c}"): n for r, row in enumerate(grid) for c, n in enumerate(row)}
    shown_cells, rows, cols, grand = small.table(cells, exact=False)
    row_keys = [f"r{r}" for r in range(len(grid))]
    col_keys = [f"c{c}" for c in range(len(grid[0]))]
    values = {("cell", r, c): cells[(r, c)] for r, c in cells}
    values |= {("row", r): sum(cells[(r, c)] for c in col_keys) for r in row_keys}
    values |= {("col", c): sum(cells[(r, c)] for r in row_keys) for c in col_keys}
    values["all"] = sum(cells.values())
    shown = {("cell", r, c): v for (r, c), v in shown_cells.items()}
    shown |= {("row", r): v for r, v in rows.items()} | {("col", c): v for c, v in cols.items()}
    shown["all"] = grand
    lines = [(("row", r), [("cell", r, c) for c in col_keys]) for r in row_keys]
    lines += [(("col", c), [("cell", r, c) for r in row_keys]) for c in col_keys]
    lines += [("all", [("row", r) for r in row_keys]), ("all", [("col", c) for c in col_keys])]
    assert_safe(values, lines, shown)


def test_one_small_cell_takes_the_next_smallest_with_it():
    total, parts = small.breakdown(33, {"a": 3, "b": 10, "c": 20}, exact=False)
    assert (total, parts) == (33, {"a": small.HIDDEN, "b": small.HIDDEN, "c": 20})


def test_two_small_cells_adding_up_to_a_small_number_take_a_third():
    total, parts = small.breakdown(34, {"a": 2, "b": 2, "c": 30}, exact=False)
    assert parts == {"a": small.HIDDEN, "b": small.HIDDEN, "c": small.HIDDEN}
    assert total == 34


def test_nothing_small_hides_nothing_and_coordinators_see_all():
    assert small.breakdown(15, {"a": 5, "b": 10, "c": 0}, exact=False) == (
        15,
        {"a": 5, "b": 10, "c": 0},
    )
    assert small.breakdown(4, {"a": 1, "b": 3}, exact=True) == (4, {"a": 1, "b": 3})


def test_a_region_in_a_national_table_cannot_be_found_from_the_national_total():
    # Seven regions, one column: the national total minus six regions must not give the seventh.
    cells = {(f"region{i}", "children"): n for i, n in enumerate([40, 35, 3, 50, 22, 18, 61])}
    shown, rows, cols, grand = small.table(cells, exact=False)
    assert shown[("region2", "children")] == small.HIDDEN
    assert sum(v == small.HIDDEN for v in shown.values()) >= 2
    assert grand == 229


# The rule where readers meet it: the stored breakdowns through the dashboard's selector (which the
# page, the report and the API all read) and the API's answer.

reasons = [*DeclineReason.values, "unknown"]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(parts=st.dictionaries(st.sampled_from(reasons), counts, min_size=1))
def test_declined_by_reason_cannot_be_worked_out_by_the_steering_group(region, parts):
    from nik.monitoring.formulas import FORMULAS
    from nik.monitoring.models import IndicatorValue
    from nik.monitoring.periods import QUARTER, Period
    from nik.monitoring.selectors import dashboard

    period = Period.of(timezone.localdate(), QUARTER)
    IndicatorValue.objects.update_or_create(
        region=region,
        key="declined",
        period_kind=QUARTER,
        period_start=period.start,
        defaults={
            "value": float(sum(parts.values())),
            "cases": sum(parts.values()),
            "detail": {"by_reason": parts},
        },
    )
    assert any(f.key == "declined" for f in FORMULAS)
    row = next(r for r in dashboard(region, exact=False) if r.formula.key == "declined")
    total = small.HIDDEN if row.latest.hidden else int(row.latest.value)
    values = {("part", k): v for k, v in parts.items()} | {"total": sum(parts.values())}
    shown = {("part", k): v for k, v in row.detail["by_reason"].items()} | {"total": total}
    assert_safe(values, [("total", [("part", k) for k in parts])], shown)
    exact = next(r for r in dashboard(region, exact=True) if r.formula.key == "declined")
    assert exact.detail["by_reason"] == parts
