"""Project-wide test set-up: test-only settings, CI strictness and the personas."""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same
# tests are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.personas"]

IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REQUIRE_2FA = True
    settings.DEMO = False
    settings.SECURE_SSL_REDIRECT = False


def _on_postgres() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # PostgreSQL-only tests are deselected (not skipped) on SQLite, and the bounded walks that
    # need only one database on PostgreSQL; CI runs both databases.
    other = "sqlite_only" if _on_postgres() else "postgres"
    kept = [item for item in items if other not in item.keywords]
    dropped = [item for item in items if other in item.keywords]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        # Under CI a skipped test (no browser, no database) is a failure, not a pass.
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true: {report.longrepr}"


@pytest.fixture(autouse=True)
def _dutch_to_start_with() -> Generator[None, None, None]:
    """Each test starts in Dutch, the default language.

    The language middleware activates a request's language in the thread that serves it, and
    the test client serves in the test's own thread: without this, a test that asked for an
    English page would leave the next test in that worker formatting dates in English.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
