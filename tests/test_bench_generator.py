"""The benchmark's data generator runs (so it cannot rot) and gives the same 1k set every time."""

from __future__ import annotations

import pytest
from django.db import transaction

from bench import generate as bench
from nik.core import audit
from nik.core.models import Region
from nik.directory.models import Category
from nik.directory.selectors import find
from nik.families import access as family_access
from nik.families.models import Family

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _generate_and_fingerprint() -> tuple[bench.Counts, str]:
    try:
        with transaction.atomic():
            counts = bench.generate(1000)
            raise _Rollback((counts, bench.fingerprint()))
    except _Rollback as done:
        return done.args[0]


def test_the_1k_set_is_deterministic_and_complete():
    counts, first = _generate_and_fingerprint()
    assert (counts.families, counts.audit_events) == (1000, 3000)
    assert counts.professionals == round(1000 * bench.PROFESSIONALS_PER_FAMILY)
    assert counts.services == bench.SERVICES_PER_REGION
    _again, second = _generate_and_fingerprint()
    assert first == second


def test_the_generated_families_are_whole_and_their_history_verifies():
    bench.generate(200, regions=2)
    family = Family.objects.order_by("pk").first()
    assert family.child and family.guardians.count() == 2
    assert family.consents.count() == 4 and family.team.count() == 2
    assert family.referrals.get().first_contact_at is not None
    assert family.care_plan.published() is not None
    # The coordinator of the family's region sees it through the door; the other region's does not.
    coordinator = (
        family.casemanager.memberships.get().region.memberships.get(role="coordinator").user
    )
    assert family_access.visible_families(coordinator).filter(pk=family.pk).exists()
    assert family_access.visible_families(coordinator).count() == 100
    # Written with bulk_create (no signals), yet the regions' tallies give the door's count.
    assert family_access.count_visible(coordinator) == 100
    checked, breaks = audit.verify_chain()
    assert breaks == [] and checked == 600


def test_the_generated_wegwijzer_answers_the_load_benchmarks_search():
    """The load benchmark searches for home nursing near Leiden: the generated services must be
    found by that search, through the search index, closest first."""
    bench.generate(100)
    region = Region.objects.get(slug="holland-rijnland")
    assert region.services.count() == bench.SERVICES_PER_REGION
    found, point, problem = find({"q": "thuiszorg", "near": "Leiden", "age": 6}, region)
    shown = list(found[:20])
    assert problem == "" and point is not None
    # Found by its kind (the synonym) or by the word in its text, and some by each.
    assert all(
        s.category == Category.HOME_NURSING or "thuiszorg" in f"{s.name} {s.description}".lower()
        for s in shown
    )
    assert {s.category == Category.HOME_NURSING for s in shown} == {True, False}
    assert all(s.age_min <= 6 <= s.age_max for s in shown)
    distances = [s.distance2 for s in shown]
    assert distances == sorted(distances)
