"""Finding help: Dutch full-text search (PostgreSQL's `dutch` configuration, or SQLite FTS5 over
Snowball-stemmed words, so "logeerhuizen" finds "logeerhuis" on both), filters and distance.

The index holds more than the stems of a service's words: also what its text says in the words
parents type (separable verbs joined, compounds' tails: nik.directory.synonyms.also_said), and a
typed word also looks for the words of its group ("taxi" for "vervoer": synonyms.readings)."""

from __future__ import annotations

import functools
import math
import re
import threading
from dataclasses import dataclass

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable

from . import synonyms
from .models import Place, Service

MAX_QUERY_WORDS = 12
MAX_CANDIDATES = 2000
# The Netherlands, roughly: a place outside it is not a place we can sort by.
NL_BOUNDS = (50.6, 53.7, 3.2, 7.3)

_stemmer = snowballstemmer.stemmer("dutch")
_stemmer_lock = threading.Lock()


def words(text: str) -> list[str]:
    """A query's words, folded, with separable verbs joined ("op te passen": "oppassen")."""
    return synonyms.joined(re.findall(r"\w+", synonyms.fold(text)))[:MAX_QUERY_WORDS]


def stems(text: str) -> str:
    """What the index holds for a text: the stems of its words and of what they also say."""
    found = re.findall(r"\w+", synonyms.fold(text))
    return " ".join(_stem(word) for word in [*found, *synonyms.also_said(found)])


def prefixes(term: str) -> list[str]:
    """The stems a typed word looks for, each as the start of an indexed word."""
    return sorted({_stem(w) for word in synonyms.readings(term) for w in re.findall(r"\w+", word)})


@functools.lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    # The stemmer keeps the word it works on in itself: two threads of one worker (gthread)
    # must not share it at once. Remembered, since a word is stemmed the same every time and
    # the stemmer (pure Python) takes ~0.2 ms a word here.
    with _stemmer_lock:
        return _stemmer.stemWord(word)


def kind_token(kind: str) -> str:
    """The word a service's index holds for its kind of help, so that a query naming the kind in
    parents' words (nik.directory.synonyms) is one full-text search, on the same index. It begins
    with letters no Dutch or English word begins with, so a typed word never prefix-matches it
    ("nik" would match "nikkind…", "kind" would match "kindrespite")."""
    return "zqkind" + kind.replace("_", "")


def index(service: Service) -> None:
    """Bring the service's entry in the full-text index up to date (called by the save action)."""
    index_many([service])


def index_many(services: list[Service]) -> None:
    """The same for many saved services at once (the benchmarks' generated wegwijzers): the
    stems in one statement per 500 services and SQLite's index in two; PostgreSQL's vector is
    still one statement per service."""
    if not services:
        return
    # The class of the services given: a migration passes its own (historical) model.
    model = type(services[0])
    for service in services:
        text = " ".join([service.name, service.description, service.for_whom])
        service.search_stems = f"{stems(text)} {kind_token(service.category)}"
    model._default_manager.bulk_update(services, ["search_stems"], batch_size=500)
    if connection.vendor == "postgresql":
        # One statement per service: a vector expression per row in one bulk update is compiled
        # into a CASE of them all, slower than this.
        for service in services:
            model._default_manager.filter(pk=service.pk).update(
                search_vector=vector_expression(service)
            )
    elif connection.vendor == "sqlite":
        rows = [(service.pk, service.search_stems) for service in services]
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM directory_service_fts WHERE rowid = %s", [row[:1] for row in rows]
            )
            cursor.executemany(
                "INSERT INTO directory_service_fts(rowid, stems) VALUES (%s, %s)", rows
            )


def vector_expression(service: Service) -> Combinable:
    """PostgreSQL's Dutch configuration, plus the Snowball stems under 'simple': the database's own
    Dutch stemmer keeps "logeerhuizen" and "logeerhuis" apart, the Snowball one does not. The
    kind of help weighs like the name: a service of the kind asked for ranks before one that
    only mentions it."""
    return (
        SearchVector("name", weight="A", config="dutch")
        + SearchVector("description", weight="B", config="dutch")
        + SearchVector("for_whom", weight="C", config="dutch")
        + SearchVector(Value(stems(service.name)), weight="A", config="simple")
        + SearchVector(
            Value(stems(f"{service.description} {service.for_whom}")), weight="B", config="simple"
        )
        + SearchVector(Value(kind_token(service.category)), weight="A", config="simple")
    )


