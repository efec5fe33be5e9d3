"""The API tokens page on a phone (issue 30, found walking it): the new key, shown once, is
readable whole at 390 px, and the page does not scroll sideways with the list of tokens."""

from __future__ import annotations

import pytest

from nik.core.models import ApiToken

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1280])
def test_the_new_key_is_readable_whole_and_the_page_stays_in_the_screen(
    page, login_via_browser, coordinator, axe_violations, width
):
    page.set_viewport_size({"width": width, "height": 844})
    login_via_browser(page, coordinator)
    page.goto("/accounts/api-tokens/")
    for label in ("Rapportagetool LUMC", "Koppeling met het elektronisch patiëntendossier"):
        page.get_by_label("Naam of doel").fill(label)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_selector("#new-key")
    box = page.locator("#new-key")
    key = box.input_value()
    assert ApiToken.objects.get(key_hash=ApiToken.hash_key(key)).label.startswith("Koppeling")
    # The whole key in sight: nothing of it scrolled away inside its box.
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe_violations(page) == []
