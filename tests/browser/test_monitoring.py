"""Results in the browser (issue 16, first part): the coordinator types in a survey figure, the
steering member then sees it among the quarter's figures (small numbers hidden) and scores the
self-assessment on a phone; every page axe-clean, no sideways scroll at 390 px."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nik.monitoring.actions import do_open_round, do_recompute

pytestmark = pytest.mark.browser


def test_a_typed_figure_reaches_the_steering_group_and_steering_scores_the_network(
    people, region, coordinator, steering, login_via_browser, axe_violations
):
    do_recompute([region])
    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/monitoring/")
    expect(desk.locator(".nik-area [aria-current=page]")).to_have_text("Resultaten")
    assert axe_violations(desk) == []
    desk.get_by_label("Indicator").select_option("family_rating")
    desk.get_by_label("Een dag in het kwartaal").fill(timezone.localdate().isoformat())
    desk.get_by_label("Waarde").fill("7.8")
    desk.get_by_label("Bron en datum van het cijfer").fill("Enquête onder 31 gezinnen")
    desk.get_by_role("button", name="Cijfer opslaan").click()
    expect(desk.locator("#indicator-family_rating")).to_contain_text("7,8")
    expect(desk.locator("#indicator-family_rating")).to_contain_text("Enquête onder 31 gezinnen")
    round_ = do_open_round(region, acting_user=coordinator)

    phone = people("nl", 390)
    login_via_browser(phone, steering)
    phone.goto(f"/regions/{region.slug}/monitoring/")
    expect(phone.locator("#indicator-family_rating")).to_contain_text("7,8")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_role("link", name="Zelfevaluatie van het netwerk").click()
    phone.get_by_role("link", name="Geef je scores").click()
    phone.wait_for_url(f"**/monitoring/omk/{round_.pk}/")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_label("Aanwezig: Er is een vast multidisciplinair overleg.").check()
    phone.get_by_role("button", name="Mijn scores opslaan").click()
    expect(phone.get_by_text("Dank je: je antwoorden zijn opgeslagen.")).to_be_visible()
    expect(phone.get_by_text("1 persoon heeft geantwoord")).to_be_visible()
    assert axe_violations(phone) == []
