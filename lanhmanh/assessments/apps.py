from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "lanhmanh.assessments"
    verbose_name = _("Commune assessments")

    def ready(self):
        from lanhmanh.agencies.policy import Subject, register

        from .models import Assessment, CriteriaSet

        register(Assessment, lambda assessment: Subject(unit_id=assessment.commune_id))
        # A set of a province, or of none (the national set: national offices only).
        register(CriteriaSet, lambda criteria: Subject(unit_id=criteria.jurisdiction_id))

        from lanhmanh.indicators import registry

        from . import indicators

        healthy = registry.Records(
            "assessments:list", "assessment", {"status": "approved", "result": "healthy"}
        )
        for name in ("communes_healthy", "communes_healthy_share"):
            registry.register(f"assessments.{name}", getattr(indicators, name), healthy)
