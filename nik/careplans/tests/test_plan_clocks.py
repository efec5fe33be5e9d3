"""Every plan clock, drawn where people see it: the start page of the case manager and of a team
member, and the plan page. A published plan "not yet discussed" once made the start page a 500 for
good; recording the discussion afterwards puts the plan back on schedule."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from nik.careplans import actions
from nik.careplans.content import PlanContent
from nik.careplans.models import URGENCY_RANK, CarePlanVersion, PlanClock, VersionStatus
from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.core.models import AuditEvent
from nik.families.factories import FamilyFactory
from nik.families.models import CareTeamMember, Child, Consent, Family

pytestmark = pytest.mark.django_db

# What each clock says on the page, in Dutch (the default language).
DUTCH = {
    PlanClock.MISSING: "nog geen plan; nodig vóór",
    PlanClock.MISSING_LATE: "geen plan; het was nodig vóór",
    PlanClock.DUE: "evaluatie op",
    PlanClock.LATE: "evaluatie was op",
    PlanClock.NO_DATE: "geen evaluatiedatum afgesproken",
    PlanClock.NOT_DISCUSSED: "vastgesteld, nog niet besproken met de ouders",
    PlanClock.OK: "op schema; volgende evaluatie op",
}


def test_every_clock_has_a_dutch_text_in_this_test():
    assert set(DUTCH) == set(PlanClock)
    assert set(URGENCY_RANK) == set(PlanClock)


def family_with_clock(clock: PlanClock, region, casemanager, name: str = "Gezin Bakker") -> Family:
    """A family of `casemanager` whose plan is in the state `clock`."""
    family = FamilyFactory(region=region, casemanager=casemanager, name=name)
    Child.objects.create(
        family=family, first_name="Noor", last_name="Bakker", date_of_birth="2018-03-02"
    )
    today = timezone.localdate()
    if clock in (PlanClock.MISSING, PlanClock.MISSING_LATE):
        if clock == PlanClock.MISSING_LATE:
            Family.objects.filter(pk=family.pk).update(
                created_at=timezone.now() - timedelta(weeks=10)
            )
        return family
    evaluate = {
        PlanClock.DUE: today + timedelta(days=7),
        PlanClock.LATE: today - timedelta(days=7),
        PlanClock.NO_DATE: None,
    }.get(clock, today + timedelta(days=90))
    discussed = None if clock == PlanClock.NOT_DISCUSSED else today - timedelta(days=3)
    version = actions.do_start_plan(
        family,
        content=PlanContent(
            plan_date=today - timedelta(days=30),
            next_evaluation_on=evaluate,
            discussed_with_parents_on=discussed,
        ),
        acting_user=casemanager,
    )
    actions.do_publish(version, acting_user=casemanager)
    return family


def on_team(family: Family, user, region) -> None:
    org = OrganizationFactory(region=region)
    CareTeamMember.objects.create(
        family=family, professional=ProfessionalFactory(organization=org, user=user), role="gp"
    )
    for scope in ("basic", "care_plan"):
        Consent.objects.create(family=family, organization=org, scope=scope, given_by="parents")


@pytest.mark.parametrize("clock", list(PlanClock))
def test_the_start_page_draws_every_plan_clock(clock, client, login, region, casemanager, member):
    family = family_with_clock(clock, region, casemanager)
    on_team(family, member, region)
    for user in (casemanager, member):
        client.logout()
        response = login(user).get("/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "Gezin Bakker" in html
        assert DUTCH[clock] in html


@pytest.mark.parametrize("clock", list(PlanClock))
def test_the_plan_page_draws_every_plan_clock(clock, client, login, region, casemanager):
    family = family_with_clock(clock, region, casemanager)
    response = login(casemanager).get(f"/families/{family.pk}/plan/")
    assert response.status_code == 200
    assert DUTCH[clock] in response.content.decode()


def test_the_start_page_puts_the_most_urgent_plans_first(client, login, region, casemanager):
    # Names in reverse alphabetical order of urgency, so the name cannot be what sorts them.
    clocks = list(PlanClock)
    for i, clock in enumerate(clocks):
        family_with_clock(clock, region, casemanager, name=f"Gezin {chr(ord('Z') - i)}")
    html = login(casemanager).get("/").content.decode()
    where = {clock: html.index(DUTCH[clock]) for clock in clocks}
    shown = sorted(clocks, key=lambda clock: where[clock])
    assert shown == [
        PlanClock.MISSING_LATE,
        PlanClock.LATE,
        PlanClock.DUE,
        PlanClock.NO_DATE,
        PlanClock.NOT_DISCUSSED,
        PlanClock.MISSING,
        PlanClock.OK,
    ]


@pytest.fixture
def not_discussed(region, casemanager) -> Family:
    return family_with_clock(PlanClock.NOT_DISCUSSED, region, casemanager)


def discussed_url(family: Family) -> str:
    return f"/families/{family.pk}/plan/discussed/"


def test_the_case_manager_records_afterwards_that_the_plan_was_discussed(
    client, login, casemanager, not_discussed
):
    client = login(casemanager)
    page = client.get(f"/families/{not_discussed.pk}/plan/").content.decode()
    assert "Besproken met de ouders?" in page
    day = timezone.localdate() - timedelta(days=1)
    response = client.post(discussed_url(not_discussed), {"discussion-discussed_on": day})
    assert response.status_code == 302
    version = CarePlanVersion.objects.get(plan__family=not_discussed)
    assert version.status == VersionStatus.PUBLISHED
    assert version.data.discussed_with_parents_on == day
    event = AuditEvent.objects.get(event="plan.discussion_recorded")
    assert event.subject_family_id == not_discussed.pk
    assert event.details["discussed_with_parents_on"] == [None, day.isoformat()]
    page = client.get(f"/families/{not_discussed.pk}/plan/").content.decode()
    assert "op schema; volgende evaluatie op" in page
    assert "Besproken met de ouders?" not in page  # nothing left to record
    assert DUTCH[PlanClock.OK] in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "Deze datum ligt in de toekomst."), (40, "voordat deze versie werd opgesteld")],
)
def test_a_discussion_date_in_the_future_or_before_the_plan_is_refused(
    days, message, client, login, casemanager, not_discussed
):
    client = login(casemanager)
    day = timezone.localdate() - timedelta(days=days)
    response = client.post(
        discussed_url(not_discussed), {"discussion-discussed_on": day}, follow=True
    )
    assert message in response.content.decode()
    version = CarePlanVersion.objects.get(plan__family=not_discussed)
    assert version.data.discussed_with_parents_on is None


def test_a_discussion_is_recorded_once(client, login, casemanager, not_discussed):
    client = login(casemanager)
    first = timezone.localdate() - timedelta(days=2)
    client.post(discussed_url(not_discussed), {"discussion-discussed_on": first})
    response = client.post(
        discussed_url(not_discussed), {"discussion-discussed_on": timezone.localdate()}, follow=True
    )
    assert "al gemarkeerd als besproken met de ouders" in response.content.decode()
    version = CarePlanVersion.objects.get(plan__family=not_discussed)
    assert version.data.discussed_with_parents_on == first
    assert AuditEvent.objects.filter(event="plan.discussion_recorded").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_recording_the_discussion_at_once_record_it_once(casemanager, not_discussed):
    version = CarePlanVersion.objects.get(plan__family=not_discussed)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def record(days: int) -> None:
        barrier.wait()
        try:
            actions.do_record_discussion(
                version,
                discussed_on=timezone.localdate() - timedelta(days=days),
                acting_user=casemanager,
            )
            results.append("recorded")
        except Exception as error:  # the second finds it recorded
            results.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(d,)) for d in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ValidationError", "recorded"]
    assert AuditEvent.objects.filter(event="plan.discussion_recorded").count() == 1


def test_who_may_not_record_the_discussion(
    client, login, region, member, steering, other_coordinator, not_discussed
):
    on_team(not_discussed, member, region)  # on the team, may read the plan, may not edit it
    day = {"discussion-discussed_on": timezone.localdate()}
    for user, status in [(member, 403), (steering, 404), (other_coordinator, 404)]:
        client.logout()
        assert login(user).post(discussed_url(not_discussed), day).status_code == status
    client.logout()
    assert login(member).get(discussed_url(not_discussed)).status_code == 405
    version = CarePlanVersion.objects.get(plan__family=not_discussed)
    assert version.data.discussed_with_parents_on is None


def test_a_forged_post_for_another_family_is_refused(
    client, login, casemanager, other_region, other_coordinator
):
    theirs = family_with_clock(
        PlanClock.NOT_DISCUSSED, other_region, other_coordinator, name="Gezin Elders"
    )
    response = login(casemanager).post(
        discussed_url(theirs), {"discussion-discussed_on": timezone.localdate()}
    )
    assert response.status_code == 404
    assert CarePlanVersion.objects.get(plan__family=theirs).data.discussed_with_parents_on is None


def test_within_a_clock_the_longest_overdue_plan_comes_first(client, login, region, casemanager):
    today = timezone.localdate()
    for name, days in [("Gezin Aa", 8), ("Gezin Bos", 31), ("Gezin Cats", 23)]:
        family = FamilyFactory(region=region, casemanager=casemanager, name=name)
        Child.objects.create(
            family=family, first_name="Kim", last_name="Aa", date_of_birth="2018-03-02"
        )
        version = actions.do_start_plan(
            family,
            content=PlanContent(
                plan_date=today - timedelta(days=60),
                next_evaluation_on=today - timedelta(days=days),
            ),
            acting_user=casemanager,
        )
        actions.do_publish(version, acting_user=casemanager)
    html = login(casemanager).get("/").content.decode()
    assert html.index("Gezin Bos") < html.index("Gezin Cats") < html.index("Gezin Aa")
