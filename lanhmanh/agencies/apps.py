from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "lanhmanh.agencies"
    verbose_name = _("Agencies and users")

    def ready(self):
        from .models import Agency
        from .policy import Subject, register

        register(
            Agency,
            lambda agency: Subject(
                unit_id=agency.jurisdiction_id, agency_ids=frozenset({agency.pk})
            ),
        )
