from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotspotsConfig(AppConfig):
    name = "lanhmanh.hotspots"
    verbose_name = _("Hotspots")
