"""The roadmap's start-page panels: what they show, and queries that do not grow with the rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nik.roadmap.models import ActionItem, Agreement, Event, Milestone, PlanOfApproach, Proposal
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(
        datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield


AMS = ZoneInfo("Europe/Amsterdam")


def _work(region, owner, start: int, count: int) -> None:
    for i in range(start, start + count):
        Milestone.objects.create(
            region=region,
            title=f"Mijlpaal {i}",
            owner_user=owner,
            start=date(2026, 1, 1),
            due=date(2026, 11, 26),
        )
        event = Event.objects.create(
            region=region,
            kind="network",
            title=f"Overleg {i}",
            starts_at=datetime(2026, 11, 1, 10, tzinfo=AMS) + timedelta(hours=i),
            ends_at=datetime(2026, 11, 1, 12, tzinfo=AMS) + timedelta(hours=i),
        )
        ActionItem.objects.create(
            event=event, what=f"Taak {i}", owner=owner, due=date(2026, 11, 27)
        )


@pytest.mark.parametrize(
    ("name", "marker"),
    [("roadmap.my_milestones", "Mijlpaal "), ("roadmap.my_actions", "afvinken")],
)
def test_own_work_panels_do_not_grow_with_the_rows(region, coordinator, name, marker):
    _work(region, coordinator, 0, 2)
    few, html = panel_queries(name, coordinator)
    assert html.count(marker) == 2
    _work(region, coordinator, 2, 10)
    many, html = panel_queries(name, coordinator)
    assert html.count(marker) == 12
    assert many == few


def test_the_steering_panel_does_not_grow_with_the_proposals(region, steering):
    PlanOfApproach.objects.create(region=region, number=1, status="discussed", goal="Doel")
    Proposal.objects.create(region=region, title="t", lesson="l", proposal="p")
    few, html = panel_queries("roadmap.for_steering", steering)
    assert "1 voorstel" in html
    for i in range(10):
        Proposal.objects.create(region=region, title=f"t{i}", lesson="l", proposal="p")
    many, html = panel_queries("roadmap.for_steering", steering)
    assert "11 voorstellen" in html and many == few


def test_the_reviews_panel_shows_what_is_due(region, other_region, coordinator):
    Agreement.objects.create(region=region, next_review=date(2026, 11, 20))
    Agreement.objects.create(region=other_region, next_review=date(2026, 11, 20))
    count, html = panel_queries("roadmap.reviews_due", coordinator)
    assert count <= 2 and region.name in html and other_region.name not in html
    assert "te laat" in html


def test_the_steps_glance_is_one_query(region, coordinator):
    count, html = panel_queries("roadmap.steps", coordinator, region)
    assert count == 1 and "0 van 10 klaar" in html
