from django.db import migrations

from nik.roadmap.models import DEFAULT_INDICATORS


def seed(apps, schema_editor):
    """Regions made before steps and indicators were seeded at creation get them now (once)."""
    Region = apps.get_model("core", "Region")
    RoadmapStep = apps.get_model("roadmap", "RoadmapStep")
    Indicator = apps.get_model("roadmap", "Indicator")
    for region in Region.objects.all():
        if not Indicator.objects.filter(region=region).exists():
            Indicator.objects.bulk_create(
                Indicator(
                    region=region, name=name, definition=definition, unit=unit, target=target,
                    source=source,
                )
                for name, definition, unit, target, source in DEFAULT_INDICATORS
            )
        have = set(RoadmapStep.objects.filter(region=region).values_list("number", flat=True))
        RoadmapStep.objects.bulk_create(
            RoadmapStep(region=region, number=n) for n in range(1, 11) if n not in have
        )


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0006_versioned")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
