"""The families' start-page panels: what they show, and queries that do not grow with the rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from nik.core import audit
from nik.families import panels
from nik.families.factories import FamilyFactory
from nik.families.models import Inquiry, Referral
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db


def _referrals(region, count: int) -> None:
    for family in FamilyFactory.create_batch(count, region=region):
        Referral.objects.create(region=region, family=family, source="umc", consent_to_share=True)


def test_the_intake_panel_does_not_grow_with_the_referrals(region, coordinator):
    _referrals(region, 2)
    few, html = panel_queries("families.intake", coordinator)
    assert html.count("Gezin ") == 2
    _referrals(region, 12)
    many, html = panel_queries("families.intake", coordinator)
    assert html.count("Gezin ") == 14
    assert many == few


def test_the_intake_panel_counts_open_questions_up_to_a_bound(region, coordinator, monkeypatch):
    def ask(count: int, **extra) -> None:
        for n in range(count):
            Inquiry.objects.create(
                region=region, topic="school", question="School?", name=f"Ouder {n}", **extra
            )

    ask(2)
    ask(1, status="answered")
    with translation.override("nl"):
        few, html = panel_queries("families.intake", coordinator)
    assert "2 open vragen" in html
    # Tens of thousands are not counted on every visit: past the bound, "or more".
    monkeypatch.setattr(panels, "QUESTIONS_COUNTED", 3)
    ask(5)
    with translation.override("nl"):
        many, html = panel_queries("families.intake", coordinator)
    assert "3 of meer open vragen" in html and "7 open" not in html
    with translation.override("en"):
        _same, html = panel_queries("families.intake", coordinator)
    assert "3 or more open questions" in html
    assert many == few
    # Counted without sorting them first (a sort of all open questions took 4 × the count).
    with CaptureQueriesContext(connection) as captured:
        panels._intake_of(region, coordinator)
    (counting,) = [q["sql"] for q in captured if "families_inquiry" in q["sql"]]
    assert "COUNT(*)" in counting and "LIMIT 3" in counting and "ORDER BY" not in counting


def test_the_intake_panel_is_for_the_coordinator_only(region, coordinator, member, steering):
    from nik.core.panels import Viewer, panel

    found = panel("families.intake")
    assert found.fits(Viewer.of(coordinator))
    assert not found.fits(Viewer.of(member)) and not found.fits(Viewer.of(steering))


def test_the_own_family_panel_shows_and_logs_only_the_parents_family(region, parent, family):
    FamilyFactory.create_batch(3, region=region)
    few, html = panel_queries("families.own_family", parent)
    assert family.name in html and html.count("/families/") == 1
    assert audit.about_family(family.pk).filter(user=parent).exists()
    FamilyFactory.create_batch(10, region=region)
    many, _html = panel_queries("families.own_family", parent)
    assert many == few


def test_the_family_count_comes_from_the_cache_and_follows_a_new_family(
    region, coordinator, family
):
    _first, html = panel_queries("families.count", coordinator, region)
    assert "<dd>1</dd>" in html
    count, html = panel_queries("families.count", coordinator, region)
    assert count == 1 and "<dd>1</dd>" in html  # one read of the shared cache
    FamilyFactory(region=region)
    _again, html = panel_queries("families.count", coordinator, region)
    assert "<dd>2</dd>" in html
