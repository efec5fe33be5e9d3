"""At 390 px (a phone) no main page of any role scrolls sideways (issue 14, look and navigation):
the family record and the stakeholder page did. Tables and wide charts scroll inside their own
box; the page itself never does. The area navigation marks where you are."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from nik.core.factories import PASSWORD
from nik.core.models import User
from nik.families.models import Family
from nik.home import demo

pytestmark = pytest.mark.browser

HR = "/regions/holland-rijnland"
PAGES = {
    "coordinator@holland-rijnland.example": [
        "/",
        "/families/",
        "{family}",
        "{family}plan/",
        "{family}access-log/",
        f"{HR}/",
        f"{HR}/referrals/",
        f"{HR}/inquiries/",
        f"{HR}/network/organizations/",
        f"{HR}/network/stakeholders/",
        f"{HR}/network/gaps/",
        f"{HR}/network/graph/",
        f"{HR}/roadmap/",
        f"{HR}/roadmap/milestones/",
        f"{HR}/roadmap/agreement/",
        f"{HR}/roadmap/plan/",
        f"{HR}/wegwijzer/",
    ],
    "casemanager@holland-rijnland.example": ["/", "/families/", "{family}", "{family}plan/"],
    "steering@holland-rijnland.example": ["/", f"{HR}/", f"{HR}/roadmap/", f"{HR}/roadmap/plan/"],
    "parent@holland-rijnland.example": ["/", "{family}", "{family}plan/", "{family}access-log/"],
    "national@nik.example": ["/", "/wegwijzer/"],
}


def _wide(page) -> list[str]:
    return page.evaluate(
        """() => document.documentElement.scrollWidth > window.innerWidth + 1
        ? [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest('.utrecht-table-container, .nik-matrix, .nik-picker__rows'))
            .slice(0, 3).map(e => e.tagName + '.' + e.className)
        : []"""
    )


@pytest.mark.parametrize("email", PAGES)
def test_no_main_page_scrolls_sideways_at_390(page, transactional_db, login_via_browser, email):
    demo.load()
    user = User.objects.get(email=email)
    user.set_password(PASSWORD)
    user.save()
    family = Family.objects.filter(portal_users__email="parent@holland-rijnland.example").get()
    page.set_viewport_size({"width": 390, "height": 844})
    login_via_browser(page, user)
    found = []
    for path in PAGES[email]:
        path = path.format(family=f"/families/{family.pk}/")
        assert page.goto(path).status == 200, path
        if wide := _wide(page):
            found.append(f"{path}: {wide}")
    assert found == []
    page.goto("/")
    expect(page.locator(".nik-area [aria-current=page]")).to_have_text("Start")
