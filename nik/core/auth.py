"""Helpers for the login machinery (allauth and axes)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import User


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account a login attempt is for: the e-mail address, lower-cased."""
    value = ""
    if credentials:
        value = credentials.get("email") or credentials.get("username") or ""
    if not value and request is not None:
        value = request.POST.get("login", "") or request.POST.get("email", "")
    return str(value).strip().lower()


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: its user is a real account (for the type checker)."""

    user: User
