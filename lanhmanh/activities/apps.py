from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "lanhmanh.activities"
    verbose_name = _("Activities")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Activity, CommunityModel

        def subject(record) -> Subject:
            return Subject(unit_id=record.unit_id, agency_ids=frozenset({record.organiser_id}))

        register(Activity, subject)
        register(CommunityModel, subject)

        from lanhmanh.indicators import registry

        from . import indicators

        for name, function, records in indicators.REGISTERED:
            registry.register(f"activities.{name}", function, records)
