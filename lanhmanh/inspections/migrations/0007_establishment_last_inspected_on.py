from django.db import migrations, models


def set_existing(apps, schema_editor):
    from lanhmanh.inspections.tallies import refresh_last_inspected

    names = ("Establishment", "Inspection")
    refresh_last_inspected(models=tuple(apps.get_model("inspections", name) for name in names))


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0006_establishment_period_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="establishment",
            name="last_inspected_on",
            field=models.DateField(editable=False, null=True, verbose_name="last inspected on"),
        ),
        migrations.RunPython(set_existing, migrations.RunPython.noop),
    ]
