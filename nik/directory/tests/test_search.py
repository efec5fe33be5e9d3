"""Finding help: ranking, stemming, filters, distance, bad input — the same on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
import threading
from datetime import timedelta

import pytest
import snowballstemmer
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nik.core.factories import OrganizationFactory
from nik.directory import actions, search
from nik.directory.models import Service
from nik.directory.selectors import find

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(region):
    owner = OrganizationFactory(region=region)

    def make(
        name,
        description,
        category="respite",
        postcode="",
        ages=(0, 18),
        financing="",
        languages="nl",
        **extra,
    ):
        return actions.do_save_service(
            Service(
                region=region,
                organization=owner,
                name=name,
                description=description,
                category=category,
                age_min=ages[0],
                age_max=ages[1],
                financing=financing,
                languages=languages,
                postcode=postcode,
                **extra,
            ),
            acting_user=None,
        )

    return {
        "leiden": make(
            "Logeerhuis De Zeester",
            "Logeren in een logeerhuis met verpleging",
            postcode="2311",
            financing="wlz,pgb",
        ),
        "gouda": make(
            "Logeerhuis Het Anker",
            "Een weekend logeren voor kinderen",
            postcode="2801",
            financing="wlz",
        ),
        "groningen": make("Logeerhuis Noord", "Logeren in het noorden", postcode="9711"),
        "siblings": make(
            "Broertjes en zusjes groep",
            "Een groep voor broertjes en zusjes",
            category="siblings",
            postcode="2311",
            ages=(6, 16),
            financing="free",
            languages="nl,en",
        ),
        "grief": make(
            "Rouwgroep",
            "Verlies en rouw, ook over een logeerhuis gesproken",
            category="grief",
            postcode="2312",
        ),
    }


def names(qs) -> list[str]:
    return [s.name for s in qs]


def test_plural_finds_singular_by_dutch_stemming(services):
    result, _point, _problem = find({"q": "logeerhuizen"}, None)
    assert set(names(result)) >= {
        "Logeerhuis De Zeester",
        "Logeerhuis Het Anker",
        "Logeerhuis Noord",
    }


def test_name_matches_rank_above_description_matches(services):
    result, *_ = find({"q": "logeerhuis"}, None)
    ranked = names(result)
    assert ranked.index("Rouwgroep") > ranked.index("Logeerhuis De Zeester")


def test_every_word_must_match(services):
    result, *_ = find({"q": "broertjes zusjes"}, None)
    assert names(result) == ["Broertjes en zusjes groep"]


def test_filters_by_category_age_financing_and_language(services):
    assert names(find({"category": "siblings", "age": 6}, None)[0]) == ["Broertjes en zusjes groep"]
    assert names(find({"category": "siblings", "age": 3}, None)[0]) == []
    assert set(names(find({"financing": "pgb"}, None)[0])) == {"Logeerhuis De Zeester"}
    assert names(find({"language": "en"}, None)[0]) == ["Broertjes en zusjes groep"]


def test_filter_by_municipality(services):
    Service.objects.filter(pk=services["gouda"].pk).update(city="Gouda")
    assert names(find({"municipality": "gouda"}, None)[0]) == ["Logeerhuis Het Anker"]


def test_nearest_first_from_a_postcode_or_a_town(services):
    from_leiden, point, problem = find({"q": "logeerhuis", "near": "2312"}, None)
    assert problem == "" and point.label.startswith("2312")
    # 2312 itself, then 2311 next door, then Gouda, and Groningen last.
    assert names(from_leiden) == [
        "Rouwgroep",
        "Logeerhuis De Zeester",
        "Logeerhuis Het Anker",
        "Logeerhuis Noord",
    ]
    from_groningen, *_ = find({"category": "respite", "near": "Groningen"}, None)
    assert names(from_groningen)[0] == "Logeerhuis Noord"
    assert search.km(from_groningen[0].distance2) < 5


def test_the_growing_box_counts_without_sorting(services):
    """Each box `nearest` tries is counted up to a page: only useful unsorted (a sorted count
    sorts every service in the box before it stops)."""
    with CaptureQueriesContext(connection) as probes:
        find({"category": "respite", "near": "Groningen"}, None)
    counts = [q["sql"] for q in probes.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql and "ORDER BY" not in sql for sql in counts)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "x" * 10_000,
        "'; DROP TABLE directory_service; --",
        "<script>alert(1)</script>",
        '"unbalanced',
        "AND OR NOT *",
    ],
)
def test_odd_queries_give_a_page_not_an_error(client, services, query):
    response = client.get("/wegwijzer/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert Service.objects.count() == 5


def test_unknown_category_and_place_outside_the_netherlands(client, services):
    response = client.get("/wegwijzer/", {"category": "dragons"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    response = client.get("/wegwijzer/", {"near": "Parijs"})
    assert response.status_code == 200 and "We kennen de plaats" in response.text
    response = client.get("/api/v1/services", {"near": "48.85,2.35"})
    assert response.status_code == 400


def test_stale_services_are_marked_on_the_public_page(client, services):
    Service.objects.filter(pk=services["gouda"].pk).update(
        last_confirmed=timezone.localdate() - timedelta(days=400)
    )
    page = client.get("/wegwijzer/", {"q": "Anker"})
    assert (
        "Meer dan een jaar niet gecontroleerd" in page.text
        or "meer dan een jaar" in page.text.lower()
    )


def test_search_query_count_does_not_grow(client, region, services, django_assert_max_num_queries):
    client.get("/wegwijzer/", {"q": "logeerhuis", "near": "2311"})
    with django_assert_max_num_queries(10) as few:
        client.get("/wegwijzer/", {"q": "logeerhuis", "near": "2311"})
    owner = services["leiden"].organization
    for i in range(30):
        actions.do_save_service(
            Service(
                region=region,
                organization=owner,
                name=f"Logeerhuis {i}",
                description="Logeren",
                category="respite",
                postcode="2311",
            ),
            acting_user=None,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/wegwijzer/", {"q": "logeerhuis", "near": "2311"})


def test_an_emptied_postcode_table_fills_itself_again(db):
    from nik.directory.models import Place

    Place.objects.all().delete()
    assert search.find_place("Leiden").label == "Leiden"
    assert Place.objects.count() > 4000


@pytest.mark.django_db(False)
def test_stemming_from_many_threads_at_once_gives_each_word_its_own_stem():
    """A gthread worker searches for two people at once; the stemmer keeps its word in itself.
    Shared without a lock it gave other words' stems and raised IndexError here."""
    words = [f"logeerhuizen{i}" for i in range(400)] + [f"verpleegkundigen{i}" for i in range(400)]
    alone = snowballstemmer.stemmer("dutch")
    expected = {word: alone.stemWord(word) for word in words}
    search._stem.cache_clear()  # every word stemmed by the shared stemmer, none remembered
    wrong: list[str] = []
    failed: list[BaseException] = []

    def stem_all(order: list[str]) -> None:
        try:
            wrong.extend(w for w in order if search.stems(w) != expected[w])
        except Exception as error:  # noqa: BLE001 - any error is what the test reports
            failed.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        threads = [threading.Thread(target=stem_all, args=(words[i::4] + words,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failed == [] and wrong == []
