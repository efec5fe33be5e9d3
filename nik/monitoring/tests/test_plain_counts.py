"""Every indicator, report figure and national figure against a plain count over the records
(issue 30): the families are counted here in Python over the rows, one by one, and the figures
the product shows must say the same — with families that went through several stage changes,
were referred twice and have several plan versions, the records that made "Kinderen in het
netwerk" say 56 for 14 children (a DISTINCT over stage changes counted every change)."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from nik.careplans.models import CarePlan, CarePlanVersion
from nik.core.factories import RegionFactory
from nik.families.factories import FamilyFactory
from nik.families.models import Child, Family, Inquiry, Referral, Stage, StageChange
from nik.monitoring.actions import do_recompute
from nik.monitoring.formulas import BY_KEY, EIGHT_WEEKS, Result, working_days_between
from nik.monitoring.periods import Period

pytestmark = pytest.mark.django_db

ZONE = timezone.get_current_timezone()
Q3_2026 = Period("quarter", date(2026, 7, 1))
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=ZONE)
FAMILY_FORMULAS = [
    "first_contact",
    "first_answer",
    "plan_in_eight_weeks",
    "evaluations_on_time",
    "plans_discussed",
    "children_in_care",
    "declined",
]


def at(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, 0, tzinfo=ZONE)


# The records -----------------------------------------------------------------------------------


def route(region, stages, *, category="1", child=True, referrals=(), versions=()):
    """A family with its stage changes [(stage, when)], referrals [dict], plan versions
    [(published, content)] and a child of `category` (none when `child` is False)."""
    family = FamilyFactory(region=region)
    if child:
        Child.objects.create(
            family=family, first_name="K", last_name=family.name, date_of_birth=date(2018, 1, 1),
            condition_category=category,
        )  # fmt: skip
    for stage, when in stages:
        StageChange.objects.create(family=family, stage=stage, at=when)
    for found in referrals:
        Referral.objects.create(region=region, family=family, consent_to_share=True, **found)
    if versions:
        plan = CarePlan.objects.create(family=family)
        for number, (published, content) in enumerate(versions, start=1):
            CarePlanVersion.objects.create(
                plan=plan, number=number, status="published", published_at=published,
                content={"plan_date": "2026-01-01", **content},
            )  # fmt: skip
    return family


def gp(received, contacted=None, **extra):
    return {"source": "gp", "received_at": received, "first_contact_at": contacted, **extra}


@pytest.fixture
def routes(region):
    """Ten families through Q3 2026, most with several stage changes, two referrals or several
    plan versions. Six are in the network's care on 30 September."""
    route(
        region,
        [("registered", at(2026, 6, 1)), ("intake", at(2026, 6, 10)),
         ("in_care", at(2026, 7, 5)), ("aftercare", at(2026, 8, 20))],
        referrals=[gp(at(2026, 6, 1), at(2026, 6, 2)),
                   gp(at(2026, 7, 2), at(2026, 7, 3), source="parents")],
        versions=[(at(2026, 7, 20), {"discussed_with_parents_on": "2026-07-20",
                                     "next_evaluation_on": "2026-12-01"}),
                  (at(2026, 9, 1), {"next_evaluation_on": "2026-09-15"})],
    )  # fmt: skip
    route(
        region,
        [("in_care", at(2026, 7, 1)), ("closed", at(2026, 8, 1)), ("in_care", at(2026, 9, 1))],
        category="2",
        referrals=[gp(at(2026, 7, 1), at(2026, 7, 8))],
        versions=[(at(2026, 10, 10), {"discussed_with_parents_on": "2026-10-10"})],
    )
    route(
        region,
        [("in_care", at(2026, 7, 10)), ("closed", at(2026, 9, 10))],
        category="2",
        versions=[(at(2026, 7, 30), {"next_evaluation_on": "2026-10-30"})],
    )
    route(
        region,
        [("in_care", at(2026, 3, 1)), ("aftercare", at(2026, 5, 1)), ("aftercare", at(2026, 8, 1))],
        category="",
    )
    route(
        region,
        [("registered", at(2026, 7, 15))],
        referrals=[gp(at(2026, 7, 15), at(2026, 7, 16), status="declined",
                      decline_reason="region", decided_at=at(2026, 7, 20))],
    )  # fmt: skip
    route(
        region,
        [("in_care", at(2026, 8, 1)), ("closed", at(2026, 8, 15)),
         ("in_care", at(2026, 8, 20)), ("closed", at(2026, 9, 20))],
        referrals=[gp(at(2026, 8, 1)), gp(at(2026, 8, 19), at(2026, 8, 20))],
    )  # fmt: skip
    for n in range(3):
        route(
            region,
            [("intake", at(2026, 6, 20 + n)), ("in_care", at(2026, 7, 1 + n))],
            category="3",
            child=n > 0,  # one family has no child recorded yet
            versions=[(at(2026, 8, 1 + n), {"discussed_with_parents_on": "2026-08-01",
                                            "next_evaluation_on": "2026-11-01"}),
                      (at(2026, 9, 5 + n), {"next_evaluation_on": "2026-12-01"}),
                      (at(2026, 10, 1 + n), {"discussed_with_parents_on": "2026-10-01"})],
        )  # fmt: skip
    route(region, [("registered", at(2026, 9, 1)), ("in_care", at(2026, 10, 5))])
    Inquiry.objects.create(
        region=region, question="?", received_at=at(2026, 8, 3), first_answer_at=at(2026, 8, 5)
    )