def unindex(service_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM directory_service_fts WHERE rowid = %s", [service_id])


def matching(queryset: QuerySet[Service], query: str) -> QuerySet[Service]:
    """Services matching the query, best first.

    Words that name a kind of help in the words parents use ("logeeropvang", "respite",
    "verpleging thuis": nik.directory.synonyms) find every service of that kind, and services
    whose own text has one of those words; the query's other words then put the services whose
    text has them first (a word more never hides help). Without such words every word must be
    in the service's text."""
    terms = words(query)
    if not terms:
        return queryset
    kinds, rest = synonyms.kinds_in(" ".join(terms))
    if not kinds:
        return _text_matching(queryset, terms)
    named = [t for t in terms if t not in rest]
    tokens = [kind_token(kind) for kind in sorted(kinds)]
    stemmed = sorted({s for t in named for s in prefixes(t)})
    if connection.vendor == "postgresql":
        wanted = SearchQuery(
            " | ".join([*tokens, *(f"{s}:*" for s in stemmed)]), config="simple", search_type="raw"
        )
        ranked = wanted | _pg_query(rest, any_word=True) if rest else wanted
        return (
            queryset.filter(search_vector=wanted)
            .annotate(rank=SearchRank(F("search_vector"), ranked))
            .order_by("-rank", "name")
        )
    # The services of the kind, then those that only mention it (as the weights do above).
    ids = _fts_match(" OR ".join(f'"{t}"' for t in tokens))
    of_kind = set(ids)
    mention = _fts_match(" OR ".join(f'"{s}"*' for s in stemmed)) if stemmed else []
    ids += [pk for pk in mention if pk not in of_kind]
    if rest:
        with_rest = set(_fts_ids(rest, any_word=True))
        ids = sorted(ids, key=lambda pk: pk not in with_rest)  # stable: best of each part first
    return _in_order(queryset, ids)


def _text_matching(queryset: QuerySet[Service], terms: list[str]) -> QuerySet[Service]:
    """Services whose text has every one of these words, best first."""
    if connection.vendor == "postgresql":
        search = _pg_query(terms, any_word=False)
        return (
            queryset.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "name")
        )
    return _in_order(queryset, _fts_ids(terms, any_word=False))


def _in_order(queryset: QuerySet[Service], ids: list[int]) -> QuerySet[Service]:
    if not ids:
        return queryset.none()
    order = Case(
        *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField()
    )
    return queryset.filter(pk__in=ids).annotate(rank=order).order_by("rank")


def _pg_query(terms: list[str], *, any_word: bool) -> SearchQuery:
    joined = " | " if any_word else " & "
    stemmed = joined.join("(" + " | ".join(f"{s}:*" for s in prefixes(t)) + ")" for t in terms)
    plain = SearchQuery(
        " or ".join(terms) if any_word else " ".join(terms),
        config="dutch",
        search_type="websearch" if any_word else "plain",
    )
    return plain | SearchQuery(stemmed, config="simple", search_type="raw")


def _fts_ids(terms: list[str], *, any_word: bool) -> list[int]:
    """Each term as any of its readings ("taxi" OR "vervoer"); all terms, or any."""
    groups = ["(" + " OR ".join(f'"{s}"*' for s in prefixes(t)) + ")" for t in terms]
    return _fts_match((" OR " if any_word else " AND ").join(groups))


def _fts_match(expression: str) -> list[int]:
    """SQLite: the ids matching an FTS5 expression, best first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM directory_service_fts WHERE directory_service_fts MATCH %s "
            "ORDER BY bm25(directory_service_fts) LIMIT %s",
            [expression, MAX_CANDIDATES],
        )
        return [row[0] for row in cursor.fetchall()]


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str


class PlaceError(ValueError):
    pass


def find_place(text: str) -> Point:
    """A postcode ('2311', '2311 AB'), a town ('Leiden') or 'LAT,LON'."""
    text = text.strip()[:100]
    coords = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)", text)
    if coords:
        lat, lon = float(coords.group(1)), float(coords.group(2))
        point = Point(lat, lon, f"{lat:.4f}, {lon:.4f}")
    else:
        code = re.match(r"^(\d{4})", text.replace(" ", ""))
        if not Place.objects.exists():
            load_places()
        place = (
            Place.objects.filter(postcode=code.group(1)).first()
            if code
            else Place.objects.filter(city__iexact=text).first()
        )
        if place is None:
            raise PlaceError(text)
        point = Point(
            place.latitude,
            place.longitude,
            f"{place.city}" if not code else f"{place.postcode} {place.city}",
        )
    south, north, west, east = NL_BOUNDS
    if not (south <= point.latitude <= north and west <= point.longitude <= east):
        raise PlaceError(text)
    return point


def load_places() -> int:
    """Fill the postcode table from the CSV in the repository (the migration does this too; a
    database emptied by hand, or by a test's flush, gets it back on first use)."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "postcodes_nl.csv"
    with path.open(newline="") as f:
        rows = [
            Place(
                postcode=r["postcode"],
                city=r["city"],
                latitude=float(r["latitude"]),
                longitude=float(r["longitude"]),
            )
            for r in csv.DictReader(f)
        ]
    Place.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def nearest(queryset: QuerySet[Service], point: Point, wanted: int) -> QuerySet[Service]:
    """Closest first, on stored coordinates: a growing box keeps the work small, whatever the total."""
    scale = math.cos(math.radians(point.latitude))
    distance = ExpressionWrapper(
        (F("latitude") - point.latitude) * (F("latitude") - point.latitude)
        + (F("longitude") - point.longitude) * scale * (F("longitude") - point.longitude) * scale,
        output_field=FloatField(),
    )
    located = queryset.filter(latitude__isnull=False)
    for degrees in (0.15, 0.4, 1.0):
        box = Q(
            latitude__range=(point.latitude - degrees, point.latitude + degrees),
            longitude__range=(point.longitude - degrees / scale, point.longitude + degrees / scale),
        )
        # Unordered: a sliced count keeps the order, and a sorted box is sorted whole first.
        if located.filter(box).order_by()[:wanted].count() >= wanted:
            located = located.filter(box)
            break
    return located.annotate(distance2=distance).order_by("distance2", "name")


def km(distance2: float | None) -> float | None:
    return None if distance2 is None else round(math.sqrt(distance2) * 111.2, 1)
