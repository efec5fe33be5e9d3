"""Playwright driving Debian's Chromium (/usr/bin/chromium); never a downloaded browser."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from nik.core.factories import PASSWORD
from tests.browser.codes import totp_code

CHROMIUM = os.environ.get("NIK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"No Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def people(browser, live_server, transactional_db):
    """Pages in browser contexts of their own (separate cookies: separate people), in a language
    (the language switch's cookie) and at a width; closed afterwards."""
    contexts = []

    def make(language: str = "nl", width: int = 1280):
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900}
        )
        if language != "nl":
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def axe_violations():
    """Serious and critical axe-core violations of the page as it is now."""

    def check(page) -> list[str]:
        # A click on a link may still be navigating: check the page that arrives, not the one
        # being left (a script added in between found no <head> and failed the test).
        page.wait_for_load_state()
        # From our own static files, as the page's CSP allows (an inline copy would be refused).
        page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
        found = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                .filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)"""
        )
        return list(found)

    return check


def password_step(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen", exact=True).click()


@pytest.fixture
def login_via_browser(with_second_factor):
    """Log in through the real pages, second factor included."""

    def do(page, user) -> None:
        secret = with_second_factor(user) if user.needs_second_factor() else None
        password_step(page, user.email)
        if secret:
            page.wait_for_url("**/accounts/2fa/authenticate/")
            page.get_by_label("Code").fill(totp_code(secret))
            page.locator("main").get_by_role("button", name="Inloggen").click()
        # Past the login pages (the second-factor page's own address also ends in "/": waiting for
        # that let a test go on before the code was accepted).
        page.wait_for_url(lambda url: "/accounts/" not in url)

    return do
