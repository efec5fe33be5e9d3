"""Bearer-token authentication for the API (`nik api-token EMAIL` makes a token)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from nik.core import audit
from nik.core.events import CoreEvent
from nik.core.models import ApiToken, AuditAction, AuditOutcome, User


def user_for_token(request: HttpRequest, token: str) -> User | None:
    """The account behind a bearer token, or None (and a failed-login audit event)."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
        .first()
    )
    if found is None:
        audit.record(
            action=AuditAction.LOGIN_FAILED,
            event=CoreEvent.TOKEN_REFUSED,
            outcome=AuditOutcome.DENIED,
            object_type="core.apitoken",
            details={"reason": "unknown_token", "path": request.path[:200]},
        )
        return None
    # Touch at most once a minute: no write on every call.
    now = timezone.now()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
    request.user = found.user
    return found.user


def bearer_user(request: HttpRequest) -> User | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return user_for_token(request, token.strip())


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(request, token)


class ApiRequest(HttpRequest):
    """A request the API's authentication let in: ``auth`` is the account (for the type checker)."""

    auth: User
