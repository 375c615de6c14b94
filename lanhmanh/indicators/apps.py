from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "lanhmanh.indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from django.core import checks

        from .checks import unresolved_compute_names

        checks.register(unresolved_compute_names)
