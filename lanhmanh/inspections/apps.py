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
