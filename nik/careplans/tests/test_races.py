"""Plan decisions under two people at once: exactly one wins, the other is told (PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from nik.careplans import actions as plan_actions
from nik.careplans.content import PlanContent
from nik.careplans.models import CarePlanVersion, VersionStatus
from nik.core.models import AuditEvent
from nik.families.tests.test_races import _one_won
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_publishing_one_draft_twice_at_once_publishes_once(region, coordinator, family):
    draft = plan_actions.do_start_plan(
        family, content=PlanContent(plan_date=date(2026, 11, 1)), acting_user=coordinator
    )
    mine, theirs = (CarePlanVersion.objects.get(pk=draft.pk) for _ in range(2))
    first, second = race(
        lambda: plan_actions.do_publish(mine, acting_user=coordinator),
        lambda: plan_actions.do_publish(theirs, acting_user=coordinator),
    )
    _one_won(first, second)
    assert CarePlanVersion.objects.get(pk=draft.pk).status == VersionStatus.PUBLISHED
    assert AuditEvent.objects.filter(details__published=draft.number).count() == 1


def test_two_evaluations_at_once_make_one_draft(region, coordinator, family):
    draft = plan_actions.do_start_plan(
        family, content=PlanContent(plan_date=date(2026, 11, 1)), acting_user=coordinator
    )
    plan_actions.do_publish(draft, acting_user=coordinator)
    plan = draft.plan
    first, second = race(
        lambda: plan_actions.do_start_evaluation(plan, acting_user=coordinator),
        lambda: plan_actions.do_start_evaluation(plan, acting_user=coordinator),
    )
    assert first.pk == second.pk
    assert CarePlanVersion.objects.filter(status=VersionStatus.DRAFT).count() == 1
