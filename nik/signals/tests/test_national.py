"""The national view (issue 17): the networks side by side for a quarter, with the small-number
rule and secondary suppression (attacked with the monitoring tests' adversary), the map, the
research export read back, and a coordinator's own region beside the national median."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nik.core.factories import RegionFactory
from nik.core.models import AuditEvent
from nik.monitoring.models import IndicatorValue
from nik.monitoring.report import last_complete_quarter
from nik.monitoring.tests.test_small import assert_safe
from nik.signals import national
from nik.signals.models import Sharing

pytestmark = pytest.mark.django_db


def store(region, key, value, cases, detail=None, period=None):
    period = period or last_complete_quarter()
    IndicatorValue.objects.update_or_create(
        region=region, key=key, period_kind="quarter", period_start=period.start,
        defaults={"value": value, "cases": cases, "detail": detail or {}},
    )  # fmt: skip


@pytest.fixture
def seven(region, other_region):
    return [region, other_region, *(RegionFactory() for _i in range(5))]


def test_the_knowledge_centre_sees_the_networks_side_by_side_without_a_small_number(
    login, seven, national, coordinator, steering
):
    first, second, *rest = seven
    store(first, "first_contact", 90.0, 20)
    store(second, "first_contact", 100.0, 3)  # over three referrals: not shown
    for n, region in enumerate(rest):
        store(region, "first_contact", 70.0 + 5 * n, 12)
    store(first, "declined", 3.0, 3)
    store(second, "declined", 9.0, 9)
    store(first, "children_in_care", 14.0, 14, {"by_category": {"1": 12, "2": 2}})
    page = login(national).get("/national/")
    html = page.content.decode()
    assert page.status_code == 200
    row = html.split('id="row-first_contact"')[1].split("</tr>")[0]
    assert "90%" in row and "100%" not in row and "te weinig om te tonen" in row
    assert "80%" in row  # the median of the six shown values (70, 75, 80, 85, 90 and 90)
    declined = html.split('id="row-declined"')[1].split("</tr>")[0]
    assert ">3<" not in declined and ">9<" not in declined  # 3 hidden, and 9 with it (total 12)
    children = html.split('id="national-children"')[1].split("</table>")[0]
    assert ">2<" not in children
    # Every network's row has a cell per category and its total, in the header's order.
    header = children.split("</thead>")[0].count("<th ")
    for tr in children.split("<tbody")[1].split("</tr>")[:-1]:
        assert tr.count("<td ") + tr.count("<th ") == header, tr
    for user in (coordinator, steering):
        assert login(user).get("/national/").status_code == 404


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(st.lists(st.lists(st.integers(0, 12), min_size=5, max_size=5), min_size=7, max_size=7))
def test_no_child_count_under_five_can_be_worked_out_from_the_national_table(seven, grid):
    codes = ["1", "2", "3", "4", "serious"]
    for region, counts in zip(seven, grid, strict=True):
        store(region, "children_in_care", float(sum(counts)), sum(counts),
              {"by_category": dict(zip(codes, counts, strict=True))})  # fmt: skip
    found = national.view(last_complete_quarter())
    keys = [(r.pk, c) for r in seven for c, _l in found.categories]
    values = {("cell", r, c): dict(zip(codes, grid[i], strict=True)).get(c, 0)
              for i, r in enumerate(r.pk for r in seven) for c, _l in found.categories}  # fmt: skip
    values |= {("row", r.pk): sum(grid[i]) for i, r in enumerate(seven)}
    cols = [c for c, _l in found.categories]
    values |= {("col", c): sum(values[("cell", r.pk, c)] for r in seven) for c in cols}
    values["all"] = sum(sum(g) for g in grid)
    shown = {("cell", r, c): found.by_category[(r, c)] for r, c in keys}
    shown |= {("row", r.pk): found.category_rows[r.pk] for r in seven}
    shown |= {("col", c): found.category_cols[c] for c in cols}
    shown["all"] = found.category_all
    lines = [(("row", r.pk), [("cell", r.pk, c) for c in cols]) for r in seven]
    lines += [(("col", c), [("cell", r.pk, c) for r in seven]) for c in cols]
    lines += [("all", [("row", r.pk) for r in seven]), ("all", [("col", c) for c in cols])]
    assert_safe(values, lines, shown)


def test_the_map_and_the_research_export(login, seven, national):
    store(seven[0], "first_contact", 95.0, 20)
    store(seven[1], "first_contact", 60.0, 20)
    client = login(national)
    svg = client.get("/national/map.svg?indicator=first_contact")
    tree = ET.fromstring(svg.content)
    circles = tree.findall(".//{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 7 and {c.get("fill") for c in circles} >= {"#2e7d32", "#c62828"}
    quarter = last_complete_quarter()
    q = f"{quarter.start.year}-{quarter.number}"
    rows = list(
        csv.reader(io.StringIO(client.get(f"/national/export.csv?quarter={q}").content.decode()))
    )
    assert rows[0] == ["quarter", "region", "indicator", "value", "suppressed"]
    assert [seven[0].slug, "first_contact", "95%", "0"] == rows[
        [r[1:3] for r in rows].index([seven[0].slug, "first_contact"])
    ][1:]
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/national/export.xlsx?quarter={q}").content)
    )
    assert book.sheetnames == ["Cijfers", "Woordenlijst"]
    words = [r[0] for r in book["Woordenlijst"].iter_rows(values_only=True)]
    assert "first_contact" in words and "suppressed" in words
    assert AuditEvent.objects.filter(event="national.export").count() == 2


def test_a_coordinator_sees_the_median_and_named_regions_only_when_both_agree(
    login, seven, coordinator, national
):
    first, second, *_rest = seven
    store(first, "first_contact", 90.0, 20)
    store(second, "first_contact", 60.0, 20)
    page = login(coordinator).get(f"/regions/{first.slug}/compare/").content.decode()
    assert "90%" in page and second.name not in page
    Sharing.objects.create(region=second, named=True)
    assert (
        second.name
        not in login(coordinator).get(f"/regions/{first.slug}/compare/").content.decode()
    )
    login(coordinator).post(f"/regions/{first.slug}/compare/sharing/", {"named": "on"})
    page = login(coordinator).get(f"/regions/{first.slug}/compare/").content.decode()
    assert second.name in page and "60%" in page
    assert login(national).get(f"/regions/{first.slug}/compare/").status_code == 403


def test_the_research_export_writes_a_protecting_cell_as_a_cross_not_under_five(
    login, seven, national
):
    # 12 + 2 = 14 in category 1 and 2: the 2 is small, and the 12 is hidden too so the row's
    # total does not give the 2 away. Neither may read "< 5": the 12 is not under five.
    first = seven[0]
    store(first, "children_in_care", 14.0, 14, {"by_category": {"1": 12, "2": 2}})
    quarter = last_complete_quarter()
    q = f"{quarter.start.year}-{quarter.number}"
    rows = list(
        csv.reader(
            io.StringIO(login(national).get(f"/national/export.csv?quarter={q}").content.decode())
        )
    )
    mine = {r[2]: (r[3], r[4]) for r in rows[1:] if r[1] == first.slug}
    hidden = [key for key, (_value, suppressed) in mine.items() if suppressed == "1"]
    assert "category:2" in hidden and len(hidden) >= 2  # the small one and one protecting it
    assert all(mine[key][0] == "×" for key in hidden)
    assert "< 5" not in [value for key, (value, _s) in mine.items() if key.startswith("category:")]
