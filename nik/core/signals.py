"""Logins, logouts and failed logins become audit events; at login, and when a user removes a
second factor, the session's note of whether they have one is made or dropped (see
`RequireTwoFactorMiddleware`).

Django and allauth announce these only through signals, so receivers are the one place to
catch them; no business logic lives here.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.signals import authentication_failed, authenticator_removed
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from . import audit
from .events import CoreEvent
from .models import AuditAction, AuditOutcome, User


def _point(request: HttpRequest | None) -> audit.AccessPoint | None:
    return audit.access_point_of(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="nik_audit_login")
def _logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit.record(
        action=AuditAction.LOGIN,
        event=CoreEvent.LOGGED_IN,
        user=user,
        object_type="core.user",
        object_id=user.pk,
        access_point=_point(request),
    )


@receiver(user_logged_out, dispatch_uid="nik_audit_logout")
def _logged_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is None:
        return
    audit.record(
        action=AuditAction.LOGOUT,
        event=CoreEvent.LOGGED_OUT,
        user=user,
        object_type="core.user",
        object_id=user.pk,
        access_point=_point(request),
    )


@receiver(user_login_failed, dispatch_uid="nik_audit_login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = str(credentials.get("email") or credentials.get("username") or "").strip().lower()
    user = User.objects.filter(email=email).first() if email else None
    audit.record(
        action=AuditAction.LOGIN_FAILED,
        event=CoreEvent.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        user=user,
        user_email=email[:254],
        object_type="core.user",
        object_id=user.pk if user else "",
        details={"reason": "password"},
        access_point=_point(request),
    )


@receiver(authentication_failed, dispatch_uid="nik_audit_mfa_failed")
def _second_factor_failed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    audit.record(
        action=AuditAction.LOGIN_FAILED,
        event=CoreEvent.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        user=user,
        object_type="core.user",
        object_id=user.pk,
        details={"reason": "second_factor"},
        access_point=_point(request),
    )


@receiver(user_logged_in, dispatch_uid="nik_second_factor_at_login")
def _second_factor_at_login(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    from .middleware import remember_second_factor

    if settings.REQUIRE_2FA and user.needs_second_factor():
        remember_second_factor(request, user)


@receiver(authenticator_removed, dispatch_uid="nik_second_factor_removed")
def _second_factor_removed(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    from .middleware import forget_second_factor

    forget_second_factor(request)
