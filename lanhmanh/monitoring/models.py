from django.db import models
from django.utils.translation import gettext_lazy as _


class FiguresGeneration(models.Model):
    """A counter bumped after every request or command that may have changed records;
    the dashboards' cached figures are keyed by it (``freshness``). One row."""

    value = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("figures generation")

    def __str__(self):
        return str(self.value)
