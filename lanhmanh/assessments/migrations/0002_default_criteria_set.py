from django.db import migrations


def load(apps, schema_editor):
    from lanhmanh.assessments.defaults import load_default_set

    load_default_set(apps.get_model("assessments", "CriteriaSet"), apps.get_model("assessments", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
