"""The family list in Dutch order: the tussenvoegsel does not count (issue 30)."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps

from nik.families.factories import FamilyFactory
from nik.families.models import Family
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

NAMES = [
    "Gezin Woutersz",
    "Gezin van Waas",
    "Gezin de Kale",
    "Gezin Bakker",
    "Gezin van der Laarse",
    "Gezin 't Hart",
    "Gezin Ten Brink",
    "Gezin Özdemir",
]
IN_DUTCH_ORDER = [
    "Gezin Bakker",
    "Gezin Ten Brink",
    "Gezin 't Hart",
    "Gezin de Kale",
    "Gezin van der Laarse",
    "Gezin Özdemir",
    "Gezin van Waas",
    "Gezin Woutersz",
]


def _listed(text: str) -> list[str]:
    return re.findall(r'href="/families/\d+/">([^<]+)</a>', text)


def test_the_family_list_sorts_on_the_surname_without_its_tussenvoegsel(
    client, login, coordinator, region
):
    for name in NAMES:
        FamilyFactory(region=region, name=name)
    page = login(coordinator).get("/families/")
    assert [n.replace("&#x27;", "'") for n in _listed(page.text)] == IN_DUTCH_ORDER


def test_a_renamed_family_moves_to_its_new_place(client, login, coordinator, region):
    bakker = FamilyFactory(region=region, name="Gezin Bakker")
    FamilyFactory(region=region, name="Gezin Jansen")
    bakker.name = "Gezin van Aken"
    bakker.save(update_fields=["name"])
    page = login(coordinator).get("/families/")
    assert _listed(page.text) == ["Gezin van Aken", "Gezin Jansen"]


def test_paging_in_dutch_order_shows_every_family_once_at_the_same_cost(
    client, login, coordinator, region
):
    prefixes = ["", "de ", "van ", "van der ", "ten "]
    made = [
        FamilyFactory(region=region, name=f"Gezin {prefixes[i % 5]}Naam{i // 5:02d}")
        for i in range(120)
    ]
    client = login(coordinator)
    client.get("/families/")  # the session's first request does its own once-only work
    seen, url, costs = [], "/families/", []
    while url:
        costs.append(queries_of(lambda url=url: client.get(url)))
        text = client.get(url).text
        seen += [int(pk) for pk in re.findall(r'href="/families/(\d+)/"', text)]
        found = re.search(r'rel="next" href="\?([^"]+)"', text)
        url = "/families/?" + found.group(1).replace("&amp;", "&") if found else ""
    # By the surname, then by the tussenvoegsel ("Naam03", "de Naam03", "ten Naam03", ...).
    words = {f.pk: f.name.split()[1:] for f in made}
    expected = sorted(made, key=lambda f: (words[f.pk][-1], " ".join(words[f.pk][:-1]), f.pk))
    assert seen == [f.pk for f in expected]
    assert len(costs) == 3 and len(set(costs)) == 1


def test_the_migration_gives_the_families_already_there_their_sort_name(region):
    for name in NAMES:
        FamilyFactory(region=region, name=name)
    Family.objects.update(sort_name="")
    migration = importlib.import_module("nik.families.migrations.0015_family_sort_name")
    migration.fill_sort_names(apps, None)
    assert list(Family.objects.order_by("sort_name", "pk").values_list("name", flat=True)) == (
        IN_DUTCH_ORDER
    )
