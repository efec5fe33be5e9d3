from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("careplans", "0001_initial")]

    operations = [
        migrations.RenameField("careplanversion", "revision", "version"),
        migrations.AlterField(
            model_name="careplanversion",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
    ]
