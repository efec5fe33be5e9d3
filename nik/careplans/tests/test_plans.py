"""The plan: versions, conflicts, clocks, bad input, the family's wishes, GIZ, the printed PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from nik.careplans import actions
from nik.careplans.content import PlanContent
from nik.careplans.models import (
    CarePlan,
    CarePlanVersion,
    NeedsAssessment,
    PlanClock,
    clock_text,
    plan_clock,
)
from nik.careplans.tests.helpers import answers
from nik.core.models import AuditEvent
from nik.directory.tests.test_formats import two_services
from nik.families.models import Child

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(family):
    return Child.objects.create(
        family=family,
        first_name="Sam",
        last_name="Jansen",
        date_of_birth=date(2017, 4, 12),
        diagnosed_on=timezone.localdate() - timedelta(weeks=10),
    )


@pytest.fixture
def draft(family, child, coordinator):
    return actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )


def url(family, rest: str = "") -> str:
    return f"/families/{family.pk}/plan/{rest}"


def test_start_edit_publish_and_evaluate_keeps_every_version(
    client, login, coordinator, family, child
):
    client = login(coordinator)
    client.post(url(family, "start/"))
    version = CarePlanVersion.objects.get()
    response = client.post(
        url(family, "edit/acute/"),
        {
            "version": version.version,
            "acute_what_to_do": "Bel 112",
            "acute_whom_to_call": "KCT",
            "acute_tell_ambulance": "",
        },
    )
    assert response.status_code == 302
    client.post(url(family, "publish/"), answers(summary="Eerste plan"))
    client.post(url(family, "evaluate/"))
    draft = CarePlan.objects.get().draft()
    assert draft.number == 2 and draft.data.acute_what_to_do == "Bel 112"
    client.post(
        url(family, "edit/acute/"),
        {
            "version": draft.version,
            "acute_what_to_do": "Bel 112 en daarna de casemanager",
            "acute_whom_to_call": "KCT",
            "acute_tell_ambulance": "",
        },
    )
    client.post(url(family, "publish/"), answers())
    versions = {v.number: v for v in CarePlanVersion.objects.all()}
    assert versions[1].status == "superseded" and versions[1].data.acute_what_to_do == "Bel 112"
    assert (
        versions[2].status == "published"
        and versions[2].data.acute_what_to_do == "Bel 112 en daarna de casemanager"
    )
    compare = client.get(url(family, "compare/?a=1&b=2"))
    assert "Bel 112 en daarna de casemanager" in compare.text
    assert (
        AuditEvent.objects.filter(
            subject_family_id=family.pk, object_type="careplans.careplanversion", action="update"
        ).count()
        >= 4
    )


def test_the_second_of_two_editors_gets_a_conflict_not_an_overwrite(
    client, login, coordinator, casemanager, family, draft
):
    family.casemanager = casemanager
    family.save()
    opened_by_both = draft.version
    first = login(coordinator).post(
        url(family, "edit/general/"),
        {"version": opened_by_both, "situation": "Versie van de coördinator", "allergies": ""},
    )
    assert first.status_code == 302
    client.logout()
    second = login(casemanager).post(
        url(family, "edit/general/"),
        {
            "version": opened_by_both,
            "situation": "Versie van de casemanager",
            "allergies": "pinda",
        },
    )
    assert second.status_code == 409
    assert "situation" in second.text
    assert CarePlanVersion.objects.get().data.situation == "Versie van de coördinator"


def test_a_goal_without_a_target_and_an_action_without_an_owner_are_refused(
    client, login, coordinator, family, draft
):
    response = login(coordinator).post(
        url(family, "edit/domain-physical/"),
        {
            "version": draft.version,
            "situation": "",
            "strengths": "",
            "needs": "",
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "0",
            "goals-0-text": "Goed slapen",
            "goals-0-target": "",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-what": "Pijnschema",
            "actions-0-who": "",
            "actions-0-status": "planned",
        },
    )
    assert response.status_code == 200
    assert "doel heeft een streefpunt nodig" in response.text
    assert "eigenaar" in response.text
    assert CarePlanVersion.objects.get().data.domains == []


def test_an_evaluation_date_before_the_plan_date_is_refused(
    client, login, coordinator, family, draft
):
    response = login(coordinator).post(
        url(family, "edit/plan/"),
        {"version": draft.version, "plan_date": "2026-10-01", "next_evaluation_on": "2026-09-01"},
    )
    assert response.status_code == 200
    assert "evaluatiedatum ligt vóór de plandatum" in response.text
    assert CarePlanVersion.objects.get().data.next_evaluation_on is None


def test_clocks_missing_due_and_late(family, child, coordinator):
    today = timezone.localdate()
    family.created_at = timezone.now() - timedelta(weeks=20)  # in the network for months
    assert plan_clock(family, None, today - timedelta(weeks=4), today) == PlanClock.MISSING
    assert plan_clock(family, None, today - timedelta(weeks=9), today) == PlanClock.MISSING_LATE
    version = actions.do_start_plan(
        family,
        content=PlanContent(
            plan_date=today - timedelta(days=60), next_evaluation_on=today + timedelta(days=7)
        ),
        acting_user=coordinator,
    )
    actions.do_publish(version, acting_user=coordinator)
    version.refresh_from_db()
    assert plan_clock(family, version, None, today) == PlanClock.DUE
    assert plan_clock(family, version, None, today + timedelta(days=8)) == PlanClock.LATE
    # Further off, it is on schedule only once it has been discussed with the parents.
    assert plan_clock(family, version, None, today - timedelta(days=30)) == PlanClock.NOT_DISCUSSED
    version.content = {**version.content, "discussed_with_parents_on": today.isoformat()}
    assert plan_clock(family, version, None, today - timedelta(days=30)) == PlanClock.OK
    assert clock_text(family, version, None, today) == (
        f"evaluatie op {date_format(today + timedelta(days=7), 'j F Y')} (over 7 dagen)"
    )


def test_the_8_weeks_count_from_entering_when_the_diagnosis_is_older(family, child, coordinator):
    """A family accepted today with a diagnosis from 2023 is not 'more than 8 weeks' late."""
    today = timezone.localdate()
    diagnosed = date(2023, 5, 1)
    assert plan_clock(family, None, diagnosed, today) == PlanClock.MISSING
    due = date_format(today + timedelta(weeks=8), "j F Y")
    assert (
        clock_text(family, None, diagnosed, today)
        == f"nog geen plan; nodig vóór {due} (nog 56 dagen)"
    )
    later = today + timedelta(weeks=8, days=1)
    assert plan_clock(family, None, diagnosed, later) == PlanClock.MISSING_LATE
    assert (
        clock_text(family, None, diagnosed, later)
        == f"geen plan; het was nodig vóór {due} (1 dag geleden)"
    )


def test_without_an_evaluation_date_the_plan_is_not_on_schedule(family, child, coordinator):
    today = timezone.localdate()
    version = actions.do_start_plan(
        family, content=PlanContent(plan_date=today), acting_user=coordinator
    )
    actions.do_publish(version, acting_user=coordinator)
    version.refresh_from_db()
    assert plan_clock(family, version, None, today) == PlanClock.NO_DATE
    assert clock_text(family, version, None, today) == "geen evaluatiedatum afgesproken"


def test_the_casemanager_start_page_lists_late_plans(client, login, casemanager, family, child):
    family.casemanager = casemanager
    family.save()
    # In the network for 20 weeks, diagnosed 10 weeks ago: the plan was due 2 weeks ago.
    type(family).objects.filter(pk=family.pk).update(
        created_at=timezone.now() - timedelta(weeks=20)
    )
    page = login(casemanager).get("/")
    due = date_format(child.diagnosed_on + timedelta(weeks=8), "j F Y")
    assert f"geen plan; het was nodig vóór {due} (14 dagen geleden)" in page.text


def test_the_parent_writes_the_wishes_in_the_portal(
    client, login, coordinator, parent, family, draft
):
    page = login(parent).get(url(family))
    assert "Jullie wensen" in page.text or "Je wensen" in page.text
    response = client.post(
        url(family, "wishes/"), {"wishes": "Thuis zijn met Kerst", "version": draft.version}
    )
    assert response.status_code == 302
    data = CarePlanVersion.objects.get().data
    assert data.wishes == "Thuis zijn met Kerst"
    assert (
        data.wishes_approved_by == parent.get_full_name()
        and data.wishes_approved_on == timezone.localdate()
    )


def test_a_parent_cannot_edit_other_parts(client, login, parent, family, draft):
    assert (
        login(parent).post(url(family, "edit/acute/"), {"version": draft.version}).status_code
        == 403
    )


def test_team_member_needs_care_plan_consent(
    client, login, region, coordinator, member, family, draft
):
    from nik.core.factories import OrganizationFactory, ProfessionalFactory
    from nik.families.models import CareTeamMember, Consent

    org = OrganizationFactory(region=region)
    CareTeamMember.objects.create(
        family=family, professional=ProfessionalFactory(organization=org, user=member), role="gp"
    )
    Consent.objects.create(family=family, organization=org, scope="basic", given_by="parents")
    client = login(member)
    assert client.get(f"/families/{family.pk}/").status_code == 200
    assert client.get(url(family)).status_code == 404
    Consent.objects.create(family=family, organization=org, scope="care_plan", given_by="parents")
    assert client.get(url(family)).status_code == 200


def test_giz_outcomes_feed_the_plan(client, login, coordinator, family, draft):
    client = login(coordinator)
    response = client.post(
        f"/families/{family.pk}/assessments/",
        {
            "variant": "extended",
            "held_on": "2026-11-01",
            "participants": "Ouders, casemanager",
            "child_concerns": "Slaapt slecht",
            "parents_concerns": "Ouders zijn uitgeput",
            "surroundings_strengths": "Opa en oma dichtbij",
            "nature": "Rust en zorg thuis",
            "severity": "high",
            "urgency": "medium",
        },
    )
    assert response.status_code == 302
    item = NeedsAssessment.objects.get()
    client.post(f"/families/{family.pk}/assessments/{item.pk}/use/")
    data = CarePlanVersion.objects.get().data
    assert "Slaapt slecht" in data.domain("physical").needs
    assert "Ouders zijn uitgeput" in data.domain("family").needs
    assert "Opa en oma dichtbij" in data.domain("social").strengths


def test_the_pdf_starts_with_the_acute_page_and_carries_date_and_version(
    client, login, coordinator, parent, family, draft
):
    content = draft.data
    content.acute_what_to_do = "Bel 112 bij benauwdheid"
    actions.do_save_draft(
        draft, content=content, seen_version=draft.version, acting_user=coordinator
    )
    actions.do_publish(CarePlanVersion.objects.get(), acting_user=coordinator)
    response = login(parent).get(url(family, "1.pdf"))
    assert response["Content-Type"] == "application/pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]
    assert "Bij een acute situatie" in pages[0] and "Bel 112 bij benauwdheid" in pages[0]
    assert "Wensen" not in pages[0]
    for page in pages:
        assert "versie 1" in page and "Afgedrukt" in page
    assert "palliatie" not in " ".join(pages).lower()
    assert AuditEvent.objects.filter(action="print", subject_family_id=family.pk).exists()


def test_an_answer_and_a_plan_action_link_wegwijzer_services(
    client, login, coordinator, region, family
):
    services = two_services(region)
    from datetime import date

    from nik.careplans import actions as plan_actions
    from nik.careplans.content import PlanContent
    from nik.careplans.models import CarePlanVersion
    from nik.families.models import Child, Inquiry

    inquiry = Inquiry.objects.create(
        region=region, topic="respite", question="Logeerhuis?", name="Eva", phone="06-1"
    )
    client = login(coordinator)
    client.post(
        f"/regions/{region.slug}/inquiries/{inquiry.pk}/",
        {"answer": "Kijk hier", "way": "draft", "services": [services[0].pk]},
    )
    assert list(inquiry.services.all()) == [services[0]]
    page = client.get(f"/regions/{region.slug}/inquiries/{inquiry.pk}/")
    assert f"/wegwijzer/services/{services[0].pk}/" in page.text

    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2018, 1, 1)
    )
    draft = plan_actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )
    client.post(
        f"/families/{family.pk}/plan/edit/domain-family/",
        {
            "version": draft.version,
            "situation": "",
            "strengths": "",
            "needs": "Rust",
            "goals-TOTAL_FORMS": "0",
            "goals-INITIAL_FORMS": "0",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-what": "Logeerhuis aanvragen",
            "actions-0-who": "Casemanager",
            "actions-0-status": "planned",
            "actions-0-service": str(services[0].pk),
        },
    )
    action = CarePlanVersion.objects.get().data.domain("family").actions[0]
    assert action.service == str(services[0].pk)
    assert (
        f"/wegwijzer/services/{services[0].pk}/" in client.get(f"/families/{family.pk}/plan/").text
    )
