from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctionsConfig(AppConfig):
    name = "lanhmanh.sanctions"
    verbose_name = _("Administrative sanctions")
