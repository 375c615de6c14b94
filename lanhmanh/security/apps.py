from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "lanhmanh.security"
    verbose_name = _("Security")

    def ready(self):
        from .files import restrict_sqlite_files

        connection_created.connect(restrict_sqlite_files, dispatch_uid="lanhmanh-private-sqlite")
