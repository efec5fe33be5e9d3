"""API tokens on a page (issue 30, item 5): a coordinator makes and revokes their own, an
administrator everyone's; the key is shown once, only its hash kept; an expired or revoked
token is refused by the API; `nik api-token` does the same with --days."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from nik.core.events import CoreEvent
from nik.core.models import ApiToken, AuditEvent, AuditOutcome, TokenState

pytestmark = pytest.mark.django_db

PAGE = "/accounts/api-tokens/"
KEY = re.compile(r'<textarea id="new-key"[^>]*>([^<]+)</textarea>')


def _api(client: Client, key: str, path: str = "/api/v1/me") -> int:
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}").status_code


def _make(client: Client, label: str = "Koppeling EPD", days: int = 90) -> str:
    response = client.post(PAGE, {"label": label, "days": days})
    assert response.status_code == 200
    found = KEY.search(response.content.decode())
    assert found, "the new key is not shown"
    return found.group(1)


def test_a_coordinator_makes_a_token_and_sees_it_only_once(client, login, coordinator):
    client = login(coordinator)
    page = client.get(PAGE).content.decode()
    assert "API-sleutels" in page and "Een sleutel maken" in page

    response = client.post(PAGE, {"label": "Koppeling EPD", "days": 90})

    body = response.content.decode()
    key = KEY.search(body).group(1)  # type: ignore[union-attr]
    assert "Kopieer hem nu: hij wordt alleen deze ene keer getoond" in body
    assert "no-store" in response["Cache-Control"]
    stored = ApiToken.objects.get(user=coordinator)
    assert stored.key_hash == ApiToken.hash_key(key) and key not in stored.key_hash
    assert stored.label == "Koppeling EPD"
    expected = timezone.now() + timedelta(days=90)
    assert abs((stored.expires_at - expected).total_seconds()) < 60
    # Shown once: the next visit lists it without the key.
    again = client.get(PAGE).content.decode()
    assert key not in again and "Koppeling EPD" in again and "Actief" in again
    issued = AuditEvent.objects.get(event=CoreEvent.TOKEN_ISSUED)
    assert (issued.user, issued.object_id) == (coordinator, str(stored.pk))
    assert issued.details["owner"] == coordinator.email and issued.details["days"] == 90
    assert key not in str(issued.details)


def test_the_new_token_opens_the_api(client, login, coordinator):
    key = _make(login(coordinator))
    api = Client()
    assert _api(api, key) == 200
    assert ApiToken.objects.get(user=coordinator).last_used_at is not None


def test_a_token_is_valid_a_year_at_most(client, login, coordinator):
    response = login(coordinator).post(PAGE, {"label": "Te lang", "days": 400})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_a_name_or_purpose_is_required(client, login, coordinator):
    response = login(coordinator).post(PAGE, {"label": "", "days": 90})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_by_the_api(client, login, coordinator, region):
    client = login(coordinator)
    key = _make(client)
    token = ApiToken.objects.get(user=coordinator)
    api = Client()
    assert _api(api, key) == 200

    response = client.post(f"{PAGE}{token.pk}/revoke/", follow=True)

    assert escape("De sleutel ‘Koppeling EPD’ is ingetrokken.") in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == coordinator
    assert token.state() == TokenState.REVOKED
    assert _api(api, key) == 401
    assert _api(api, key, f"/api/v1/regions/{region.slug}/roadmap") == 401
    assert _api(api, key, "/fhir/r4/Patient/1/$everything") == 401
    revoked = AuditEvent.objects.get(event=CoreEvent.TOKEN_REVOKED)
    assert (revoked.user, revoked.object_id) == (coordinator, str(token.pk))
    refused = AuditEvent.objects.filter(event=CoreEvent.TOKEN_REFUSED, user=coordinator)
    assert refused.exists() and {e.details["reason"] for e in refused} == {"revoked"}
    # The list says so and offers no second revoke.
    page = client.get(PAGE).content.decode()
    assert "Ingetrokken" in page and f"{token.pk}/revoke/" not in page


def test_an_expired_token_is_refused_by_the_api(client, coordinator):
    key = ApiToken.issue(coordinator, label="kort", days=30)
    with time_machine.travel(timezone.now() + timedelta(days=29)):
        assert _api(client, key) == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert _api(client, key) == 401
        assert ApiToken.objects.get().state() == TokenState.EXPIRED
    refused = AuditEvent.objects.get(event=CoreEvent.TOKEN_REFUSED)
    assert refused.outcome == AuditOutcome.DENIED and refused.details["reason"] == "expired"


def test_a_coordinator_sees_only_their_own_tokens(
    client, login, coordinator, other_coordinator, admin_user
):
    ApiToken.issue(coordinator, label="Eigen koppeling")
    ApiToken.issue(other_coordinator, label="Koppeling Limburg")
    own = login(coordinator).get(PAGE).content.decode()
    assert "Eigen koppeling" in own and "Koppeling Limburg" not in own
    everyone = login(admin_user).get(PAGE).content.decode()
    assert "Alle sleutels" in everyone
    assert "Eigen koppeling" in everyone and "Koppeling Limburg" in everyone
    assert other_coordinator.email in everyone


def test_a_forged_post_cannot_revoke_someone_elses_token(
    client, login, coordinator, other_coordinator
):
    key = ApiToken.issue(other_coordinator, label="Koppeling Limburg")
    theirs = ApiToken.objects.get(user=other_coordinator)

    response = login(coordinator).post(f"{PAGE}{theirs.pk}/revoke/")

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None and _api(Client(), key) == 200
    refused = AuditEvent.objects.get(user=coordinator, outcome=AuditOutcome.DENIED)
    assert refused.object_type == "core.apitoken" and refused.object_id == str(theirs.pk)
    assert not AuditEvent.objects.filter(event=CoreEvent.TOKEN_REVOKED).exists()


def test_a_revoke_without_the_csrf_token_is_refused(coordinator, with_second_factor):
    ApiToken.issue(coordinator, label="Eigen koppeling")
    own = ApiToken.objects.get()
    with_second_factor(coordinator)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    assert browser.post(f"{PAGE}{own.pk}/revoke/").status_code == 403
    own.refresh_from_db()
    assert own.revoked_at is None


def test_an_administrator_revokes_anyones_token(client, login, admin_user, coordinator):
    key = ApiToken.issue(coordinator, label="Koppeling EPD")
    token = ApiToken.objects.get()
    response = login(admin_user).post(f"{PAGE}{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == admin_user
    assert _api(Client(), key) == 401


@pytest.mark.parametrize("who", ["casemanager", "member", "steering", "parent", "national"])
def test_other_roles_have_no_token_page(client, login, request, who):
    user = request.getfixturevalue(who)
    client = login(user)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"label": "x", "days": 90}).status_code == 403
    assert not ApiToken.objects.exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("coordinator", True),
        ("admin_user", True),
        ("casemanager", False),
        ("parent", False),
        ("steering", False),
    ],
)
def test_the_account_menu_links_the_page_for_who_may_use_it(client, login, request, who, shown):
    page = login(request.getfixturevalue(who)).get("/").content.decode()
    header = re.search(r'<nav class="nik-nav".*?</nav>', page, re.S).group()  # type: ignore[union-attr]
    link = f'<a class="utrecht-link" href="{PAGE}">API-sleutels</a>'
    assert (link in header) is shown


def test_the_command_takes_days_and_refuses_more_than_a_year(coordinator, capsys):
    call_command("api_token", coordinator.email, "--days", "30", "--label", "EPD")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(key_hash=ApiToken.hash_key(key))
    expected = timezone.now() + timedelta(days=30)
    assert abs((token.expires_at - expected).total_seconds()) < 60
    assert AuditEvent.objects.get(event=CoreEvent.TOKEN_ISSUED).details["via"] == "command"
    call_command("api_token", coordinator.email)
    default = ApiToken.objects.get(key_hash=ApiToken.hash_key(capsys.readouterr().out.strip()))
    assert (default.expires_at - default.created_at) == timedelta(days=90)
    with pytest.raises(CommandError):
        call_command("api_token", coordinator.email, "--days", "400")


@pytest.mark.parametrize("state", list(TokenState))
def test_every_token_state_is_drawn_on_the_page(state, client, login, coordinator):
    ApiToken.issue(coordinator, label="Rapportagetool", days=30)
    token = ApiToken.objects.get()
    if state == TokenState.EXPIRED:
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    elif state == TokenState.REVOKED:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert ApiToken.objects.get().state() == state
    page = login(coordinator).get(PAGE)
    assert page.status_code == 200
    dutch = {"active": "Actief", "expired": "Verlopen", "revoked": "Ingetrokken"}[state]
    assert dutch in page.content.decode()
    assert (f"{token.pk}/revoke/" in page.content.decode()) == (state == TokenState.ACTIVE)
