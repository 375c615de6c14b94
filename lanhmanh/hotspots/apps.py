from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotspotsConfig(AppConfig):
    name = "lanhmanh.hotspots"
    verbose_name = _("Hotspots")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Hotspot

        register(Hotspot, lambda hotspot: Subject(unit_id=hotspot.commune_id))

        from lanhmanh.indicators import registry

        from . import indicators

        registry.register(
            "hotspots.broken_up", indicators.broken_up, registry.Records("hotspots:list", "hotspot")
        )
        registry.register(
            "hotspots.kept_clear",
            indicators.kept_clear,
            registry.Records("hotspots:list", "hotspot", dates=("kept_from", "kept_to")),
        )
        registry.register("hotspots.active", indicators.active_at_end)
        registry.register("hotspots.cleared_total", indicators.cleared_total)
        registry.register("hotspots.kept_clear_share", indicators.kept_clear_share)
