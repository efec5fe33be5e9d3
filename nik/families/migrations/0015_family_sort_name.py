# Families are listed in Dutch order ("de Kale" under K): a stored sort key, filled for the
# families already there, and the family list's keyset index moved onto it.

from django.conf import settings
from django.db import migrations, models

from nik.core.sorting import sort_key


def fill_sort_names(apps, schema_editor):
    Family = apps.get_model("families", "Family")
    changed = []
    for family in Family.objects.only("pk", "name").iterator(chunk_size=2000):
        family.sort_name = sort_key(family.name)
        changed.append(family)
        if len(changed) >= 2000:
            Family.objects.bulk_update(changed, ["sort_name"])
            changed = []
    Family.objects.bulk_update(changed, ["sort_name"])


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0012_audit_indexes'),
        ('families', '0014_referral_undecided_due'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='family',
            name='sort_name',
            field=models.CharField(default='', editable=False, max_length=200),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(
            name='family',
            options={'ordering': ['sort_name', 'pk'], 'verbose_name': 'family', 'verbose_name_plural': 'families'},
        ),
        migrations.RemoveIndex(
            model_name='family',
            name='family_name_id',
        ),
        migrations.AddIndex(
            model_name='family',
            index=models.Index(fields=['sort_name', 'id'], name='family_sort_name_id'),
        ),
    ]
