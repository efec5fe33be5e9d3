"""Search understands the words parents type: kinds of help by their everyday names, in Dutch
and English, and a search without results offers the nearest kind and the contact point
(issue 14, point 2). Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from nik.core.factories import OrganizationFactory
from nik.directory.factories import make_service
from nik.directory.selectors import find
from nik.directory.synonyms import kinds_in, nearest_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def wegwijzer(region):
    owner = OrganizationFactory(region=region)

    def make(name, description, category, ages=(0, 18)):
        return make_service(
            region, name, category, owner=owner, description=description, ages=ages, postcode="2311"
        )

    return {
        "zeester": make("De Zeester", "Een huis waar kinderen een weekend blijven.", "respite"),
        "hospice": make("Kinderhospice Het Anker", "Zorg en rust voor het gezin.", "respite"),
        "teens": make("Tienerhuis", "Voor jongeren.", "respite", ages=(12, 18)),
        "thuis": make(
            "Kinderthuiszorg Rijnland", "Verpleegkundigen bij jullie thuis.", "home_nursing"
        ),
        "ouders": make(
            "Oudervereniging Samen", "Wij wijzen je de weg naar logeeropvang en meer.", "parents"
        ),
        "brussen": make("Brussengroep", "Samen spelen.", "siblings"),
    }


def _names(data, region):
    services, _point, _problem = find(data, region)
    return [s.name for s in services]


def test_everyday_words_name_a_kind_of_help():
    assert kinds_in("logeeropvang") == ({"respite"}, [])
    assert kinds_in("Respijtzorg in Leiden") == ({"respite"}, ["in", "leiden"])
    assert kinds_in("verpleging thuis")[0] == {"home_nursing"}
    assert kinds_in("short break")[0] == {"respite"}
    assert kinds_in("home care for my son")[0] == {"home_nursing"}
    assert kinds_in("children's hospice")[0] == {"respite"}
    assert kinds_in("zeester") == (set(), ["zeester"])


@pytest.mark.parametrize(
    "query", ["logeeropvang", "logeerhuis", "respijtzorg", "respite", "kinderhospice"]
)
def test_respite_words_find_the_respite_services_near_leiden_for_a_child_of_6(
    query, wegwijzer, region
):
    found = _names({"q": query, "near": "Leiden", "age": 6}, region)
    assert {"De Zeester", "Kinderhospice Het Anker"} <= set(found)
    assert "Tienerhuis" not in found  # not for a child of 6
    assert "Brussengroep" not in found and "Kinderthuiszorg Rijnland" not in found


def test_a_service_that_mentions_the_word_is_found_after_those_of_the_kind(wegwijzer, region):
    found = _names({"q": "logeeropvang"}, region)
    assert found[-1] == "Oudervereniging Samen"
    assert set(found[:-1]) == {"De Zeester", "Kinderhospice Het Anker", "Tienerhuis"}


@pytest.mark.parametrize("query", ["verpleging thuis", "thuiszorg", "home nursing", "nurse"])
def test_home_care_words_find_home_nursing(query, wegwijzer, region):
    assert _names({"q": query}, region) == ["Kinderthuiszorg Rijnland"]


def test_other_words_put_the_services_that_have_them_first(wegwijzer, region):
    """A word more never hides help of the kind asked for: it ranks."""
    found = _names({"q": "logeren anker"}, region)
    assert found[0] == "Kinderhospice Het Anker"
    assert {"De Zeester", "Tienerhuis"} <= set(found)
    assert _names({"q": "home nursing for my son"}, region) == ["Kinderthuiszorg Rijnland"]
    # Without a word for a kind of help, every word must be in the text, as before.
    assert _names({"q": "zeester"}, region) == ["De Zeester"]
    assert _names({"q": "zeester anker"}, region) == []


def test_a_typing_error_is_offered_the_nearest_kind(client, wegwijzer, region):
    assert nearest_kind("logerhuis") == "respite"
    assert nearest_kind("xyzzy") is None
    # "logeropvang" ends in "opvang", a word of its own now: it finds the respite help itself.
    assert "De Zeester" in _names({"q": "logeropvang"}, region)
    page = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": "logerhuis", "age": "6"}).text
    assert "0 resultaten" in page
    assert "Misschien zoek je" in page
    assert "?age=6&amp;category=respite" in page
    assert "Vraag het netwerk" in page


def test_a_search_with_nothing_close_offers_the_contact_point_only(client, wegwijzer, region):
    page = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": "xyzzy"}).text
    assert "Misschien zoek je" not in page
    assert "Vraag het netwerk" in page
    assert f'href="/regions/{region.slug}/contact/"' in page


def test_in_english_too(client, wegwijzer, region):
    client.cookies["django_language"] = "en"
    page = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": "respite", "near": "Leiden"}).text
    assert "De Zeester" in page and "Kinderhospice Het Anker" in page
    page = client.get(f"/regions/{region.slug}/wegwijzer/", {"q": "respit care"}).text
    assert "Perhaps you are looking for" in page


def test_the_index_word_for_a_kind_is_not_found_by_real_words(wegwijzer, region):
    """The index's own word for a kind starts with letters no real word starts with: typing
    "nik" (as in the network's name) does not find every service through it."""
    from nik.directory.search import kind_token

    assert kind_token("respite").startswith("zq")
    for typed in ("nik", "nikkind", "kindzq"):
        assert _names({"q": typed}, region) == [], typed
    # A compound ending in a word parents type is read by that word, not by the index's word.
    assert _names({"q": "kindrespite"}, region) == _names({"q": "respite"}, region)
