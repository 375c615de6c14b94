"""Inspections carry their establishment's commune (see ``Inspection.commune``), filled
from the establishments here; the register's date index also holds the id, its order."""

import django.db.models.deletion
from django.db import migrations, models

COPY = (
    "UPDATE inspections_inspection SET commune_id = (SELECT e.commune_id FROM "
    "inspections_establishment e WHERE e.id = inspections_inspection.establishment_id)"
)


def copy_communes(apps, schema_editor):
    schema_editor.execute(COPY)
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: PostgreSQL will not alter a table with
        # deferred checks pending (the NOT NULL below).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0008_establishment_to_inspect"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="inspection",
            name="commune",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.administrativeunit",
            ),
        ),
        migrations.RunPython(copy_communes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inspection",
            name="commune",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="places.administrativeunit",
            ),
        ),
        migrations.RemoveIndex(
            model_name="inspection",
            name="inspections_inspect_57e37a_idx",
        ),
        migrations.AddIndex(
            model_name="inspection",
            index=models.Index(fields=["inspected_on", "id"], name="inspection_by_date"),
        ),
        migrations.AddIndex(
            model_name="inspection",
            index=models.Index(fields=["commune", "inspected_on"], name="inspection_commune_date"),
        ),
    ]
