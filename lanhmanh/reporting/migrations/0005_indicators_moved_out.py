# The catalogue and the assignments moved to the ``indicators`` app (its 0001). State
# only: the report values keep pointing at the same table, now the other app's model.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
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
    ]
