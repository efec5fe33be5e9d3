"""Bearer-token authentication for the API (`nik api-token EMAIL` or the API tokens page
makes a token)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from nik.core import audit
from nik.core.events import CoreEvent
from nik.core.models import ApiToken, AuditAction, AuditOutcome, TokenState, User


def user_for_token(request: HttpRequest, token: str) -> User | None:
    """The account behind a bearer token, or None (and a failed-login audit event): a token
    that is unknown, expired or revoked, or whose account is closed, lets no one in."""
    found = (
        ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(token)).first()
    )
    now = timezone.now()
    if found is None or found.state(now) != TokenState.ACTIVE or not found.user.is_active:
        if found is None:
            reason = "unknown_token"
        elif not found.user.is_active:
            reason = "inactive_account"
        else:
            reason = str(found.state(now))
        audit.record(
            action=AuditAction.LOGIN_FAILED,
            event=CoreEvent.TOKEN_REFUSED,
            outcome=AuditOutcome.DENIED,
            user=found.user if found is not None else None,
            object_type="core.apitoken",
            object_id=found.pk if found is not None else "",
            details={"reason": reason, "path": request.path[:200]},
        )
        return None
    # Touch at most once a minute: no write on every call.
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
