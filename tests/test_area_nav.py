"""The area navigation: the places of each role, only links the person may follow, and the
current place marked (issue 14, look and navigation)."""

from __future__ import annotations

import re

import pytest

from nik.core.models import User
from nik.families.models import Family
from nik.home import demo

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="nik-area".*?</nav>', re.S)
LINK = re.compile(r'<a class="nik-area__link" href="([^"]+)"( aria-current="page")?>([^<]+)</a>')

EXPECTED = {
    "coordinator@holland-rijnland.example": [
        "Start",
        "Gezinnen",
        "Aanmeldingen",
        "Vragen",
        "Netwerk",
        "Stappenplan",
        "Resultaten",
        "Scholing",
        "Samen leren",
        "Signalen",
        "Wegwijzer",
    ],
    "casemanager@holland-rijnland.example": [
        "Start",
        "Gezinnen",
        "Netwerk",
        "Scholing",
        "Samen leren",
        "Signalen",
        "Wegwijzer",
    ],
    "member@holland-rijnland.example": [
        "Start",
        "Gezinnen",
        "Netwerk",
        "Scholing",
        "Samen leren",
        "Signalen",
        "Wegwijzer",
    ],
    "steering@holland-rijnland.example": [
        "Start",
        "Netwerk",
        "Stappenplan",
        "Resultaten",
        "Samen leren",
        "Signalen",
        "Wegwijzer",
    ],
    "parent@holland-rijnland.example": ["Start", "Wegwijzer"],
    "national@nik.example": ["Start", "Naast elkaar", "Signalen", "Wegwijzer"],
}


def links(page: str) -> list[tuple[str, bool, str]]:
    found = NAV.search(page)
    assert found, "no area navigation"
    return [(href, bool(current), label) for href, current, label in LINK.findall(found.group())]


@pytest.mark.parametrize("email", EXPECTED)
def test_each_role_sees_its_places_and_each_opens(client, login, email):
    demo.load()
    client = login(User.objects.get(email=email))
    shown = links(client.get("/").content.decode())
    assert [label for _href, _current, label in shown] == EXPECTED[email]
    assert [current for _href, current, label in shown] == [
        label == "Start" for _h, _c, label in shown
    ]
    for href, _current, label in shown:
        assert client.get(href).status_code == 200, (label, href)


def test_the_current_place_is_marked_below_its_address(client, login):
    demo.load()
    client = login(User.objects.get(email="coordinator@holland-rijnland.example"))
    family = Family.objects.filter(region__slug="holland-rijnland").first()
    for path, place in [
        (f"/families/{family.pk}/", "Gezinnen"),
        (f"/families/{family.pk}/plan/", "Gezinnen"),
        ("/regions/holland-rijnland/network/organizations/", "Netwerk"),
        ("/regions/holland-rijnland/", "Netwerk"),
        ("/regions/holland-rijnland/roadmap/steps/3/", "Stappenplan"),
        ("/regions/holland-rijnland/referrals/", "Aanmeldingen"),
        ("/regions/holland-rijnland/wegwijzer/", "Wegwijzer"),
        ("/regions/holland-rijnland/learning/sessions/1/", "Scholing"),
        ("/regions/holland-rijnland/mirror/", "Samen leren"),
    ]:
        marked = [
            label for _h, current, label in links(client.get(path).content.decode()) if current
        ]
        assert marked == [place], path


def test_visitors_get_no_area_navigation(client):
    assert 'class="nik-area"' not in client.get("/wegwijzer/").content.decode()
