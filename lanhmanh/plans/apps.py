from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "lanhmanh.plans"
    verbose_name = _("Plans")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Plan, Progress

        register(
            Plan,
            lambda plan: Subject(
                unit_id=plan.jurisdiction_id,
                agency_ids=frozenset({plan.issuing_agency_id} - {None}),
            ),
        )
        # A task's progress is its lead agency's, in the plan's area.
        register(
            Progress,
            lambda progress: Subject(
                unit_id=progress.plan.jurisdiction_id, agency_ids=frozenset({progress.agency_id})
            ),
        )

        from lanhmanh.indicators import registry

        from . import indicators

        registry.register("plans.units_in_scope", indicators.units_in_scope, units=True)
