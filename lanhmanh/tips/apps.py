from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "lanhmanh.tips"
    verbose_name = _("Tips and complaints")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Tip

        register(
            Tip,
            lambda tip: Subject(
                unit_id=tip.commune_id, agency_ids=frozenset({tip.assigned_agency_id} - {None})
            ),
        )

        from lanhmanh.indicators import registry

        from . import indicators

        tips = registry.Records("tips:list", "tip")
        for name in ("received", "handled_on_time", "on_time_share"):
            registry.register(f"tips.{name}", getattr(indicators, name), tips)
