"""A coordinator's first login: password, enrol TOTP with the QR page, see the start page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from nik.core.factories import PASSWORD
from tests.browser.codes import totp_code

from .conftest import password_step as _password_step

pytestmark = pytest.mark.browser


def _code(secret: str, used: set[str]) -> str:
    # A TOTP code can be used once; wait for the next one when needed.
    import time

    code = totp_code(secret)
    while code in used:
        time.sleep(1)
        code = totp_code(secret)
    used.add(code)
    return code


def test_coordinator_enrols_totp_and_logs_in_with_it(page, coordinator, region, axe_violations):
    used: set[str] = set()
    _password_step(page, coordinator.email)
    # The role sees family data: first a second factor, after confirming the password once more.
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    expect(page.locator("main img")).to_have_count(1)  # the QR code
    assert axe_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(_code(secret, used))
    page.locator("main").get_by_role("button", name="Activeer").click()

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Welkom"))
    expect(page.get_by_role("link", name=region.name)).to_be_visible()

    page.locator("header").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/accounts/login/**")

    _password_step(page, coordinator.email)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill("000000")
    page.locator("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Ongeldige code")).to_be_visible()
    page.get_by_label("Code").fill(_code(secret, used))
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Welkom"))


def test_login_and_start_pages_have_no_serious_accessibility_violations(
    page, login_via_browser, coordinator, national, parent, family, axe_violations
):
    page.goto("/accounts/login/")
    assert axe_violations(page) == []
    for user in (coordinator, national, parent):
        login_via_browser(page, user)
        for path in ("/", f"/regions/{family.region.slug}/", f"/families/{family.pk}/"):
            response = page.goto(path)
            if response.status == 200:
                assert axe_violations(page) == [], f"{user.email} {path}"
        page.context.clear_cookies()


def test_the_english_start_page(page, login_via_browser, national):
    login_via_browser(page, national)
    page.goto("/")
    page.locator("header").get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Welcome"))
    assert page.locator("html").get_attribute("lang") == "en"
