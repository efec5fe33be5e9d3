"""The care plans' start-page panel: the families a professional works with, by plan clock."""

from __future__ import annotations

import pytest

from nik.families.factories import FamilyFactory
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db


def test_my_families_does_not_grow_with_the_families(region, casemanager, coordinator):
    FamilyFactory.create_batch(2, region=region, casemanager=casemanager)
    FamilyFactory.create_batch(3, region=region)  # not theirs
    few, html = panel_queries("careplans.my_families", casemanager)
    assert html.count("/plan/") == 2
    FamilyFactory.create_batch(10, region=region, casemanager=casemanager)
    many, html = panel_queries("careplans.my_families", casemanager)
    assert html.count("/plan/") == 12
    assert many == few


def test_my_families_is_empty_for_a_member_on_no_team(region, member):
    FamilyFactory.create_batch(2, region=region)
    count, html = panel_queries("careplans.my_families", member)
    assert html == ""
