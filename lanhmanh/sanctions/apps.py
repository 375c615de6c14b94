from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "lanhmanh.sanctions"
    verbose_name = _("Administrative sanctions")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Sanction

        register(
            Sanction,
            lambda sanction: Subject(
                unit_id=sanction.commune_id, agency_ids=frozenset({sanction.issuing_agency_id})
            ),
        )
