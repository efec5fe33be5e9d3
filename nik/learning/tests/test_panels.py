"""Learning's panels keep a fixed number of queries, however many rows there are."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.learning.models import (
    Course,
    CourseKind,
    Enrolment,
    PlannedTraining,
    Session,
    TrainingPlan,
)
from tests.queries import panel_queries

pytestmark = pytest.mark.django_db


def test_the_coverage_panel_does_not_grow_with_the_register(region, coordinator):
    basic = Course.objects.create(title="Basis", kind=CourseKind.COURSE, provider="KC", basic=True)
    start = timezone.now() - timedelta(days=30)
    held = Session.objects.create(
        course=basic,
        region=region,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        capacity=50,
    )
    org = OrganizationFactory(region=region)
    ProfessionalFactory(region=region, organization=org)
    few, html = panel_queries("learning.coverage", coordinator, region)
    for _ in range(12):
        person = ProfessionalFactory(region=region, organization=org)
        Enrolment.objects.create(session=held, professional=person, status="attended")
    many, html = panel_queries("learning.coverage", coordinator, region)
    assert many == few and "92%" in html  # 12 of 13


def test_the_plans_panel_does_not_grow_with_the_lines(region, other_region, steering):
    year = timezone.localdate().year
    plan = TrainingPlan.objects.create(region=region, year=year, number=1)
    PlannedTraining.objects.create(plan=plan, what="Basiscursus")
    few, html = panel_queries("learning.plans_to_approve", steering)
    assert "versie 1" in html
    PlannedTraining.objects.bulk_create(PlannedTraining(plan=plan, what=f"r{i}") for i in range(10))
    TrainingPlan.objects.create(region=other_region, year=year, number=1)  # not theirs
    many, html = panel_queries("learning.plans_to_approve", steering)
    assert many == few and html.count("<li") == 1
