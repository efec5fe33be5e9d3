"""Finding help: Dutch full-text search (PostgreSQL's `dutch` configuration, or SQLite FTS5 over
Snowball-stemmed words, so "logeerhuizen" finds "logeerhuis" on both), filters and distance."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

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


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())[:MAX_QUERY_WORDS]


def stems(text: str) -> str:
    return " ".join(_stemmer.stemWords(re.findall(r"\w+", text.lower())))


def index(service: Service) -> None:
    """Bring the service's entry in the full-text index up to date (called by the save action)."""
    text = " ".join([service.name, service.description, service.for_whom])
    Service.objects.filter(pk=service.pk).update(search_stems=stems(text))
    if connection.vendor == "postgresql":
        Service.objects.filter(pk=service.pk).update(search_vector=vector_expression(service))
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM directory_service_fts WHERE rowid = %s", [service.pk])
            cursor.execute(
                "INSERT INTO directory_service_fts(rowid, stems) VALUES (%s, %s)",
                [service.pk, stems(text)],
            )


def vector_expression(service: Service) -> Combinable:
    """PostgreSQL's Dutch configuration, plus the Snowball stems under 'simple': the database's own
    Dutch stemmer keeps "logeerhuizen" and "logeerhuis" apart, the Snowball one does not."""
    return (
        SearchVector("name", weight="A", config="dutch")
        + SearchVector("description", weight="B", config="dutch")
        + SearchVector("for_whom", weight="C", config="dutch")
        + SearchVector(Value(stems(service.name)), weight="A", config="simple")
        + SearchVector(
            Value(stems(f"{service.description} {service.for_whom}")), weight="B", config="simple"
        )
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
    named_words = [t for t in terms if t not in rest]
    of_kind = queryset.filter(
        Q(category__in=kinds) | Q(pk__in=_text_ids(queryset, named_words, any_word=True))
    )
    # The services of that kind before those that only mention it; those with the other words
    # of the query first of all; then by name.
    of_kind = of_kind.annotate(
        rank=Case(When(category__in=kinds, then=Value(0)), default=Value(1)),
        rank_text=(
            Case(
                When(pk__in=_text_ids(queryset, rest, any_word=True), then=Value(0)),
                default=Value(1),
            )
            if rest
            else Value(1)
        ),
    )
    return of_kind.order_by("rank_text", "rank", "name")


def _text_matching(queryset: QuerySet[Service], terms: list[str]) -> QuerySet[Service]:
    """Services whose text has every one of these words, best first."""
    if connection.vendor == "postgresql":
        search = _pg_query(terms, any_word=False)
        return (
            queryset.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "name")
        )
    ids = _fts_ids(terms, any_word=False)
    if not ids:
        return queryset.none()
    order = Case(
        *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField()
    )
    return queryset.filter(pk__in=ids).annotate(rank=order).order_by("rank")


def _text_ids(queryset: QuerySet[Service], terms: list[str], *, any_word: bool) -> Any:
    """The ids of the services whose text has these words (all, or any), for a filter."""
    if connection.vendor == "postgresql":
        return queryset.filter(search_vector=_pg_query(terms, any_word=any_word)).values("pk")
    return _fts_ids(terms, any_word=any_word)


def _pg_query(terms: list[str], *, any_word: bool) -> SearchQuery:
    joined = " | " if any_word else " & "
    stemmed = joined.join(f"{s}:*" for s in _stemmer.stemWords(terms))
    plain = SearchQuery(
        " or ".join(terms) if any_word else " ".join(terms),
        config="dutch",
        search_type="websearch" if any_word else "plain",
    )
    return plain | SearchQuery(stemmed, config="simple", search_type="raw")


def _fts_ids(terms: list[str], *, any_word: bool) -> list[int]:
    stemmed = _stemmer.stemWords(terms)
    expression = (" OR " if any_word else " ").join(f'"{s}"*' for s in stemmed)
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
        if located.filter(box)[:wanted].count() >= wanted:
            located = located.filter(box)
            break
    return located.annotate(distance2=distance).order_by("distance2", "name")


def km(distance2: float | None) -> float | None:
    return None if distance2 is None else round(math.sqrt(distance2) * 111.2, 1)
