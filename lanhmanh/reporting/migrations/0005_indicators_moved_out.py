# The catalogue and the assignments moved to the ``indicators`` app (its 0001). State
# only: the report values keep pointing at the same table, now the other app's model.

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("indicator", "indicatorassignment")


def move_content_types(apps, schema_editor):
    """The audit history and the permissions of the moved models point at their content
    types: those follow the models to their new app (unless it already has its own)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label="indicators", model__in=MOVED).values_list(
            "model", flat=True
        )
    )
    ContentType.objects.filter(app_label="reporting", model__in=set(MOVED) - taken).update(
        app_label="indicators"
    )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(
        ContentType.objects.filter(app_label="reporting", model__in=MOVED).values_list(
            "model", flat=True
        )
    )
    ContentType.objects.filter(app_label="indicators", model__in=set(MOVED) - taken).update(
        app_label="reporting"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('indicators', '0001_initial'),
        ('reporting', '0004_indicator_assignment'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='reportvalue',
                    name='indicator',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='values', to='indicators.indicator'),
                ),
                migrations.DeleteModel(name='IndicatorAssignment'),
                migrations.DeleteModel(name='Indicator'),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
