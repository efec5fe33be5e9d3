"""Every page a persona of the demo reaches, read in Dutch and in English (issue 14, point 11):
no interface text of the other language, amounts and numbers written as that language writes
them, and dates in words, never as ISO dates.

Interface text is known from the catalog: an English source text whose Dutch differs must not
stand on a Dutch page (a text not marked for translation, or translated too early, at import),
and its Dutch must not stand on an English page (Dutch written into the code, or a Dutch page
cached and served to an English reader). Short texts are left out: "Status" is both languages.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from nik.core.models import User
from nik.home import demo
from tests.crawl import walk

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "coordinator@holland-rijnland.example",
    "casemanager@holland-rijnland.example",
    "steering@holland-rijnland.example",
    "parent@holland-rijnland.example",
    "national@nik.example",
]
SKIP = re.compile(r"^/(accounts/|admin/|i18n/|static/|api/|fhir/)|\.(pdf|xlsx|ics|json)$")
MAX_PAGES = 120
INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
ISO_DATE = re.compile(r"\b20\d\d-[01]\d-[0-3]\d\b")
AMOUNT = re.compile(r"€\s*\d[\d.,]*")
WRITTEN = {
    "nl": re.compile(r"€ \d{1,3}(\.\d{3})*(,\d{2})?$"),
    "en": re.compile(r"€ ?\d{1,3}(,\d{3})*(\.\d{2})?$"),
}


def _catalog() -> tuple[list[str], list[str]]:
    """(English texts, Dutch texts) of the interface that differ between the two and are long
    enough to be told apart from data: three words or more, placeholders taken out."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale/nl/LC_MESSAGES/django.po"))
    english, dutch = [], []
    for entry in po.translated_entries():
        for source, target in [(entry.msgid, entry.msgstr)] + (
            [(entry.msgid_plural, entry.msgstr_plural.get(1, ""))] if entry.msgid_plural else []
        ):
            # The longest stretch of plain words, without placeholders or markup.
            parts = re.split(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|<[^>]+>|\n", source)
            words = max(parts, key=len).strip(" .,:;—–-()“”‘’\"'")
            shown = max(re.split(r"%\(\w+\)[sd]|%[sd]|<[^>]+>|\n", target), key=len).strip(
                " .,:;—–-()“”‘’\"'"
            )
            if source != target and len(words.split()) >= 3 and words.lower() not in target.lower():
                english.append(words)
            if source != target and len(shown.split()) >= 3 and shown.lower() not in source.lower():
                dutch.append(shown)
    return english, dutch


def _data() -> str:
    """Every text the demo's records hold, lower case: a catalog phrase found there may stand on
    a page as data ("broers en zussen" in a service's description), so it proves nothing."""
    chunks = []
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if names:
            for row in model.objects.values_list(*names):
                chunks += [str(value) for value in row if value]
    return " ".join(chunks).lower()


def text_of(html: str) -> str:
    main = html.split('id="main"', 1)[-1]
    return " ".join(unescape(TAG.sub(" ", INVISIBLE.sub(" ", main))).split())


def pages(client) -> list[str]:
    return [
        path
        for path, _source, response in walk(client, SKIP, MAX_PAGES * 2)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html")
    ][:MAX_PAGES]


def problems(text: str, language: str, other: list[str]) -> list[str]:
    found = [f"{'English' if language == 'nl' else 'Dutch'}: “{t}”" for t in other if t in text]
    found += [f"ISO date {d}" for d in ISO_DATE.findall(text)]
    found += [
        f"amount {a.strip()}"
        for a in AMOUNT.findall(text)
        if not WRITTEN[language].match(a.strip().rstrip(".,"))
    ]
    return found


@pytest.mark.parametrize("email", PERSONAS)
def test_every_page_reads_in_one_language(client, login, email):
    demo.load()
    english, dutch = _catalog()
    data = _data()
    english = [t for t in english if t.lower() not in data]
    dutch = [t for t in dutch if t.lower() not in data]
    if email != "anonymous":
        client = login(User.objects.get(email=email))
    paths = pages(client)
    assert len(paths) > 10
    report = []
    for language, other in [("nl", english), ("en", dutch)]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for path in paths:
            response = client.get(path)
            assert response["Content-Language"] == language
            for problem in problems(text_of(response.content.decode()), language, other):
                report.append(f"{language} {path}: {problem}")
    assert report == [], "\n".join(sorted(set(report)))
