from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "lanhmanh.reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import ReportingPeriod, UnitReport

        # A unit's report lies in its plan's area (whose coordinating office reviews
        # it) and belongs to the reporting unit (whose officers fill it).
        register(
            UnitReport,
            lambda report: Subject(
                unit_id=report.period.plan.jurisdiction_id,
                agency_ids=frozenset({report.agency_id}),
            ),
        )
        register(ReportingPeriod, lambda period: Subject(unit_id=period.plan.jurisdiction_id))
