"""The shared cache's table (settings.CACHES, a database cache) comes with `migrate`: rate
limits and the start page's figures need it, and `createcachetable` is easy to forget."""

from __future__ import annotations

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0008_audit_chains_and_subjects")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
