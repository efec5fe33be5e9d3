"""Each persona's day, walked as they would on a phone: from the start page, in Dutch at 390 px,
following the links the product shows them (breadth first, a bounded sample: at most two pages
of each shape of address). A page fails the walk on a server error, a text left in English, a
page that scrolls sideways, or, for a parent, the word the seed says frightens parents.

This is the walk that found issue 30 by hand, made the project's own. It runs on one database
(SQLite; deselected on PostgreSQL) to keep CI bounded; the link and access tests cover both."""

from __future__ import annotations

import re
from collections import Counter, deque
from functools import cache
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import polib
import pytest

from nik.core.factories import PASSWORD
from nik.core.models import User
from nik.home import demo

pytestmark = [pytest.mark.browser, pytest.mark.sqlite_only]

PERSONAS = [
    "anonymous",
    "coordinator@holland-rijnland.example",
    "casemanager@holland-rijnland.example",
    "member@holland-rijnland.example",
    "steering@holland-rijnland.example",
    "parent@holland-rijnland.example",
    "national@nik.example",
]
PAGES = 40  # per persona
PER_SHAPE = 2  # /families/12/ and /families/13/ are one shape
# Downloads, the account pages (their own tests), the admin, the API and the language switch.
SKIP = re.compile(
    r"^/(accounts/|admin/|i18n/|static/|media/|api/|fhir/|hsds/)|logout|\.(pdf|xlsx|csv|ics|json|svg|png|zip)(\?|$)"
)
CATALOGUE = Path(__file__).resolve().parents[2] / "nik/locale/nl/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|[\"“”]")
# English fragments that are also Dutch, or names: never a sign of a missing translation.
NOT_ENGLISH = {"Open Referral", "Netwerken Integrale Kindzorg"}


@cache
def english_fragments() -> tuple[str, ...]:
    """Pieces of the interface's English texts (three words or more) whose Dutch differs: one of
    these on a Dutch page is a text that was not translated."""
    found = set()
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete or not entry.msgstr or entry.msgstr == entry.msgid:
            continue
        for piece in PLACEHOLDER.split(entry.msgid):
            piece = piece.strip(" .,:;()—-·")
            if len(piece) >= 18 and len(piece.split()) >= 3 and piece not in entry.msgstr:
                found.add(piece)
    return tuple(sorted(found - NOT_ENGLISH))


def shape(path: str) -> str:
    return re.sub(r"\d+", "#", urlsplit(path).path)


def links(page) -> list[str]:
    hrefs = page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
        .map(a => new URL(a.getAttribute('href'), location.href).href)"""
    )
    origin = page.evaluate("() => location.origin")
    out = []
    for href in hrefs:
        link = urldefrag(href)[0]
        if not link.startswith(origin):
            continue
        path = link[len(origin) :] or "/"
        if not SKIP.search(path):
            out.append(path)
    return out


def problems_of(page, path: str, status: int, parent: bool) -> list[str]:
    if status >= 500:
        return [f"{path}: server error {status}"]
    found = []
    wide = page.evaluate(
        """() => document.documentElement.scrollWidth > window.innerWidth + 1
        ? [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest('.utrecht-table-container, .nik-matrix, .nik-picker__rows'))
            .slice(0, 3).map(e => e.tagName + '.' + e.className)
        : []"""
    )
    if wide:
        found.append(f"{path}: scrolls sideways at 390 px ({wide})")
    text = page.evaluate("() => document.body.innerText")
    english = [piece for piece in english_fragments() if piece in text]
    if english:
        found.append(f"{path}: not translated: {english[:3]}")
    if parent and re.search(r"palliati", text, re.IGNORECASE):
        found.append(f"{path}: says 'palliatief' to a parent")
    return found


@pytest.mark.parametrize("email", PERSONAS)
def test_a_persona_walks_their_day_in_dutch_on_a_phone(page, login_via_browser, email):
    demo.load()
    page.set_viewport_size({"width": 390, "height": 844})
    if email != "anonymous":
        user = User.objects.get(email=email)
        user.set_password(PASSWORD)
        user.save()
        login_via_browser(page, user)
    queue, seen, shapes = deque(["/"]), {"/"}, Counter[str]()
    opened, problems = 0, []
    while queue and opened < PAGES:
        path = queue.popleft()
        response = page.goto(path)
        assert response is not None
        opened += 1
        problems += problems_of(page, path, response.status, email.startswith("parent"))
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        for link in links(page):
            if link not in seen and shapes[shape(link)] < PER_SHAPE:
                seen.add(link)
                shapes[shape(link)] += 1
                queue.append(link)
    assert opened >= min(PAGES, 8)  # the walk went somewhere
    assert problems == [], "\n".join(problems)


def test_the_walk_would_see_an_english_text():
    # The detector itself: a known English text of the interface is recognised, its Dutch is not.
    pieces = english_fragments()
    assert len(pieces) > 500
    assert any("discussed with the parents" in piece for piece in pieces)
    assert not any("besproken met de ouders" in piece for piece in pieces)