# The plain count ---------------------------------------------------------------------------------


def plain(region, period: Period, now: datetime) -> dict[str, Result]:
    """Each family indicator counted in Python over the rows, family by family."""
    start, end = period.bounds()
    families = list(Family.objects.filter(region=region).values_list("pk", flat=True))
    changes: dict[int, list[tuple[datetime, int, str]]] = {f: [] for f in families}
    for family, stage, when, pk in StageChange.objects.filter(family__in=families).values_list(
        "family", "stage", "at", "pk"
    ):
        changes[family].append((when, pk, stage))
    categories = dict(Child.objects.values_list("family", "condition_category"))
    referrals = list(Referral.objects.filter(region=region))
    versions: dict[int, list[CarePlanVersion]] = {f: [] for f in families}
    for version in CarePlanVersion.objects.filter(plan__family__in=families).select_related("plan"):
        if version.published_at is not None:
            versions[version.plan.family_id].append(version)

    out: dict[str, Result] = {}
    # First contact: the referrals of the period, leaving out those still within their days.
    on_time = cases = 0
    waits = []
    for r in referrals:
        if not start <= r.received_at < end:
            continue
        if r.first_contact_at is None and r.contact_due_at > now:
            continue
        cases += 1
        if r.first_contact_at is not None:
            on_time += r.first_contact_at <= r.contact_due_at
            waits.append(working_days_between(r.received_at, r.first_contact_at))
    out["first_contact"] = Result(
        round(100 * on_time / cases, 1) if cases else None,
        cases,
        {"median_working_days": statistics.median(waits)} if waits else {},
    )
    answered = [
        working_days_between(i.received_at, i.first_answer_at)
        for i in Inquiry.objects.filter(region=region)
        if start <= i.received_at < end and i.first_answer_at
    ]
    out["first_answer"] = Result(
        float(statistics.median(answered)) if answered else None, len(answered)
    )
    # A plan within eight weeks of the family's first entry into care.
    hits = cases = 0
    for family in families:
        entries = [when for when, _pk, stage in changes[family] if stage == Stage.IN_CARE]
        if not entries or not start <= min(entries) < end:
            continue
        since = min(entries)
        first = min((v.published_at for v in versions[family]), default=None)
        if first is None and since + EIGHT_WEEKS > now:
            continue
        cases += 1
        hits += first is not None and first <= since + EIGHT_WEEKS
    out["plan_in_eight_weeks"] = Result(round(100 * hits / cases, 1) if cases else None, cases)
    # The plans as they stood at the period's end: each family's latest version before then.
    moment = min(end, now)
    standing = []
    for family in families:
        before = [v for v in versions[family] if v.published_at < moment]
        if before:
            standing.append(max(before, key=lambda v: (v.published_at, v.pk)).content)
    on_date = moment.date()
    evaluated = sum(
        1
        for c in standing
        if c.get("next_evaluation_on") and date.fromisoformat(c["next_evaluation_on"]) >= on_date
    )
    discussed = sum(
        1
        for c in standing
        if c.get("discussed_with_parents_on")
        and date.fromisoformat(c["discussed_with_parents_on"]) < end.date()
        and date.fromisoformat(c["discussed_with_parents_on"]) <= now.date()
    )
    n = len(standing)
    out["evaluations_on_time"] = Result(round(100 * evaluated / n, 1) if n else None, n)
    out["plans_discussed"] = Result(round(100 * discussed / n, 1) if n else None, n)
    # Children in care: each family once, by its last stage change before the period's end.
    in_care = []
    for family in families:
        before = sorted(c for c in changes[family] if c[0] < end)
        if before and before[-1][2] in (Stage.IN_CARE, Stage.AFTERCARE):
            in_care.append(family)
    closed = {
        family
        for family in families
        for when, _pk, stage in changes[family]
        if stage == Stage.CLOSED and start <= when < end
    }
    new = [r for r in referrals if start <= r.received_at < end]
    out["children_in_care"] = Result(
        float(len(in_care)),
        len(in_care),
        {
            "new": len(new),
            "closed": len(closed),
            "by_category": dict(
                sorted(Counter(categories.get(f) or "unknown" for f in in_care).items())
            ),
            "by_source": dict(sorted(Counter(r.source for r in new).items())),
        },
    )
    reasons = Counter(
        r.decline_reason
        for r in referrals
        if r.status == "declined" and r.decided_at and start <= r.decided_at < end
    )
    total = sum(reasons.values())
    out["declined"] = Result(float(total), total, {"by_reason": dict(sorted(reasons.items()))})
    return out


