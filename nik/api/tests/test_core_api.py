"""The API: bearer tokens, /me, /regions and the OpenAPI document."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from nik.core.models import ApiToken, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(coordinator, capsys) -> str:
    call_command("api-token".replace("-", "_"), coordinator.email)
    return capsys.readouterr().out.strip()


def _get(client, path: str, token: str | None = None, **headers: str):
    if token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.get(path, **headers)


def test_api_token_command_stores_only_a_hash(token, coordinator):
    stored = ApiToken.objects.get(user=coordinator)
    assert stored.key_hash == ApiToken.hash_key(token)
    assert token not in stored.key_hash


def test_me_returns_the_account_and_its_roles(client, token, coordinator, region):
    response = _get(client, "/api/v1/me", token)
    assert response.status_code == 200
    assert response.json() == {
        "email": coordinator.email,
        "full_name": coordinator.full_name,
        "roles": [{"region": region.slug, "region_name": region.name, "role": "coordinator"}],
    }


def test_regions_lists_slug_name_and_hospital(client, token, region, other_region):
    response = _get(client, "/api/v1/regions", token)
    assert response.status_code == 200
    assert {
        "slug": "limburg",
        "name": "NIK Limburg",
        "hospital": "Maastricht UMC+",
    } in response.json()
    assert len(response.json()) == 2


def test_regions_query_count_does_not_grow(client, token, django_assert_max_num_queries):
    from nik.core.factories import RegionFactory

    with django_assert_max_num_queries(3):
        assert len(_get(client, "/api/v1/regions", token).json()) == 1
    RegionFactory.create_batch(20)
    with django_assert_max_num_queries(3):
        assert len(_get(client, "/api/v1/regions", token).json()) == 21


def test_unknown_token_gets_401_in_dutch_and_an_audit_event(client, db):
    response = _get(client, "/api/v1/me", "bestaat-niet")
    assert response.status_code == 401
    assert "Niet ingelogd" in response.json()["detail"]
    event = AuditEvent.objects.get(action="login_failed")
    assert event.details["reason"] == "unknown_token"


def test_unknown_token_in_english_when_asked(client, db):
    response = _get(client, "/api/v1/me", "bestaat-niet", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"].startswith("Not logged in")


def test_no_token_at_all_is_401(client, db):
    assert _get(client, "/api/v1/regions").status_code == 401


def test_openapi_document_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/me" in spec["paths"]


def test_healthz_reports_the_database_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
