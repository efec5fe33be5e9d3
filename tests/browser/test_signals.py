"""The signalling function in the browser (issue 17): a parent tells the network on a phone what
they ran into, the coordinator passes it on in other words, the knowledge centre takes it up with
an action and answers, and the parent reads the answer on the family page. Every page on the way
axe-clean; no sideways scroll at 390 px. Then the national view and the public form."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_from_a_parents_signal_to_the_national_answer_the_parent_reads(
    people, region, coordinator, parent, national, login_via_browser, axe_violations
):
    phone = people("nl", 390)
    login_via_browser(phone, parent)
    phone.get_by_role("link", name="Vertel het ons").click()
    expect(phone.get_by_role("heading", name="Loop je ergens tegenaan?")).to_be_visible()
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.get_by_label("Iets ging niet goed").check()
    phone.get_by_label("Waar gaat het over?").select_option("respite")
    phone.get_by_label("Wat is er gebeurd?").fill(
        "We vinden geen logeerhuis dat sondevoeding geeft."
    )
    phone.get_by_role("button", name="Versturen").click()
    expect(
        phone.get_by_text("Dank je wel dat je het vertelde. Het antwoord vind je hier.")
    ).to_be_visible()
    expect(
        phone.get_by_text("Het netwerk heeft het ontvangen en gaat erover praten.")
    ).to_be_visible()

    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/signals/")
    expect(desk.locator(".nik-area [aria-current=page]")).to_have_text("Signalen")
    assert axe_violations(desk) == []
    desk.get_by_role("link", name="We vinden geen logeerhuis dat sondevoeding geeft.").click()
    assert axe_violations(desk) == []
    desk.get_by_label("Wat de regio concludeerde").fill("Speelt in de hele regio.")
    desk.get_by_role("button", name="Opslaan", exact=True).click()
    expect(desk.locator("#status")).to_have_text("besproken in de regio")
    desk.get_by_role("link", name="Doorgeven aan het kenniscentrum").click()
    assert axe_violations(desk) == []
    desk.get_by_label("Wat het kenniscentrum moet weten").fill(
        "Logeerhuizen nemen geen kinderen met sondevoeding op."
    )
    desk.get_by_label("Om hoeveel gezinnen het gaat").fill("6")
    desk.get_by_role("button", name="Doorgeven").click()
    expect(desk.get_by_text("Doorgegeven aan het kenniscentrum.")).to_be_visible()

    centre = people("nl", 1280)
    login_via_browser(centre, national)
    centre.goto("/national/signals/")
    assert axe_violations(centre) == []
    centre.get_by_role("link", name="Logeerhuizen nemen geen kinderen met sondevoeding op.").click()
    assert axe_violations(centre) == []
    centre.get_by_label("Titel van een nieuw thema").fill("Logeren met medische zorg")
    centre.get_by_role("button", name="Oppakken").first.click()
    expect(centre.get_by_text("Opgepakt.", exact=True)).to_be_visible()
    centre.get_by_role("link", name="Logeren met medische zorg").click()
    assert axe_violations(centre) == []
    centre.get_by_label("Actie").fill("Brief aan het ministerie van VWS")
    centre.get_by_label("Status").select_option("underway")
    centre.get_by_label("Datum").fill("2026-12-01")
    centre.get_by_role("button", name="Actie toevoegen").click()
    expect(centre.locator("#actions")).to_contain_text("Brief aan het ministerie van VWS")
    centre.get_by_role("link", name=region.name).click()  # back to the region's report
    centre.get_by_label("Het antwoord aan de regio en aan wie het meldde").fill(
        "We schrijven het ministerie en laten in het voorjaar weten wat eruit komt."
    )
    centre.get_by_role("button", name="Antwoord versturen").click()
    expect(centre.get_by_text("Beantwoord; 1 persoon gemaild.")).to_be_visible()
    centre.goto("/national/")
    assert axe_violations(centre) == []
    # The tables sort by a column: twice on "Netwerk" puts the networks in reverse order.
    trend = centre.locator("#national-trend")
    trend.get_by_role("button", name="Netwerk").click()
    expect(trend.locator("thead th").first).to_have_attribute("aria-sort", "ascending")
    first = trend.locator("tbody tr").first.locator("th").inner_text()
    trend.get_by_role("button", name="Netwerk").click()
    expect(trend.locator("thead th").first).to_have_attribute("aria-sort", "descending")
    assert trend.locator("tbody tr").first.locator("th").inner_text() != first
    expect(trend.locator("tbody tr").last).to_contain_text("Mediaan")  # the median stays last

    phone.goto("/signals/mine/")
    expect(phone.get_by_text("Er is een antwoord:")).to_be_visible()
    expect(phone.get_by_text("We schrijven het ministerie")).to_be_visible()
    assert axe_violations(phone) == []


def test_the_public_form_and_the_comparison_page(
    people, region, coordinator, login_via_browser, axe_violations
):
    visitor = people("nl", 390)
    visitor.goto(f"/networks/{region.slug}/")
    visitor.get_by_role("link", name="Loop je ergens tegenaan? Vertel het ons").click()
    assert axe_violations(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    visitor.get_by_label("Iets ging juist heel goed").check()
    visitor.get_by_label("Wat is er gebeurd?").fill("De huisarts kwam dezelfde avond nog langs.")
    visitor.get_by_role("button", name="Versturen").click()
    expect(visitor.get_by_role("heading", name="Dank je wel dat je het vertelde")).to_be_visible()
    assert axe_violations(visitor) == []

    desk = people("nl", 1280)
    login_via_browser(desk, coordinator)
    desk.goto(f"/regions/{region.slug}/monitoring/")
    desk.get_by_role("link", name="Naast de landelijke mediaan").click()
    expect(desk.get_by_role("heading", name="Naast de landelijke mediaan")).to_be_visible()
    assert axe_violations(desk) == []
    desk.goto("/")
    desk.get_by_role("link", name="Een signaal melden").click()
    expect(desk.get_by_role("heading", name="Een signaal melden")).to_be_visible()
    assert axe_violations(desk) == []
