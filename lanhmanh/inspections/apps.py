from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "lanhmanh.inspections"
    verbose_name = _("Establishments and inspections")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Establishment, Inspection

        register(Establishment, lambda place: Subject(unit_id=place.commune_id))
        register(Inspection, lambda inspection: Subject(unit_id=inspection.commune_id))

        from lanhmanh.indicators import registry

        from . import indicators

        establishments = registry.Records("inspections:list", "establishment")
        inspected = registry.Records("inspections:list", "establishment", {"inspected": "1"})
        for name, function, records in (
            ("establishments_active", indicators.count_active, establishments),
            ("establishments_inspected", indicators.inspected, inspected),
            ("coverage", indicators.coverage, inspected),
            (
                "inspections_held",
                indicators.inspections_held,
                registry.Records("inspections:inspections", "inspection", dates=("start", "end")),
            ),
            ("violations_found", indicators.violations_found, None),
            ("establishments_harbouring", indicators.establishments_harbouring, None),
        ):
            registry.register(f"inspections.{name}", function, records)