# The formulas, the pages, the report and the national view -------------------------------------


@pytest.mark.parametrize("key", FAMILY_FORMULAS)
def test_every_family_indicator_says_what_a_plain_count_says(region, routes, key):
    assert BY_KEY[key].compute(region, Q3_2026, NOW) == plain(region, Q3_2026, NOW)[key]


def test_children_in_the_network_counts_each_family_once_whatever_its_stage_changes(region, routes):
    result = BY_KEY["children_in_care"].compute(region, Q3_2026, NOW)
    assert result.value == 6 and result.cases == 6
    assert sum(result.detail["by_category"].values()) == 6
    assert result.detail["by_category"] == {"1": 1, "2": 1, "3": 2, "unknown": 2}
    assert result.detail["closed"] == 3  # the family closed twice in the quarter counts once
    assert result.detail["new"] == 5  # referrals: the family referred twice counts twice


def _cell(html: str, table: str, row: str, column: int) -> str:
    """The text of a table's row (by its header) and column, as a reader sees it."""
    body = html.split(f'id="{table}"')[1].split("</table>")[0]
    for tr in re.findall(r"<tr.*?</tr>", body, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd].*?</t[hd]>", tr, re.S)
        ]
        if cells and cells[0].startswith(row):
            return cells[column]
    raise AssertionError(f"no row {row} in {table}")


def test_the_results_page_shows_the_plain_count_to_coordinator_and_steering(
    login, region, routes, coordinator, steering
):
    do_recompute([region], now=NOW)
    expected = plain(region, Q3_2026, NOW)["children_in_care"]
    where = f"/regions/{region.slug}/monitoring/"
    for who in (coordinator, steering):
        html = login(who).get(where).content.decode()
        trend = html.split('id="trend-table"')[1]
        headers = re.findall(r'scope="col">([^<]*)</th>', trend.split("</thead>")[0])
        column = headers.index("K3 2026")
        assert _cell(html, "trend-table", "Kinderen in het netwerk", column) == "6"
        assert str(int(expected.value)) == "6"
    # The coordinator reads the breakdown exactly, and it adds up to the value.
    exact = login(coordinator).get(where).content.decode()
    assert "categorie 3: 2" in exact and "niet vastgelegd: 2" in exact


