"""Pages show only the links their reader may follow (issue 14, point 12): from the start page,
every link a persona of the demo can click, followed a few levels deep, opens — no "no access"
and no "not found" behind a link the product itself showed."""

from __future__ import annotations

import re

import pytest

from nik.core.models import User
from nik.home import demo
from tests.crawl import walk

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "coordinator@holland-rijnland.example",
    "casemanager@holland-rijnland.example",
    "member@holland-rijnland.example",
    "steering@holland-rijnland.example",
    "parent@holland-rijnland.example",
    "national@nik.example",
]
# Links that end the visit or belong to the admin and the account pages (their own tests).
SKIP = re.compile(r"^/(accounts/|admin/|i18n/|static/)")
MAX_PAGES = 250


def crawl(client) -> tuple[int, list[str]]:
    opened, broken = 0, []
    for path, source, response in walk(client, SKIP, MAX_PAGES):
        opened += 1
        if response.status_code in (403, 404, 410) or response.status_code >= 500:
            broken.append(f"{path} ({response.status_code}) linked from {source}")
    return opened, broken


@pytest.mark.parametrize("email", PERSONAS)
def test_every_link_a_persona_sees_opens(client, login, email):
    demo.load()
    if email != "anonymous":
        client = login(User.objects.get(email=email))
    opened, broken = crawl(client)
    assert opened > 20  # breadth first from the start page: every level-one link and more
    assert broken == [], "\n".join(broken)
