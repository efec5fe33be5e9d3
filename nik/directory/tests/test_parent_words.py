"""What parents type finds the help they mean (issue 30, point 7): one test per word of
data/parent_words.csv, on the demo's own entries for one town, and no word finds everything.
Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nik.core.factories import OrganizationFactory
from nik.directory import demo
from nik.directory.factories import make_service
from nik.directory.models import Category, Service
from nik.directory.selectors import find

pytestmark = pytest.mark.django_db

WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "parent_words.csv"
with WORDS_FILE.open(newline="", encoding="utf-8") as _f:
    WORDS = list(csv.DictReader(_f))
# A word parents type never finds more than a third of the wegwijzer: a word that finds
# everything helps nobody.
AT_MOST = 1 / 3


@pytest.fixture
def wegwijzer(region) -> list[Service]:
    """Every kind of entry the demo has, once, in Leiden, and the national ones."""
    owner = OrganizationFactory(region=region)
    entries = [(region, pattern.format(town="Leiden"), *rest) for pattern, *rest in demo.KINDS]
    entries += [(None, *entry) for entry in demo.NATIONAL]
    return [
        make_service(
            where,
            name,
            category,
            owner=owner,
            description=description,
            for_whom=for_whom,
            ages=ages,
        )
        for where, name, category, description, for_whom, ages, _financing, _cost in entries
    ]


def test_the_list_has_forty_words_and_a_word_for_every_kind_of_help():
    assert len({row["word"] for row in WORDS}) == len(WORDS) >= 40
    assert {row["kind"] for row in WORDS} == set(Category.values)


@pytest.mark.parametrize("row", WORDS, ids=[row["word"] for row in WORDS])
def test_a_word_parents_type_finds_the_help_it_means(row, wegwijzer, region):
    services, _point, _problem = find({"q": row["word"]}, region)
    found = list(services)
    texts = {s.name: f"{s.name} {s.description}".lower() for s in found}
    assert any(
        s.category == row["kind"] and row["finds"].lower() in texts[s.name] for s in found
    ), f"{row['word']!r} finds {sorted(texts)}"
    assert len(found) <= len(wegwijzer) * AT_MOST, f"{row['word']!r} finds {sorted(texts)}"
    if row["not_finds"]:
        assert not [name for name in texts if row["not_finds"] in name], sorted(texts)


def test_a_parent_typing_oppas_sees_the_volunteer_who_comes_to_babysit(client, wegwijzer, region):
    """The issue's own search: "oppas", where the entry says "om op te passen"."""
    page = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": "oppas"}).text
    assert "1 resultaat" in page
    assert "Vrijwillige thuishulp Leiden" in page


def test_taxi_and_vervoer_find_the_transport_and_not_the_psychologists(client, wegwijzer, region):
    for typed in ("taxi", "vervoer"):
        page = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": typed}).text
        assert "Aangepast vervoer Leiden" in page, typed
        assert "Psychologie" not in page and "Maatschappelijk werk" not in page, typed


def test_the_migration_indexes_saved_services_again(wegwijzer, region):
    """Entries saved before the index knew these words are found after the migration."""
    import importlib

    from django.apps import apps
    from django.db import connection

    old = Service.objects.get(name="Vrijwillige thuishulp Leiden")
    before = "zqkindvolunteers " + " ".join(old.description.lower().split())
    Service.objects.filter(pk=old.pk).update(search_stems=before)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE directory_service_fts SET stems = %s WHERE rowid = %s", [before, old.pk]
            )
    else:
        Service.objects.filter(pk=old.pk).update(search_vector=None)
    assert "Vrijwillige thuishulp Leiden" not in [s.name for s in find({"q": "oppas"}, region)[0]]
    importlib.import_module("nik.directory.migrations.0005_reindex_with_parents_words").reindex(
        apps, None
    )
    assert [s.name for s in find({"q": "oppas"}, region)[0]] == ["Vrijwillige thuishulp Leiden"]
