"""The admin manages regions, organisations, professionals, accounts and roles; nobody else does."""

from __future__ import annotations

import pytest

from nik.core.models import Membership, Region, Role

pytestmark = pytest.mark.django_db

MODELS = [
    "region",
    "organization",
    "professional",
    "user",
    "membership",
    "discipline",
    "auditevent",
]


@pytest.mark.parametrize("model", MODELS)
def test_admin_opens_every_list(client, login, admin_user, model):
    response = login(admin_user).get(f"/admin/core/{model}/")
    assert response.status_code == 200


def test_admin_gives_a_user_a_role_in_a_region(client, login, admin_user, coordinator, region):
    response = login(admin_user).post(
        "/admin/core/membership/add/",
        {"user": coordinator.pk, "region": region.pk, "role": Role.STEERING},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=coordinator, role=Role.STEERING, region=region).exists()


def test_admin_adds_a_region(client, login, admin_user):
    response = login(admin_user).post(
        "/admin/core/region/add/",
        {
            "slug": "test-regio",
            "name": "NIK Test",
            "hospital": "Test UMC",
            "municipalities-TOTAL_FORMS": "0",
            "municipalities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Region.objects.filter(slug="test-regio").exists()


def test_audit_log_cannot_be_changed_in_the_admin(client, login, admin_user):
    response = login(admin_user).get("/admin/core/auditevent/add/")
    assert response.status_code == 403


def test_a_coordinator_is_not_let_into_the_admin(client, login, coordinator):
    response = login(coordinator).get("/admin/core/user/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_families_are_not_in_the_admin(client, login, admin_user):
    assert login(admin_user).get("/admin/families/family/").status_code == 404
