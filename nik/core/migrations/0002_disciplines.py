"""The disciplines named in the basismodel exist in every install."""

from django.db import migrations

CODES = [
    ("doctor", False), ("nurse", False), ("pharmacist", False),
    ("physiotherapist", True), ("occupational_therapist", True),
    ("speech_therapist", True), ("dietitian", True),
    ("grief_therapist", False), ("psychologist", False), ("social_worker", False),
    ("spiritual_carer", False), ("pedagogue", False), ("school_support_consultant", False),
]


def add(apps, schema_editor):
    Discipline = apps.get_model("core", "Discipline")
    for code, paramedic in CODES:
        Discipline.objects.get_or_create(code=code, defaults={"is_paramedic": paramedic})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
