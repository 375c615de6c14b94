"""The menu entries of this register (their translations live in this app's catalogue)."""

from django.utils.translation import gettext_lazy as _

CASES = _("Support cases")
STATISTICS = _("Support statistics")
