from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "lanhmanh.sanctions"
    verbose_name = _("Administrative sanctions")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Referral, Sanction

        # A decision is owned by the agency that recorded it (the recorder's own agency,
        # which may type in a decision another authority issued): it alone corrects it,
        # sees its identity and refers the person. A referral belongs to the agency it
        # was sent to.
        register(
            Sanction,
            lambda sanction: Subject(
                unit_id=sanction.commune_id, agency_ids=frozenset({sanction.recording_agency_id})
            ),
        )
        register(
            Referral,
            lambda referral: Subject(
                unit_id=referral.sanction.commune_id,
                agency_ids=frozenset({referral.to_agency_id}),
            ),
        )

        from lanhmanh.indicators import registry

        from . import indicators

        # The list behind each figure shows exactly the decisions it counts (or adds up).
        lists = {
            "imposed": {},
            "fines_amount": {"form": "fine"},
            "selling": {"behaviour": "selling"},
            "buying": {"behaviour": "buying"},
        }
        for name, extra in lists.items():
            records = registry.Records("sanctions:list", "sanction", extra)
            registry.register(f"sanctions.{name}", getattr(indicators, name), records)
