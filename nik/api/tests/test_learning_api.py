"""Training over the API: scoped to the caller's regions, paged, the caller's own enrolments."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.api.tests.test_network_api import get, token_for
from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.learning.models import Course, CourseKind, Enrolment, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(region):
    basic = Course.objects.create(
        title="Basiscursus", kind=CourseKind.COURSE, provider="KC", basic=True
    )
    start = timezone.now() + timedelta(days=5)
    return Session.objects.create(
        course=basic, region=region, starts_at=start, ends_at=start + timedelta(hours=6), capacity=2
    )


def test_courses_sessions_coverage_and_my_enrolments(client, member, region, held, capsys):
    org = OrganizationFactory(region=region)
    mine = ProfessionalFactory(region=region, organization=org, user=member)
    other = ProfessionalFactory(region=region, organization=org)
    Enrolment.objects.create(session=held, professional=mine, status="attended")
    Enrolment.objects.create(session=held, professional=other)
    token = token_for(member, capsys)
    courses = get(client, f"/api/v1/regions/{region.slug}/courses", token).json()
    assert courses["items"][0] | {"hours": None} == {
        "id": held.course.pk,
        "title": "Basiscursus",
        "kind": "course",
        "provider": "KC",
        "hours": None,
        "points": 0,
        "basic": True,
        "national": True,
    }
    [session] = get(client, f"/api/v1/regions/{region.slug}/sessions", token).json()["items"]
    assert (session["taken"], session["capacity"], session["waiting"]) == (2, 2, 0)
    coverage = get(client, f"/api/v1/regions/{region.slug}/coverage", token).json()
    assert (coverage["done"], coverage["total"], coverage["share"]) == (1, 2, 50)
    [own] = get(client, "/api/v1/me/enrolments", token).json()["items"]
    assert (own["course"], own["status"], own["region"]) == ("Basiscursus", "attended", region.slug)


def test_another_region_is_404(client, other_coordinator, region, held, capsys):
    token = token_for(other_coordinator, capsys)
    for part in ("courses", "sessions", "coverage"):
        assert get(client, f"/api/v1/regions/{region.slug}/{part}", token).status_code == 404


def test_sessions_query_count_does_not_grow(
    client, coordinator, region, held, capsys, django_assert_max_num_queries
):
    token = token_for(coordinator, capsys)
    get(client, f"/api/v1/regions/{region.slug}/sessions", token)
    with django_assert_max_num_queries(10) as few:
        get(client, f"/api/v1/regions/{region.slug}/sessions", token)
    for day in range(6, 16):
        start = timezone.now() + timedelta(days=day)
        Session.objects.create(
            course=held.course,
            region=region,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=3,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        get(client, f"/api/v1/regions/{region.slug}/sessions", token)
