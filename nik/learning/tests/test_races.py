"""Two people taking the last place at once: one place, one spot on the waiting list (PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.learning import actions
from nik.learning.models import Course, CourseKind, Enrolment, Session
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_last_place_goes_to_one_of_two_at_once(region, coordinator):
    course = Course.objects.create(title="Basiscursus", kind=CourseKind.COURSE, provider="KC")
    start = timezone.now() + timedelta(days=7)
    session = Session.objects.create(
        course=course,
        region=region,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        capacity=1,
    )
    organization = OrganizationFactory(region=region)
    a, b = (ProfessionalFactory(region=region, organization=organization) for _ in range(2))
    mine, theirs = (Session.objects.get(pk=session.pk) for _ in range(2))

    first, second = race(
        lambda: actions.do_enrol(mine, a, acting_user=coordinator),
        lambda: actions.do_enrol(theirs, b, acting_user=coordinator),
    )
    assert (first.status, second.status) == ("enrolled", "waiting")
    assert Enrolment.objects.filter(status="enrolled").count() == 1
