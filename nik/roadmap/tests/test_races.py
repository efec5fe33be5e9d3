"""Steering decisions under two people at once: one wins, the other is told (PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from nik.core.factories import person
from nik.core.models import AuditEvent, Role
from nik.roadmap import actions
from nik.roadmap.models import PlanOfApproach, PlanStatus, Proposal, ProposalStatus
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_steering_members_approving_at_once_approve_once(region, coordinator):
    chair = person(region, Role.STEERING, "voorzitter@nik.test")
    member = person(region, Role.STEERING, "lid-stuurgroep@nik.test")
    plan = actions.do_new_plan_version(region, acting_user=coordinator)
    actions.do_mark_discussed(plan, acting_user=coordinator)
    mine, theirs = (PlanOfApproach.objects.get(pk=plan.pk) for _ in range(2))

    first, second = race(
        lambda: actions.do_approve_plan(mine, acting_user=chair),
        lambda: actions.do_approve_plan(theirs, acting_user=member),
    )
    assert isinstance(first, PlanOfApproach)
    assert isinstance(second, actions.PlanNotReady)
    stored = PlanOfApproach.objects.get(pk=plan.pk)
    assert (stored.status, stored.approved_by) == (PlanStatus.APPROVED, chair)
    assert AuditEvent.objects.filter(details__status="approved").count() == 1


def test_a_proposal_adopted_and_declined_at_once_keeps_one_decision(region):
    chair = person(region, Role.STEERING, "voorzitter@nik.test")
    member = person(region, Role.STEERING, "lid-stuurgroep@nik.test")
    proposal = Proposal.objects.create(region=region, title="t", lesson="l", proposal="p")
    mine, theirs = (Proposal.objects.get(pk=proposal.pk) for _ in range(2))

    first, second = race(
        lambda: actions.do_decide_proposal(
            mine, discussed_on=date(2026, 11, 1), adopted=True, decision="Ja", acting_user=chair
        ),
        lambda: actions.do_decide_proposal(
            theirs,
            discussed_on=date(2026, 11, 1),
            adopted=False,
            decision="Nee",
            acting_user=member,
        ),
    )
    assert isinstance(first, Proposal)
    assert isinstance(second, ValidationError)
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.ADOPTED
