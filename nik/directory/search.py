"""Finding help: Dutch full-text search (PostgreSQL's `dutch` configuration, or SQLite FTS5 over
Snowball-stemmed words, so "logeerhuizen" finds "logeerhuis" on both), filters and distance."""

from __future__ import annotations

import math
import re
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
    """Services matching every word of the query, best first."""
    terms = words(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        stemmed = " & ".join(f"{s}:*" for s in _stemmer.stemWords(terms))
        search = SearchQuery(" ".join(terms), config="dutch", search_type="plain") | SearchQuery(
            stemmed, config="simple", search_type="raw"
        )
        return (
            queryset.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "name")
        )
    stemmed = _stemmer.stemWords(terms)
    expression = " ".join(f'"{s}"*' for s in stemmed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM directory_service_fts WHERE directory_service_fts MATCH %s "
            "ORDER BY bm25(directory_service_fts) LIMIT %s",
            [expression, MAX_CANDIDATES],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return queryset.none()
    order = Case(
        *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField()
    )
    return queryset.filter(pk__in=ids).annotate(rank=order).order_by("rank")


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
