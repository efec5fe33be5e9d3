"""Properties of the referral clock and of who gives consent, for any date and any age."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nik.families.models import (
    ConsentGiver,
    add_working_days,
    consent_giver_for_age,
    is_working_day,
)

moments = st.datetimes(
    # hypothesis wants naive bounds and adds the zone itself.
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


def _working_days_between(start: datetime, end: datetime) -> int:
    from django.utils import timezone

    first = timezone.localtime(start).date()
    last = timezone.localtime(end).date()
    return sum(
        1 for n in range(1, (last - first).days + 1) if is_working_day(first + timedelta(days=n))
    )


@settings(max_examples=300, deadline=None)
@given(moments, st.integers(min_value=1, max_value=15))
def test_the_clock_ends_on_a_working_day_exactly_n_working_days_later(start, days):
    from django.utils import timezone

    due = add_working_days(start, days)
    assert due > start
    assert is_working_day(timezone.localtime(due).date())
    assert _working_days_between(start, due) == days
    # The same time of day, so a referral at 16:00 is due at 16:00.
    assert due - start == timedelta(days=(due - start).days)


@settings(max_examples=200, deadline=None)
@given(moments, st.integers(min_value=1, max_value=10))
def test_one_more_working_day_is_never_earlier(start, days):
    assert add_working_days(start, days + 1) > add_working_days(start, days)


def test_kings_day_and_christmas_do_not_count():
    from zoneinfo import ZoneInfo

    ams = ZoneInfo("Europe/Amsterdam")
    # Friday 24 April 2026, 10:00: Monday 27 April is King's Day, so two working days end Wednesday.
    assert add_working_days(datetime(2026, 4, 24, 10, tzinfo=ams), 2).date() == date(2026, 4, 29)
    # Thursday 24 December 2026: Christmas on Friday and Saturday, so one working day is Monday 28th.
    assert add_working_days(datetime(2026, 12, 24, 10, tzinfo=ams), 1).date() == date(2026, 12, 28)


ORDER = [ConsentGiver.PARENTS, ConsentGiver.CHILD_AND_PARENTS, ConsentGiver.YOUNG_PERSON]


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=0, max_value=30))
def test_who_gives_consent_only_moves_towards_the_young_person_with_age(a, b):
    younger, older = sorted((a, b))
    assert ORDER.index(consent_giver_for_age(younger)) <= ORDER.index(consent_giver_for_age(older))


@given(st.integers(min_value=0, max_value=30))
def test_the_law_s_ages_twelve_and_sixteen(age):
    giver = consent_giver_for_age(age)
    assert (giver == ConsentGiver.PARENTS) == (age < 12)
    assert (giver == ConsentGiver.YOUNG_PERSON) == (age >= 16)
