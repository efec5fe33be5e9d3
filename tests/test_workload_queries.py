"""Every URL of the load benchmark's workload (bench/load.py) makes as many queries for a big
family in a big region as for a small one. (The lists, the start page and the wegwijzer search
have their own pins: nik/families/tests/test_query_counts.py, nik/directory/tests/test_search.py.)
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nik.careplans import actions as plan_actions
from nik.careplans.content import PlanContent
from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.core.models import ApiToken
from nik.families import actions
from nik.families.factories import FamilyFactory
from nik.families.models import CareTeamMember, Child

pytestmark = pytest.mark.django_db


def _grow(region, family, coordinator, n: int) -> None:
    """``n`` more of everything a family and its region have: team, consents, plan versions,
    other families, professionals."""
    for _ in range(n):
        organisation = OrganizationFactory(region=region)
        CareTeamMember.objects.create(
            family=family,
            professional=ProfessionalFactory(organization=organisation),
            role="home_care",
        )
        for scope in ("basic", "care_plan"):
            actions.do_give_consent(
                family,
                organization=organisation,
                scope=scope,
                given_by="parents",
                given_by_names="Eva Jansen",
                method="written",
                ends_on=None,
                acting_user=coordinator,
            )
        FamilyFactory(region=region)
        plan = family.care_plan
        draft = plan_actions.do_start_evaluation(plan, acting_user=coordinator)
        plan_actions.do_publish(draft, acting_user=coordinator, summary="Evaluatie")


@pytest.fixture
def planned(region, coordinator, family):
    Child.objects.create(
        family=family, first_name="Sam", last_name="Jansen", date_of_birth=date(2018, 5, 1)
    )
    first = plan_actions.do_start_plan(
        family, content=PlanContent(plan_date=timezone.localdate()), acting_user=coordinator
    )
    plan_actions.do_publish(first, acting_user=coordinator, summary="Eerste plan")
    _grow(region, family, coordinator, 1)
    return family


def _count(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = call()
    assert response.status_code in (200, 201, 302), response.content[:500]
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "path", ["/families/{pk}/", "/families/{pk}/plan/", "/fhir/r4/Patient/{pk}/$everything"]
)
def test_a_family_page_does_not_grow_with_the_family(
    client, login, region, coordinator, planned, path
):
    client = login(coordinator)
    headers = {"Authorization": f"Bearer {ApiToken.issue(coordinator)}"}
    url = path.format(pk=planned.pk)
    few = _count(lambda: client.get(url, headers=headers))
    _grow(region, planned, coordinator, 6)
    many = _count(lambda: client.get(url, headers=headers))
    assert many <= few, f"{url}: {few} queries for a small family, {many} for a big one"


def test_saving_a_plan_draft_does_not_grow_with_the_family(
    client, login, region, coordinator, planned
):
    client = login(coordinator)

    def save() -> int:
        draft = plan_actions.do_start_evaluation(planned.care_plan, acting_user=coordinator)
        form = {
            "version": draft.version,
            "situation": "",
            "strengths": "",
            "needs": "Rust",
            "goals-TOTAL_FORMS": "0",
            "goals-INITIAL_FORMS": "0",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        }
        url = f"/families/{planned.pk}/plan/edit/domain-family/"
        counted = _count(lambda: client.post(url, form))
        plan_actions.do_publish(draft, acting_user=coordinator, summary="Klaar")
        return counted

    few = save()
    _grow(region, planned, coordinator, 6)
    assert save() <= few


def test_an_api_referral_does_not_grow_with_the_region(client, region, coordinator, planned):
    headers = {"Authorization": f"Bearer {ApiToken.issue(coordinator)}"}

    def refer(n: int) -> int:
        body = {
            "region": region.slug,
            "child": {
                "first_name": f"Kind{n}",
                "last_name": "Bench",
                "date_of_birth": "2019-03-0" + str(n),
            },
            "guardian_name": "Ouder",
            "guardian_phone": "06-1",
            "source": "gp",
            "referrer_name": "Huisarts",
            "question": "Hulp thuis",
            "consent_to_share": True,
        }
        return _count(
            lambda: client.post(
                "/api/v1/referrals", body, content_type="application/json", headers=headers
            )
        )

    few = refer(1)
    _grow(region, planned, coordinator, 6)
    assert refer(2) <= few
