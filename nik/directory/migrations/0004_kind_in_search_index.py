"""Each service's search index holds a word for its kind of help (search.kind_token), so that a
query in parents' words for a kind is one full-text search (nik.directory.synonyms)."""

from django.db import migrations

TOKEN = "'zqkind' || replace(category, '_', '')"


def add_kind(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"UPDATE directory_service SET search_stems = search_stems || ' ' || {TOKEN}, "
            f"search_vector = coalesce(search_vector, ''::tsvector) "
            f"|| setweight(to_tsvector('simple', {TOKEN}), 'A')"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"UPDATE directory_service SET search_stems = search_stems || ' ' || {TOKEN}"
        )
        schema_editor.execute("DELETE FROM directory_service_fts")
        schema_editor.execute(
            "INSERT INTO directory_service_fts(rowid, stems) "
            "SELECT id, search_stems FROM directory_service"
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_into_the_outbox")]

    operations = [migrations.RunPython(add_kind, migrations.RunPython.noop)]
