"""Logging in: password, second factor, lockout, logout and expired sessions — all audited."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from nik.core.factories import PASSWORD
from nik.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _login(client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_wrong_password_gets_a_dutch_message_and_an_audit_event(client, coordinator):
    response = _login(client, coordinator.email, "fout-wachtwoord")
    assert response.status_code == 200
    assert "wachtwoord" in response.text.lower()
    assert "niet correct" in response.text
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.user, event.outcome, event.details) == (
        coordinator,
        "denied",
        {"reason": "password"},
    )
    assert event.ip_address == "127.0.0.1"


def test_five_wrong_passwords_lock_the_account_and_say_so(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, coordinator.email, "fout").status_code == 200
    response = _login(client, coordinator.email, "fout")
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.text
    # Even the right password is refused while the lock lasts.
    response = _login(client, coordinator.email)
    assert response.status_code == 429
    assert not AuditEvent.objects.filter(action="login").exists()


def test_a_locked_account_is_not_a_locked_colleague(client, coordinator, steering):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, coordinator.email, "fout")
    response = _login(client, steering.email)
    assert response.status_code == 302


def test_steering_logs_in_without_a_second_factor(client, steering):
    response = _login(client, steering.email)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="login", user=steering).exists()


def test_a_role_with_family_data_must_enrol_a_second_factor_first(client, coordinator):
    _login(client, coordinator.email)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    # allauth asks for the password once more before a second factor is changed.
    page = client.get(response.url, follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.request["PATH_INFO"] == "/accounts/2fa/totp/activate/"
    assert "data:image/svg+xml" in page.text  # the QR code
    secret = page.context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": pyotp.TOTP(secret).now()})
    assert client.get("/").status_code == 200


def test_login_with_a_totp_code(client, coordinator, with_second_factor):
    secret = with_second_factor(coordinator)
    response = _login(client, coordinator.email)
    assert response.url == "/accounts/2fa/authenticate/"
    response = client.post(response.url, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="login", user=coordinator).count() == 1


def test_wrong_code_gets_a_message_and_an_audit_event(client, coordinator, with_second_factor):
    with_second_factor(coordinator)
    response = _login(client, coordinator.email)
    response = client.post(response.url, {"code": "000000"})
    assert response.status_code == 200
    assert "Ongeldige code" in response.text
    event = AuditEvent.objects.get(action="login_failed")
    assert event.details == {"reason": "second_factor"}
    assert client.get("/families/").status_code == 302  # still not logged in


def test_logout_is_audited(client, login, coordinator):
    login(coordinator)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="logout", user=coordinator, outcome="allowed").exists()
    assert client.get("/families/").status_code == 302
    assert "Welkom" not in client.get("/").text  # the public front, not the start page


def test_an_expired_session_says_so(client, login, steering):
    login(steering)
    client.session.flush()  # the server forgets the session, as after inactivity
    client.cookies[settings.SESSION_COOKIE_NAME] = "verlopen-sessie"
    response = client.get("/", follow=True)
    assert "Je sessie is verlopen" in response.text
    assert AuditEvent.objects.filter(details__reason="session_expired").exists()


def test_a_used_session_is_pushed_on_at_most_once_a_minute(client, login, coordinator):
    """Thirty minutes of inactivity end a session; using it pushes the end on, with one write a
    minute rather than one per page."""
    import time

    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nik.core.middleware import SessionIdleMiddleware

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    login(coordinator)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # The last push was two minutes ago: the next page pushes the end to 30 minutes from now.
    session = client.session
    session[SessionIdleMiddleware.KEY] = int(time.time()) - 120
    session.save()
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=28)
    )
    client.get("/")
    ends = Session.objects.get(session_key=key).expire_date
    assert ends > timezone.now() + timedelta(minutes=29)

    # Within the minute a page reads the session but writes nothing to it.
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
    assert Session.objects.get(session_key=key).expire_date == ends


def test_public_sign_up_is_closed(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "nieuw@nik.test",
            "password1": "heel-lang-wachtwoord",
            "password2": "heel-lang-wachtwoord",
        },
    )
    from nik.core.models import User

    assert not User.objects.filter(email="nieuw@nik.test").exists()
    assert response.status_code in (200, 403)


def test_a_session_past_its_expiry_says_so_and_is_logged_for_its_user(client, login, steering):
    """The database keeps an expired session's row until clearsessions: it counts as ran out."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    login(steering)
    client.get("/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    response = client.get("/", follow=True)
    assert "Je sessie is verlopen" in response.text
    event = AuditEvent.objects.get(details__reason="session_expired")
    assert event.user == steering
    # Shown once: the next request starts a fresh session without the message.
    assert "Je sessie is verlopen" not in client.get("/", follow=True).text


def test_a_visitor_whose_anonymous_session_ran_out_is_not_told_to_log_in(client, region):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    session = client.session  # a visitor's session with something in it, and no account
    session["seen_intro"] = True
    session.save()
    key = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    page = client.get(f"/regions/{region.slug}/wegwijzer/")
    assert "Je sessie is verlopen" not in page.text
    assert not AuditEvent.objects.filter(details__reason="session_expired").exists()


def test_the_second_factor_is_asked_of_the_database_once_in_five_minutes(
    client, login, coordinator
):
    """Whether a coordinator has a second factor is asked at login and kept in the session for
    five minutes: not asked again on every page, and asked again after that."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def asked() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/families/").status_code == 200
        return sum("mfa_authenticator" in q["sql"] for q in queries)

    login(coordinator)
    assert asked() == 0
    assert asked() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert asked() == 1


def test_a_removed_second_factor_is_asked_for_again(client, login, coordinator):
    """Removing one's second factor sends one back to set it up on the next page; one removed
    behind the session's back (by an administrator, in the database) within five minutes."""
    from allauth.mfa.models import Authenticator

    login(coordinator)
    assert client.get("/families/").status_code == 200
    Authenticator.objects.filter(user=coordinator).delete()
    assert client.get("/families/").status_code == 200  # the session's answer still holds
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = client.get("/families/")
    assert response.status_code == 302 and response.url == "/accounts/2fa/totp/activate/"


def test_removing_ones_own_second_factor_counts_at_once(client, login, coordinator):
    login(coordinator)
    assert client.get("/families/").status_code == 200
    page = client.get("/accounts/2fa/totp/deactivate/", follow=True)
    if page.redirect_chain and "/reauthenticate/" in page.redirect_chain[-1][0]:
        client.post(page.redirect_chain[-1][0], {"password": PASSWORD})
    removed = client.post("/accounts/2fa/totp/deactivate/")
    assert removed.status_code == 302, removed.content
    response = client.get("/families/")
    assert response.status_code == 302 and response.url == "/accounts/2fa/totp/activate/"
