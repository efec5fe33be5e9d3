"""Indicators computed from the records (issue 16, first part): each formula on hand-made records,
working days that skip weekends and Dutch public holidays, the stored values a dashboard reads,
typed values the task leaves alone, and the small-number rule for everyone but the coordinator."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from nik.careplans.models import CarePlan, CarePlanVersion
from nik.families.factories import FamilyFactory
from nik.families.models import Inquiry, Referral, StageChange
from nik.monitoring import small
from nik.monitoring.actions import do_recompute, do_type_value
from nik.monitoring.formulas import (
    BY_KEY,
    children_in_care,
    declined,
    first_answer,
    first_contact,
    milestones_on_time,
    plan_in_eight_weeks,
    plans_discussed,
    working_days_between,
)
from nik.monitoring.models import IndicatorValue
from nik.monitoring.periods import Period
from nik.roadmap.models import Milestone
from tests.queries import panel_queries, queries_of

pytestmark = pytest.mark.django_db

ZONE = timezone.get_current_timezone()
Q2_2026 = Period("quarter", date(2026, 4, 1))
Q3_2026 = Period("quarter", date(2026, 7, 1))
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=ZONE)


def at(y: int, m: int, d: int, h: int = 10) -> datetime:
    return datetime(y, m, d, h, 0, tzinfo=ZONE)


def referral(region, received, contacted=None, **extra):
    family = FamilyFactory(region=region)
    return Referral.objects.create(
        region=region,
        family=family,
        source=extra.pop("source", "gp"),
        received_at=received,
        first_contact_at=contacted,
        consent_to_share=True,
        **extra,
    )


def test_working_days_skip_weekends_and_dutch_public_holidays():
    # Friday → Monday: one working day.
    assert working_days_between(at(2026, 6, 5), at(2026, 6, 8)) == 1
    # Thursday 23 April 2026 → Tuesday 28 April: Koningsdag (27 April) is no working day.
    assert working_days_between(at(2026, 4, 23), at(2026, 4, 28)) == 2
    # Hemelvaartsdag (14 May 2026): Wednesday → Friday is one working day.
    assert working_days_between(at(2026, 5, 13), at(2026, 5, 15)) == 1


def test_first_contact_counts_only_referrals_whose_two_days_are_over(region):
    referral(region, at(2026, 4, 23), at(2026, 4, 28))  # Koningsdag between: on time
    referral(region, at(2026, 5, 4), at(2026, 5, 11))  # a week: late
    referral(region, at(2026, 6, 1))  # never contacted, long overdue: late
    referral(region, at(2026, 3, 31), at(2026, 4, 1))  # the quarter before: not counted
    result = first_contact(region, Q2_2026, NOW)
    assert (result.value, result.cases) == (33.3, 3)
    assert result.detail == {"median_working_days": 3.5}  # 2 and 5 working days
    # A referral still within its two days is left out, not counted as late.
    now = timezone.now()
    current = Period.of(timezone.localdate())
    referral(region, now - timedelta(minutes=5))
    assert first_contact(region, current, now).cases == 0


def test_first_answer_is_the_median_in_working_days(region):
    for received, answered in [
        (at(2026, 4, 3), at(2026, 4, 7)),  # Friday → Tuesday; Easter Monday 6 April: 1 day
        (at(2026, 4, 8), at(2026, 4, 10)),  # 2 days
        (at(2026, 4, 13), at(2026, 4, 20)),  # 5 days
    ]:
        Inquiry.objects.create(
            region=region, question="?", received_at=received, first_answer_at=answered
        )
    Inquiry.objects.create(region=region, question="?", received_at=at(2026, 4, 14))  # open
    assert (first_answer(region, Q2_2026, NOW).value, first_answer(region, Q2_2026, NOW).cases) == (
        2.0,
        2 + 1,
    )


def _into_care(family, when):
    StageChange.objects.create(family=family, stage="in_care", at=when)


def _plan(family, published, **content):
    plan = CarePlan.objects.create(family=family)
    return CarePlanVersion.objects.create(
        plan=plan, number=1, status="published", published_at=published, content=content
    )


def test_a_plan_within_eight_weeks_of_entering_care(region):
    on_time, late, none, waiting = (FamilyFactory(region=region) for _ in range(4))
    for family in (on_time, late, none):
        _into_care(family, at(2026, 4, 10))
    _into_care(waiting, NOW - timedelta(days=3))  # another quarter and still in its weeks
    _plan(on_time, at(2026, 5, 20))
    _plan(late, at(2026, 7, 1))
    result = plan_in_eight_weeks(region, Q2_2026, NOW)
    assert (result.value, result.cases) == (33.3, 3)


def test_plans_discussed_with_parents_as_they_stood_at_the_quarters_end(region):
    a, b = FamilyFactory(region=region), FamilyFactory(region=region)
    _plan(a, at(2026, 5, 1), discussed_with_parents_on="2026-05-01", plan_date="2026-05-01")
    _plan(b, at(2026, 5, 2), plan_date="2026-05-02")
    result = plans_discussed(region, Q2_2026, NOW)
    assert (result.value, result.cases) == (50.0, 2)


def test_a_discussion_recorded_afterwards_counts_from_its_own_date(region):
    # Published "not yet discussed" in May, discussed in July and recorded then on that version:
    # the plan was not discussed at the end of Q2, and was at the end of Q3.
    family = FamilyFactory(region=region)
    _plan(family, at(2026, 5, 1), discussed_with_parents_on="2026-07-10", plan_date="2026-05-01")
    assert plans_discussed(region, Q2_2026, NOW).value == 0.0
    assert plans_discussed(region, Q3_2026, NOW).value == 100.0


def test_children_in_care_and_declined_referrals_by_category_source_and_reason(region):
    staying = referral(region, at(2026, 4, 2), at(2026, 4, 3), source="umc").family
    _into_care(staying, at(2026, 4, 10))
    left = referral(region, at(2026, 1, 5), at(2026, 1, 6)).family
    _into_care(left, at(2026, 1, 10))
    StageChange.objects.create(family=left, stage="closed", at=at(2026, 5, 1))
    referral(
        region, at(2026, 5, 3), at(2026, 5, 4), status="declined", decline_reason="region",
        decided_at=at(2026, 5, 6),
    )  # fmt: skip
    result = children_in_care(region, Q2_2026, NOW)
    assert result.value == 1 and result.detail["new"] == 2 and result.detail["closed"] == 1
    assert result.detail["by_source"] == {"gp": 1, "umc": 1}
    assert declined(region, Q2_2026, NOW).detail == {"by_reason": {"region": 1}}


def test_milestones_due_in_the_quarter_that_are_done(region):
    for status in ("done", "planned", "dropped"):
        Milestone.objects.create(
            region=region, title=status, result="r", owner="o", due=date(2026, 5, 1), status=status
        )
    result = milestones_on_time(region, Q2_2026, NOW)
    assert (result.value, result.cases) == (50.0, 2)


def test_the_task_stores_two_years_and_leaves_typed_values_alone(region, coordinator):
    do_type_value(
        region,
        key="family_rating",
        period_start=timezone.localdate(),
        value=7.8,
        source="Ouderenquête september, 31 antwoorden",
        acting_user=coordinator,
    )
    written = do_recompute([region])
    snapshots = sum(1 for f in BY_KEY.values() if f.snapshot)
    assert written == (len(BY_KEY) - snapshots) * 8 + snapshots - 1
    kept = IndicatorValue.objects.get(region=region, key="family_rating", typed=True)
    assert kept.value == 7.8
    do_recompute([region])  # again: the same rows, updated in place
    assert IndicatorValue.objects.filter(region=region).count() == written + 1


# The small-number rule -------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10_000))
def test_a_count_of_families_under_five_never_shows_to_non_coordinators(n):
    shown = small.count(n, exact=False)
    assert shown == (n if n == 0 or n >= 5 else "< 5")
    assert small.count(n, exact=True) == n


def test_the_dashboard_hides_small_numbers_from_the_steering_group_only(
    client, login, region, coordinator, steering
):
    for _i in range(3):
        f = referral(region, at(2026, 10, 5), at(2026, 10, 6), source="umc").family
        _into_care(f, at(2026, 10, 7))
    do_recompute([region], now=NOW)
    where = f"/regions/{region.slug}/monitoring/"
    exact = login(coordinator).get(where).content.decode()
    assert "umc" not in exact  # sources in words
    assert "academisch ziekenhuis (UMC): 3" in exact
    hidden = login(steering).get(where).content.decode()
    # A part of a breakdown with its total: "×", hidden (small or protecting a small one).
    assert "academisch ziekenhuis (UMC): ×" in hidden and "× verborgen" in hidden
    assert "te weinig om te tonen" in hidden  # the share over three referrals
    assert "100%" not in hidden.split('id="indicator-first_contact"')[1].split("</tr>")[0]


def test_the_dashboard_and_its_panel_read_stored_values_in_a_fixed_number_of_queries(
    client, login, region, coordinator, steering
):
    do_recompute([region], now=NOW)
    client = login(coordinator)
    where = f"/regions/{region.slug}/monitoring/"
    client.get(where)
    few = queries_of(lambda: client.get(where))
    for _i in range(6):
        referral(region, at(2026, 10, 5), at(2026, 10, 6))
    do_recompute([region], now=NOW)
    assert queries_of(lambda: client.get(where)) == few
    n, html = panel_queries("monitoring.glance", steering, region)
    assert n <= 3 and "Prestatie-indicatoren" in html and "op streefwaarde" in html
    svg = client.get(f"/regions/{region.slug}/monitoring/trend.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_only_the_coordinator_types_a_figure_and_a_parent_sees_no_dashboard(
    client, login, region, other_region, coordinator, steering, parent, other_coordinator
):
    data = {
        "key": "family_rating",
        "period_start": "2026-10-01",
        "value": "7.5",
        "source": "Enquête",
    }
    assert (
        login(steering).post(f"/regions/{region.slug}/monitoring/typed/", data).status_code == 403
    )
    assert (
        login(coordinator).post(f"/regions/{region.slug}/monitoring/typed/", data).status_code
        == 302
    )
    assert IndicatorValue.objects.get(key="family_rating").typed
    assert login(parent).get(f"/regions/{region.slug}/monitoring/").status_code == 404
    assert login(other_coordinator).get(f"/regions/{region.slug}/monitoring/").status_code == 404


def test_working_days_read_as_people_write_them():
    from django.utils import translation

    from nik.monitoring.formulas import BY_KEY
    from nik.monitoring.selectors import shown_value

    formula = BY_KEY["first_answer"]
    with translation.override("nl"):
        assert shown_value(formula, 1.0, 9, exact=True) == "1 werkdag"
        assert shown_value(formula, 1.5, 9, exact=True) == "1,5 werkdagen"
        assert shown_value(formula, 2.0, 9, exact=True) == "2 werkdagen"
    with translation.override("en"):
        assert shown_value(formula, 1.0, 9, exact=True) == "1 working day"


def test_the_knowledge_centre_meets_a_regions_figures_only_side_by_side(login, region, national):
    # A region's own results page would let its exact counts be set against the national table's
    # totals; the knowledge centre reads the national view instead (the API: test_monitoring_api).
    assert login(national).get(f"/regions/{region.slug}/monitoring/").status_code == 403
