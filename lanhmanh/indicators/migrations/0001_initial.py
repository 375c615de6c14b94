# The catalogue moved here from ``reporting`` (reporting 0005 lets go of the same models).
# State only: the tables stay where they are, under their ``reporting_`` names, with
# their rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('agencies', '0002_agency_order'),
        ('plans', '0002_duty_addressee_kind'),
        ('reporting', '0004_indicator_assignment'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Indicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=60, unique=True, verbose_name='code')),
                        ('name_vi', models.CharField(max_length=255, verbose_name='name (Vietnamese)')),
                        ('name_en', models.CharField(max_length=255, verbose_name='name (English)')),
                        ('kind', models.CharField(choices=[('count', 'count'), ('percent', 'percent')], max_length=8, verbose_name='kind')),
                        ('aggregation', models.CharField(choices=[('sum', 'sum'), ('last', 'last value'), ('max', 'maximum')], default='sum', max_length=4, verbose_name='aggregation')),
                        ('source', models.CharField(choices=[('reported', 'reported by units'), ('computed', 'computed from a register')], default='reported', max_length=8, verbose_name='source')),
                        ('compute', models.CharField(blank=True, help_text='For computed indicators: the register function that gives the value.', max_length=80, verbose_name='register function')),
                        ('unit_vi', models.CharField(blank=True, max_length=40, verbose_name='unit of measure (Vietnamese)')),
                        ('unit_en', models.CharField(blank=True, max_length=40, verbose_name='unit of measure (English)')),
                        ('active', models.BooleanField(default=True, verbose_name='in use')),
                        ('min_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='lowest plausible value')),
                        ('max_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='highest plausible value')),
                        ('denominator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.indicator')),
                        ('numerator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.indicator')),
                    ],
                    options={
                        'verbose_name': 'indicator',
                        'verbose_name_plural': 'indicators',
                        'ordering': ['code'],
                        'db_table': 'reporting_indicator',
                    },
                ),
                migrations.CreateModel(
                    name='IndicatorAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('assigned', models.BooleanField()),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.agency')),
                        ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='indicators.indicator')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicator_assignments', to='plans.plan')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'indicator assignment',
                        'verbose_name_plural': 'indicator assignments',
                        'db_table': 'reporting_indicatorassignment',
                        'constraints': [models.UniqueConstraint(fields=('plan', 'agency', 'indicator'), name='assignment_once_per_unit')],
                    },
                ),
            ],
        ),
    ]
