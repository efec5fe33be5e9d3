"""Writes of the core that matter: API tokens issued and revoked (each one audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from . import audit
from .events import CoreEvent
from .models import ApiToken, AuditAction, User


@transaction.atomic
def do_issue_api_token(
    user: User, *, label: str, days: int = ApiToken.DEFAULT_DAYS, acting_user: User | None
) -> tuple[ApiToken, str]:
    """A new API token for `user`, valid `days` days; returns the row and the key, which is
    shown once and never stored. `acting_user` is None when made on the server's command line."""
    token, key = ApiToken.make(user, label=label, days=days)
    audit.record(
        action=AuditAction.CREATE,
        event=CoreEvent.TOKEN_ISSUED,
        user=acting_user,
        object_type="core.apitoken",
        object_id=token.pk,
        purpose="API token",
        details={
            "owner": user.email,
            "label": token.label,
            "days": days,
            "expires_at": token.expires_at.isoformat(),
            "via": "page" if acting_user is not None else "command",
        },
    )
    return token, key


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, acting_user: User) -> bool:
    """Revoke a token for good; False when it was revoked already (nothing is written then)."""
    locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if locked.revoked_at is not None:
        return False
    locked.revoked_at = timezone.now()
    locked.revoked_by = acting_user
    locked.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(
        action=AuditAction.UPDATE,
        event=CoreEvent.TOKEN_REVOKED,
        user=acting_user,
        object_type="core.apitoken",
        object_id=locked.pk,
        purpose="API token",
        details={"owner": locked.user.email, "label": locked.label},
    )
    token.revoked_at, token.revoked_by = locked.revoked_at, locked.revoked_by
    return True
