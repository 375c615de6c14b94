"""What the security app keeps in the database, where every server process sees it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitWindow(models.Model):
    """How many times one client used one allowance in a window that ends at ``ends_at``.

    Kept in the database rather than a process's memory: a deployment runs several
    processes (and machines) behind one database, and each would count alone. ``key``
    names the allowance and a keyed hash of the client, never the client's address.
    Ended windows are deleted by the next count (``lanhmanh.security.ratelimit``).
    """

    key = models.CharField(_("key"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    ends_at = models.DateTimeField(_("ends at"), db_index=True)

    class Meta:
        verbose_name = _("rate limit window")
        verbose_name_plural = _("rate limit windows")

    def __str__(self) -> str:
        return f"{self.key} {self.count}"
