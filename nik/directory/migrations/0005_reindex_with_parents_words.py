"""The search index holds more words now (separable verbs joined, compounds' tails, folded
accents: nik.directory.synonyms.also_said): index every saved service again."""

from django.db import migrations


def reindex(apps, schema_editor):
    from nik.directory import search

    Service = apps.get_model("directory", "Service")
    ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        search.index_many(
            list(
                Service.objects.filter(pk__in=ids[start : start + 500]).only(
                    "pk", "name", "description", "for_whom", "category"
                )
            )
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_kind_in_search_index")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