def test_the_quarterly_report_shows_the_plain_count_in_pdf_and_xlsx(
    login, region, routes, steering
):
    do_recompute([region], now=NOW)
    expected = plain(region, Q3_2026, NOW)
    client = login(steering)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/regions/{region.slug}/monitoring/report/2026-q3.xlsx").content)
    )
    rows = list(book["Prestatie-indicatoren"].iter_rows(values_only=True))
    children = next(r for r in rows if r[0] == "Kinderen in het netwerk")
    assert rows[0][-1] == "K3 2026" and children[-1] == str(int(expected["children_in_care"].value))
    pdf = client.get(f"/regions/{region.slug}/monitoring/report/2026-q3.pdf").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    line = text.split("Kinderen in het netwerk", 1)[1].split("\n")[0]
    assert line.split()[0] == "6"  # the latest quarter on the summary page
    # Over 5 families, the plan's share is shown, and it is the plain count's.
    assert expected["plans_discussed"].cases >= 5


def test_the_national_view_shows_the_plain_count(login, region, other_region, routes, national):
    do_recompute([region, other_region], now=NOW)
    html = login(national).get("/national/?quarter=2026-3").content.decode()
    expected = plain(region, Q3_2026, NOW)["children_in_care"]
    assert _cell(html, "national-children", region.name, -1) == str(int(expected.value))


# Generated routes --------------------------------------------------------------------------------

DAY0 = date(2026, 1, 1)
moment_in_2026 = st.integers(min_value=0, max_value=320).map(
    lambda d: (
        datetime.combine(DAY0 + timedelta(days=d), datetime.min.time(), tzinfo=ZONE)
        + timedelta(hours=9)
    )
)
a_family = st.fixed_dictionaries(
    {
        "stages": st.lists(st.tuples(st.sampled_from(Stage.values), moment_in_2026), max_size=5),
        "category": st.sampled_from(["1", "2", "3", "4", "serious", ""]),
        "child": st.booleans(),
        "referrals": st.lists(
            st.tuples(
                moment_in_2026,
                st.sampled_from(["gp", "umc", "parents"]),
                st.booleans(),
                st.integers(0, 6),
            ),
            max_size=3,
        ),  # fmt: skip
        "versions": st.lists(
            st.tuples(moment_in_2026, st.booleans(), st.integers(-60, 120)), max_size=3
        ),
    }
)


@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: bounded when it fails
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(a_family, min_size=1, max_size=6))
def test_the_indicators_over_generated_routes_say_what_a_plain_count_says(db, drawn):
    region = RegionFactory()  # a region of its own per example, in the one test database
    for f in drawn:
        referrals = [
            gp(
                received,
                received + timedelta(days=wait) if wait < 6 else None,
                source=source,
                **(
                    {
                        "status": "declined",
                        "decline_reason": "region",
                        "decided_at": received + timedelta(days=1),
                    }
                    if refused
                    else {}
                ),
            )  # fmt: skip
            for received, source, refused, wait in f["referrals"]
        ]
        versions = [
            (
                published,
                {
                    "next_evaluation_on": (published.date() + timedelta(days=ahead)).isoformat(),
                    **(
                        {"discussed_with_parents_on": published.date().isoformat()}
                        if talked
                        else {}
                    ),
                },
            )  # fmt: skip
            for published, talked, ahead in f["versions"]
        ]
        route(
            region, f["stages"], category=f["category"], child=f["child"], referrals=referrals,
            versions=versions,
        )  # fmt: skip
    for period in (Period("quarter", date(2026, 4, 1)), Q3_2026):
        counted = plain(region, period, NOW)
        for key in FAMILY_FORMULAS:
            assert BY_KEY[key].compute(region, period, NOW) == counted[key], key
