"""Full-text search per database, and the postcode centroids.

PostgreSQL: a GIN index on the Dutch tsvector. SQLite: an FTS5 table of stemmed words.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "postcodes_nl.csv"


def create_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX service_search_vector ON directory_service USING gin (search_vector)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE directory_service_fts USING fts5(stems, tokenize='unicode61')"
        )


def drop_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS service_search_vector")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS directory_service_fts")


def load_places(apps, schema_editor):
    Place = apps.get_model("directory", "Place")
    with DATA.open(newline="") as f:
        Place.objects.bulk_create(
            Place(postcode=r["postcode"], city=r["city"], latitude=float(r["latitude"]), longitude=float(r["longitude"]))
            for r in csv.DictReader(f)
        )


def unload_places(apps, schema_editor):
    apps.get_model("directory", "Place").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [
        migrations.RunPython(create_search, drop_search),
        migrations.RunPython(load_places, unload_places),
    ]
