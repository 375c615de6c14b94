from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "lanhmanh.tips"
    verbose_name = _("Tips and complaints")
