"""Seed the legal bases (see ``lanhmanh/inspections/legal_bases.py``)."""

from django.db import migrations

from lanhmanh.inspections.legal_bases import seed_legal_bases


def seed(apps, schema_editor):
    seed_legal_bases(apps.get_model("inspections", "LegalBasis"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
