"""The network API: scoped to the caller's regions, paged, and the all-or-nothing import."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nik.core.factories import OrganizationFactory, ProfessionalFactory
from nik.network.models import StakeholderAssessment
from nik.network.tests.test_stakeholder_import import sheet

pytestmark = pytest.mark.django_db


def token_for(user, capsys) -> str:
    call_command("api_token", user.email)
    return capsys.readouterr().out.strip()


@pytest.fixture
def orgs(region):
    return [OrganizationFactory(region=region, name=f"Organisatie {i:02}") for i in range(5)]


def get(client, path, token):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_organizations_are_listed_and_paged(client, coordinator, region, orgs, capsys):
    token = token_for(coordinator, capsys)
    body = get(client, f"/api/v1/regions/{region.slug}/organizations?limit=2", token).json()
    assert body["count"] == 5
    assert [o["name"] for o in body["items"]] == ["Organisatie 00", "Organisatie 01"]


def test_another_region_is_404(client, other_coordinator, region, orgs, capsys):
    token = token_for(other_coordinator, capsys)
    for part in ("organizations", "professionals", "stakeholders", "gaps"):
        assert get(client, f"/api/v1/regions/{region.slug}/{part}", token).status_code == 404


def test_professionals_query_count_does_not_grow(
    client, coordinator, region, orgs, capsys, django_assert_max_num_queries
):
    token = token_for(coordinator, capsys)
    ProfessionalFactory(organization=orgs[0])
    get(client, f"/api/v1/regions/{region.slug}/professionals", token)
    with django_assert_max_num_queries(10) as few:
        get(client, f"/api/v1/regions/{region.slug}/professionals", token)
    for org in orgs:
        ProfessionalFactory.create_batch(5, organization=org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = get(client, f"/api/v1/regions/{region.slug}/professionals", token).json()
    assert body["count"] == 26


def test_gaps_name_the_missing_kinds(client, coordinator, region, orgs, capsys):
    token = token_for(coordinator, capsys)
    body = get(client, f"/api/v1/regions/{region.slug}/gaps", token).json()
    assert "hospice" in body["missing_kinds"]
    assert body["next_steps"]


def test_import_over_the_api(client, coordinator, region, orgs, capsys):
    token = token_for(coordinator, capsys)
    path = f"/api/v1/regions/{region.slug}/stakeholders/import"
    good = sheet([["Organisatie 00", "", "2026-03-01", 3, 3, 4, 5, ""]])
    response = client.post(path, {"file": good}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content
    assert response.json() == {"imported": 1, "ok": True, "errors": []}
    bad = sheet(
        [
            ["Onbekend", "", "2026-03-01", 3, 3, 4, 5, ""],
            ["Organisatie 01", "", "2026-03-01", 0, 3, 4, 5, ""],
        ]
    )
    response = client.post(path, {"file": bad}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400
    assert [e["row"] for e in response.json()["errors"]] == [2, 3]
    assert StakeholderAssessment.objects.count() == 1
    stakeholders = get(client, f"/api/v1/regions/{region.slug}/stakeholders", token).json()
    assert stakeholders["items"][0]["stakeholder"] == "Organisatie 00"


def test_steering_may_not_import(client, steering, region, orgs, capsys):
    token = token_for(steering, capsys)
    response = client.post(
        f"/api/v1/regions/{region.slug}/stakeholders/import",
        {"file": sheet([["Organisatie 00", "", "2026-03-01", 3, 3, 4, 5, ""]])},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403
    assert not StakeholderAssessment.objects.exists()
