"""Request-level guards: the access point for the audit log, expired sessions, required 2FA."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from . import audit
from .events import CoreEvent
from .models import AuditAction, AuditOutcome, User

Handler = Callable[[HttpRequest], HttpResponse]


class LanguageMiddleware:
    """Dutch unless the user chose English with the language switch (a cookie).

    Pages ignore the browser's Accept-Language on purpose: the product is Dutch first.
    The API honours Accept-Language, as API clients expect.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.path.startswith(("/api/", "/fhir/")):
            language = translation.get_language_from_request(request)
        elif chosen in dict(settings.LANGUAGES):
            language = chosen
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class SessionIdleMiddleware:
    """Keeps a session alive while it is used, with one write a minute instead of one a request.

    A session ends `SESSION_COOKIE_AGE` after its last save. Saving on every request (Django's
    `SESSION_SAVE_EVERY_REQUEST`) costs a write per page; this marks the session for saving only
    when its last push is `TOUCH_EVERY` seconds old, so it ends between 29 and 30 minutes after
    the last request. Goes after SessionMiddleware, which does the saving.
    """

    TOUCH_EVERY = 60
    KEY = "_nik_touched"

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.TOUCH_EVERY:
                session[self.KEY] = now
        return response


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header of settings.PERMISSIONS_POLICY on every response."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AccessPointMiddleware:
    """Makes the request's address and browser known to the audit log for this request only."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = audit.current_access_point.set(audit.access_point_of(request))
        try:
            return self.get_response(request)
        finally:
            audit.current_access_point.reset(token)


class SessionExpiredMiddleware:
    """Tells a user whose session ran out why they see the login page again."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        ran_out = (
            cookie
            and not request.user.is_authenticated
            and not request.path.startswith(("/static/", "/api/", "/healthz"))
        )
        expired, user = _expired_session(request, cookie) if ran_out and cookie else (False, None)
        if expired:
            audit.record(
                action=AuditAction.LOGOUT,
                event=CoreEvent.SESSION_EXPIRED,
                outcome=AuditOutcome.DENIED,
                user=user,
                object_type="session",
                details={"reason": "session_expired"},
            )
            messages.info(request, _("Your session has expired. Please log in again."))
            # Start a fresh session so the message is shown once, not on every request.
            request.session.cycle_key()
        return self.get_response(request)


def _expired_session(request: HttpRequest, key: str) -> tuple[bool, User | None]:
    """Whether the cookie names a session that ran out, and whose it was.

    A forgotten session (no row) has ran out; so has a row past its expiry, which the database
    keeps until `clearsessions` runs. The user is read from the expired row for the audit log.
    """
    from django.contrib.sessions.models import Session

    row = Session.objects.filter(session_key=key).values_list("expire_date", "session_data").first()
    if row is None:
        return True, None
    expire_date, session_data = row
    if expire_date > timezone.now():
        return False, None
    user_id = request.session.decode(session_data).get("_auth_user_id")
    if user_id is None:
        # A visitor's own anonymous session that ran out: nothing to tell them.
        return False, None
    return True, User.objects.filter(pk=user_id).first()


class RequireTwoFactorMiddleware:
    """Roles that can see family data must enrol a second factor before anything else.

    Whether the user has one is asked of the database once every ``CHECK_EVERY`` seconds per
    session (the answer kept in the session), not on every page; removing one's own second
    factor forgets the answer at once (`forget_second_factor`), one removed another way counts
    within ``CHECK_EVERY`` seconds in every session of the user."""

    allowed_prefixes = ("/accounts/", "/static/", "/i18n/", "/healthz", "/api/", "/fhir/")
    CHECK_EVERY = 300
    KEY = "_nik_second_factor"

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_2FA
            and user.is_authenticated
            and not request.path.startswith(self.allowed_prefixes)
            and user.needs_second_factor()
            and not self._has_second_factor(request, user)
        ):
            messages.info(
                request,
                _(
                    "Your role gives access to family data. Set up a second step for logging in first."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _has_second_factor(self, request: HttpRequest, user: User) -> bool:
        checked = request.session.get(self.KEY)
        if checked and checked[0] == user.pk and time.time() - checked[1] < self.CHECK_EVERY:
            return True
        return remember_second_factor(request, user)


def remember_second_factor(request: HttpRequest | None, user: User) -> bool:
    """Whether the user has a second factor, asked of the database and kept in the session
    (at login, and by RequireTwoFactorMiddleware when its answer is old)."""
    if not is_mfa_enabled(user):
        return False
    session = getattr(request, "session", None)
    if session is not None:
        session[RequireTwoFactorMiddleware.KEY] = [user.pk, int(time.time())]
    return True


def forget_second_factor(request: HttpRequest | None) -> None:
    """A second factor was removed in this session: ask the database again on the next page."""
    session = getattr(request, "session", None)
    if session is not None:
        session.pop(RequireTwoFactorMiddleware.KEY, None)
