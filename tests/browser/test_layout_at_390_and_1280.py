"""Found in use at 390 and 1280 px (issue 30): table headers broken mid-word ("Verb indi nge n",
"St at us"), a graph without names, a national map that clipped its labels and named no network,
and a white-spots matrix that hid half its columns at 1280 px. And a website typed without
https:// that the browser refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nik.core.factories import PASSWORD
from nik.core.models import Organization, User
from nik.home import demo

pytestmark = pytest.mark.browser

HR = "/regions/holland-rijnland"
TABLES = {
    f"{HR}/network/graph/": "#graph-table",
    f"{HR}/roadmap/milestones/": "#milestones",
    f"{HR}/network/gaps/": "#gap-matrix",
}

# Header cells narrower than their longest word: that word is broken (or runs out of the cell).
NARROW_HEADERS = """(table) => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  document.body.append(probe);
  const found = [];
  for (const th of table.querySelectorAll('th')) {
    const cs = getComputedStyle(th);
    const upright = cs.writingMode.startsWith('vertical');
    const room = upright
      ? th.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)
      : th.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    probe.style.font = cs.font;
    probe.style.letterSpacing = cs.letterSpacing;
    // A line may break after a hyphen ("Zijlemans-|Takkelenburg"): that is no broken word.
    for (const word of th.textContent.split(/\\s+|(?<=-)/).filter(Boolean)) {
      probe.textContent = word;
      const needs = probe.getBoundingClientRect().width;
      if (needs > room + 1) found.push(`${word}: ${Math.round(needs)} > ${Math.round(room)}`);
    }
    if (th.scrollWidth > th.clientWidth + 1) found.push(`${th.textContent.trim()}: overflows`);
  }
  probe.remove();
  return found;
}"""

# SVG text outside the picture's viewBox is cut off.
TEXT_OUTSIDE = """(svg) => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].filter(t => {
    const b = t.getBBox();
    return b.x < box.x - 0.5 || b.y < box.y - 0.5 || b.x + b.width > box.x + box.width + 0.5
      || b.y + b.height > box.y + box.height + 0.5;
  }).map(t => t.textContent);
}"""


def _sign_in(people, login_via_browser, email: str, width: int):
    user = User.objects.get(email=email)
    user.set_password(PASSWORD)
    user.save()
    page = people("nl", width)
    login_via_browser(page, user)
    return page


@pytest.mark.parametrize("width", [390, 1280])
def test_tables_keep_their_words_whole_and_the_pictures_name_what_they_show(
    people, transactional_db, login_via_browser, axe_violations, width
):
    demo.load()
    page = _sign_in(people, login_via_browser, "coordinator@holland-rijnland.example", width)
    for path, table in TABLES.items():
        assert page.goto(path).status == 200, path
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), path
        assert page.locator(table).evaluate(NARROW_HEADERS) == [], path
        # The table scrolls in a region of its own that a keyboard can reach.
        region = page.locator(table).locator("xpath=ancestor::div[@role='region'][1]")
        expect(region).to_have_attribute("tabindex", "0")
    assert axe_violations(page) == []

    # The white-spots matrix: at 1280 px every column is in view; on a phone the municipality
    # stays in view while the numbers scroll.
    page.goto(f"{HR}/network/gaps/")
    matrix = page.locator(".nik-matrix")
    if width == 1280:
        assert matrix.evaluate("m => m.scrollWidth <= m.clientWidth + 1")
    else:
        first = page.locator("#gap-matrix tbody th").first
        before = first.bounding_box()["x"]
        matrix.evaluate("m => { m.scrollLeft = m.scrollWidth; }")
        assert matrix.evaluate("m => m.scrollLeft") > 0
        assert abs(first.bounding_box()["x"] - before) < 1

    # The graph names its best-connected organisations, inside the picture.
    page.goto(f"{HR}/network/graph/")
    graph = page.locator("svg.nik-graph")
    labels = graph.locator("text").all_text_contents()
    assert len(labels) >= 5
    assert any(label.startswith("LUMC") for label in labels)
    assert graph.evaluate(TEXT_OUTSIDE) == []

    # The national map names every network, and no label runs past its edge.
    centre = _sign_in(people, login_via_browser, "national@nik.example", width)
    centre.goto("/national/")
    assert centre.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    source = centre.locator("img.nik-chart").first.get_attribute("src")
    centre.goto(source)
    svg = centre.locator("svg")
    names = " ".join(svg.locator("text").all_text_contents())
    for region in (
        "Holland Rijnland",
        "Noord-Nederland",
        "Oost-Nederland",
        "Midden-Nederland",
        "Noord-Holland en Flevoland",
        "Zuidwest-Nederland",
        "Limburg",
    ):
        assert region in names
    assert svg.evaluate(TEXT_OUTSIDE) == []


def test_a_website_typed_without_https_is_sent_saved_and_linked(
    people, region, coordinator, login_via_browser
):
    phone = people("nl", 390)
    login_via_browser(phone, coordinator)
    phone.goto(f"/regions/{region.slug}/network/organizations/new/")
    phone.get_by_label("Naam:", exact=True).fill("Kinderhospice De Vlinder")
    phone.get_by_label("Soort:", exact=True).select_option("hospice")
    phone.get_by_label("Website:", exact=True).fill("www.devlinder.nl")
    phone.get_by_role("button", name="Opslaan").click()
    link = phone.get_by_role("link", name="https://www.devlinder.nl")
    expect(link).to_have_attribute("href", "https://www.devlinder.nl")
    assert Organization.objects.get(name="Kinderhospice De Vlinder").website == (
        "https://www.devlinder.nl"
    )
