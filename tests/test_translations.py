"""Every text the code shows has its Dutch in the one catalogue (nik/locale/nl/.../django.po)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_the_dutch_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_every_text_in_the_code_is_in_the_catalogue(tmp_path, monkeypatch):
    """Extract the texts afresh from a copy of the code and look each one up in the catalogue."""
    source = Path(settings.BASE_DIR)
    copy = tmp_path / "nik"
    shutil.copytree(
        source,
        copy,
        ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo", "tests", "migrations"),
    )
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_obsolete=True, verbosity=0)
    fresh = polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    kept = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(CATALOGUE))}
    missing = [
        e.msgid
        for e in fresh
        if (e.msgctxt, e.msgid) not in kept or not kept[(e.msgctxt, e.msgid)].translated()
    ]
    assert missing == []
