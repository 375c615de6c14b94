from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "lanhmanh.places"
    verbose_name = _("Administrative units")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import AdministrativeUnit

        # A unit itself, where something is to be recorded ("may record a tip here").
        register(AdministrativeUnit, lambda unit: Subject(unit_id=unit.pk))

        from lanhmanh.indicators import registry

        from . import indicators

        registry.register("places.communes_in_scope", indicators.communes_in_scope, units=True)
