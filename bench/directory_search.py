"""Wegwijzer search at national scale: 100,000 services, timed per query.

Run with the database you want to measure (PostgreSQL in production):

    NIK_DATABASE_URL=postgres://... .venv/bin/python bench/directory_search.py --services 100000

It creates a throw-away database (Django's test database machinery), fills it with generated
services spread over the country's postcodes, and prints the median and 95th percentile time of
typical searches (text, text + age + distance, distance only). Not a test: figures go in notes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nik.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

WORDS = [
    "logeerhuis",
    "thuiszorg",
    "broertjes",
    "zusjes",
    "rouw",
    "school",
    "vrijwilliger",
    "hulpmiddel",
    "ouders",
    "geld",
    "verpleging",
    "weekend",
    "kinderhospice",
    "psycholoog",
]


def fill(count: int) -> None:
    from nik.core.models import Organization, Region
    from nik.directory import search
    from nik.directory.models import Category, Place, Service

    rng = random.Random(7)
    region = Region.objects.create(slug="bench", name="Bench", hospital="Bench UMC")
    owner = Organization.objects.create(region=region, name="Bench aanbieder", kind="other")
    places = list(Place.objects.all())
    categories = Category.values
    batch = []
    for i in range(count):
        place = rng.choice(places)
        words = " ".join(rng.sample(WORDS, 5))
        low = rng.randint(0, 12)
        batch.append(
            Service(
                region=region,
                organization=owner,
                name=f"{rng.choice(WORDS).capitalize()} {place.city} {i}",
                description=f"Aanbod met {words} voor gezinnen.",
                category=rng.choice(categories),
                age_min=low,
                age_max=low + rng.randint(4, 11),
                postcode=place.postcode,
                city=place.city,
                latitude=place.latitude + rng.uniform(-0.02, 0.02),
                longitude=place.longitude + rng.uniform(-0.02, 0.02),
            )
        )
        if len(batch) == 5000:
            search.index_many(Service.objects.bulk_create(batch))
            batch = []
    if batch:
        search.index_many(Service.objects.bulk_create(batch))


def measure(runs: int) -> None:
    from nik.directory.selectors import PAGE_SIZE, find

    cases = {
        "text": {"q": "logeerhuizen"},
        "text + age + near": {"q": "thuiszorg", "age": 6, "near": "2311"},
        "category + near": {"category": "respite", "near": "9711"},
        "two words": {"q": "broertjes zusjes"},
        # The generated words are few, so each matches about a third of all services; a place
        # name matches a few dozen, as real searches do.
        "rare word": {"q": "Zwolle"},
    }
    for label, data in cases.items():
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            found, _point, _problem = find(data, None)
            list(found[:PAGE_SIZE])
            found.count()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{label:22s} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        fill(args.services)
        print(
            f"{connection.vendor}: {args.services} services loaded in {time.perf_counter() - start:.0f} s"
        )
        measure(args.runs)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
