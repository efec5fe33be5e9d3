"""Roadmap lists, on the page and in the API: the number of queries does not grow with the rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from nik.core.factories import ProfessionalFactory
from nik.core.models import ApiToken
from nik.roadmap.models import Event, Milestone
from tests.queries import queries_of

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _rows(region, coordinator, start: int, count: int) -> None:
    for i in range(start, start + count):
        Milestone.objects.create(
            region=region,
            title=f"Mijlpaal {i}",
            result="Klaar",
            owner="Coördinator",
            owner_user=coordinator,
            start=date(2026, 1, 1),
            due=date(2026, 12, 1) + timedelta(days=i),
        )
        event = Event.objects.create(
            region=region,
            kind="network",
            title=f"Overleg {i}",
            starts_at=datetime(2026, 12, 1, 10, tzinfo=AMS) + timedelta(days=i),
            ends_at=datetime(2026, 12, 1, 12, tzinfo=AMS) + timedelta(days=i),
        )
        event.invitees.add(ProfessionalFactory(region=region))


@pytest.mark.parametrize(
    "path",
    [
        "/regions/{slug}/roadmap/milestones/",
        "/regions/{slug}/roadmap/events/",
        "/regions/{slug}/roadmap/",
        "/api/v1/regions/{slug}/milestones",
        "/api/v1/regions/{slug}/events",
    ],
)
def test_a_roadmap_list_makes_as_many_queries_for_twelve_rows_as_for_three(
    client, login, coordinator, region, path
):
    client = login(coordinator)
    headers = {"Authorization": f"Bearer {ApiToken.issue(coordinator)}"}
    url = path.format(slug=region.slug)
    _rows(region, coordinator, 0, 3)
    client.get(url, headers=headers)  # the first view seeds the ten steps and the indicators
    few = queries_of(lambda: client.get(url, headers=headers))
    _rows(region, coordinator, 3, 9)
    many = queries_of(lambda: client.get(url, headers=headers))
    assert many <= few, f"{url}: {few} queries for 3 rows, {many} for 12"
