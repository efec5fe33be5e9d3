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


def test_the_token_list_opens_when_a_token_has_a_label(client, login, admin_user, coordinator):
    from nik.core.models import ApiToken

    ApiToken.issue(coordinator, label="koppeling EPD")
    response = login(admin_user).get("/admin/core/apitoken/")
    assert response.status_code == 200
    assert "koppeling EPD" in response.text


def test_the_admin_does_not_see_which_accounts_are_parents(
    client, login, admin_user, parent, coordinator, region
):
    client = login(admin_user)
    users = client.get("/admin/core/user/").text
    assert parent.email not in users and parent.full_name not in users
    assert coordinator.email in users
    memberships = client.get("/admin/core/membership/").text
    assert parent.email not in memberships
    assert client.get(f"/admin/core/user/?role={Role.PARENT}").status_code == 200
    assert parent.email not in client.get("/admin/core/user/?q=ouder").text
    assert client.get(f"/admin/core/user/{parent.pk}/change/").status_code == 302  # "not found"


def test_a_professional_who_is_also_a_parent_is_listed_without_the_parent_role(
    client, login, admin_user, coordinator, region, family
):
    Membership.objects.create(user=coordinator, region=region, role=Role.PARENT)
    page = login(admin_user).get(f"/admin/core/user/{coordinator.pk}/change/").text
    assert 'value="coordinator"' in page
    assert 'value="parent" selected' not in page
    assert (
        coordinator.email
        not in login(admin_user)
        .get("/admin/core/membership/?role=parent")
        .text.split("result_list")[-1]
    )


def test_an_admin_giving_itself_a_coordinator_role_leaves_a_trace(
    client, login, admin_user, region
):
    from nik.core.models import AuditEvent

    response = login(admin_user).post(
        "/admin/core/membership/add/",
        {"user": admin_user.pk, "region": region.pk, "role": Role.COORDINATOR},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(object_type="core.membership", action="create")
    assert event.user == admin_user
    assert event.details["role"] == Role.COORDINATOR
    assert event.details["account"] == admin_user.email
    membership = Membership.objects.get(user=admin_user, role=Role.COORDINATOR)
    login(admin_user).post(f"/admin/core/membership/{membership.pk}/delete/", {"post": "yes"})
    assert AuditEvent.objects.filter(object_type="core.membership", action="delete").exists()


def test_the_admin_cannot_hand_out_the_parent_role(client, login, admin_user, coordinator, region):
    response = login(admin_user).post(
        "/admin/core/membership/add/",
        {"user": coordinator.pk, "region": region.pk, "role": Role.PARENT},
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Membership.objects.filter(role=Role.PARENT).exists()


def test_rights_and_roles_changed_on_the_account_page_are_audited(
    client, login, admin_user, member, region
):
    from nik.core.models import AuditEvent

    membership = member.memberships.get()
    response = login(admin_user).post(
        f"/admin/core/user/{member.pk}/change/",
        {
            "email": member.email,
            "full_name": member.full_name,
            "is_active": "on",
            "is_staff": "on",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-user": member.pk,
            "memberships-0-region": region.pk,
            "memberships-0-role": Role.MEMBER,
            "memberships-1-user": member.pk,
            "memberships-1-region": region.pk,
            "memberships-1-role": Role.COORDINATOR,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    rights = AuditEvent.objects.get(object_type="core.user", purpose="admin: accounts")
    assert rights.details["rights"] == {"is_staff": [False, True]}
    role = AuditEvent.objects.get(object_type="core.membership", action="create")
    assert role.details["role"] == Role.COORDINATOR
