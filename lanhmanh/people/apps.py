from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "lanhmanh.people"
    verbose_name = _("People and support services")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Case, Service

        register(
            Case,
            lambda case: Subject(
                unit_id=case.commune_id,
                agency_ids=frozenset({case.team_id}),
                member_ids=frozenset(case.members.values_list("pk", flat=True)),
            ),
        )
        # A referral belongs to the provider it was sent to, which answers it.
        register(
            Service,
            lambda service: Subject(
                unit_id=service.case.commune_id, agency_ids=frozenset({service.provider_id})
            ),
        )

        from lanhmanh.indicators import registry

        from . import indicators

        for name in (
            "in_need",
            "supported",
            "supported_share",
            "vocational_training",
            "jobs_provided",
            "returnees_supported",
        ):
            registry.register(f"people.{name}", getattr(indicators, name))
