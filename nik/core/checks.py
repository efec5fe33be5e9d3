"""Start-up guards: production must never run with the well-known demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

DEMO_ACCOUNTS_MESSAGE = (
    "Demo accounts (with published passwords) exist in this database, and these are "
    "production settings. Remove them (`nik demo --remove`) or run in demo mode."
)


def _demo_accounts_present() -> bool:
    from .models import User

    try:
        return User.objects.filter(is_demo=True).exists()
    except DatabaseError:
        # Not migrated yet: there is nothing to refuse.
        return False


def _is_production() -> bool:
    return not settings.DEBUG and not settings.DEMO


@register(Tags.security, deploy=True)
def demo_accounts_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if _is_production() and _demo_accounts_present():
        return [Error(DEMO_ACCOUNTS_MESSAGE, id="nik.E001")]
    return []


def refuse_demo_accounts_in_production() -> None:
    """Called when the WSGI application starts."""
    if _is_production() and _demo_accounts_present():
        raise ImproperlyConfigured(DEMO_ACCOUNTS_MESSAGE)
