"""Queries of administrative units, shared by the web pages and the API."""

from django.utils import timezone

from .models import AdministrativeUnit


def find_units(*, q: str = "", level: str = "", as_of=None, parent=None):
    """Units valid on ``as_of`` (today by default), by folded name or exact code."""
    units = AdministrativeUnit.objects.valid_on(as_of or timezone.localdate())
    if level:
        units = units.filter(level=level)
    if parent is not None:
        units = units.filter(parent=parent)
    q = q.strip()
    if q.isdigit():
        # Codes are zero-padded per level: province 2, district 3, commune 5 digits.
        units = units.filter(code__in={q.zfill(width) for width in (2, 3, 5)})
    elif q:
        units = units.search(q)
    return units
