"""The referral list's figures: where referrals came from and why some were not accepted, over
the last twelve months, added up from day tallies that every saved referral keeps exact."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nik.families import actions
from nik.families.figures import recount_referrals, referral_figures
from nik.families.models import Family, Referral, ReferralTally
from nik.families.tests.test_families import _referral

pytestmark = pytest.mark.django_db


def _refer(region, coordinator, n: int, source: str) -> Referral:
    """A referral of another child each time (the same child twice is a duplicate)."""
    born = date(2015, 1, 1) + timedelta(n)
    return _referral(region, coordinator, source, first_name=f"Kind{n}", date_of_birth=born)


def _counted_directly(region) -> dict[str, Counter]:
    since = timezone.localdate() - timedelta(days=364)
    recent = [
        r
        for r in Referral.objects.filter(region=region)
        if timezone.localdate(r.received_at) >= since
    ]
    return {
        "source": Counter(r.get_source_display() for r in recent),
        "decline_reason": Counter(
            r.get_decline_reason_display() for r in recent if r.decline_reason
        ),
    }


def _shown(region) -> dict[str, Counter]:
    return {field: Counter(dict(rows)) for field, rows in referral_figures(region).items()}


def test_the_figures_follow_every_referral_made_declined_and_removed(
    region, other_region, coordinator, other_coordinator
):
    made = [
        _refer(region, coordinator, i, source)
        for i, source in enumerate(["gp", "gp", "umc", "parents", "gp"])
    ]
    _refer(other_region, other_coordinator, 9, "umc")  # another region's counts stay apart
    assert _shown(region) == _counted_directly(region)
    assert sum(_shown(region)["source"].values()) == 5
    actions.do_decline_referral(made[0], acting_user=coordinator, reason="region", note="")
    actions.do_decline_referral(made[2], acting_user=coordinator, reason="family", note="")
    assert _shown(region) == _counted_directly(region)
    assert sum(_shown(region)["decline_reason"].values()) == 2
    Family.objects.filter(pk=made[1].family_id).delete()  # a family erased with its referral
    assert _shown(region) == _counted_directly(region)
    assert sum(_shown(region)["source"].values()) == 4


def test_a_referral_older_than_a_year_is_not_counted(region, coordinator):
    old = _refer(region, coordinator, 1, "gp")
    old.received_at = timezone.now() - timedelta(days=400)
    old.save()  # moved to another day: both days are counted again
    assert sum(_shown(region)["source"].values()) == 0
    _refer(region, coordinator, 2, "umc")
    assert sum(_shown(region)["source"].values()) == 1
    assert _shown(region) == _counted_directly(region)


def test_writes_around_the_signals_are_counted_again_by_the_recount(region, coordinator):
    _refer(region, coordinator, 1, "gp")
    ReferralTally.objects.all().delete()  # as a bulk write that sent no signal leaves it
    assert sum(_shown(region)["source"].values()) == 0
    recount_referrals([region.pk])
    assert _shown(region) == _counted_directly(region)


def test_reading_the_figures_does_not_grow_with_the_referrals(region, coordinator):
    _refer(region, coordinator, 1, "gp")
    with CaptureQueriesContext(connection) as few:
        referral_figures(region)
    for i in range(2, 12):
        _refer(region, coordinator, i, ["gp", "umc", "home_care"][i % 3])
    with CaptureQueriesContext(connection) as many:
        referral_figures(region)
    assert len(few) == len(many) == 1
