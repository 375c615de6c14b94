"""Queries of administrative units, shared by the web pages and the API."""

import datetime

from django.utils import timezone

from .models import AdministrativeUnit, Level, UnitContainment


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


def communes_in_scope(area: set[int], start: datetime.date, end: datetime.date) -> int:
    """How many communes, wards and special zones lie inside ``area`` on ``end`` (``start``
    is not used: units are counted as they stand at the period's end). The denominator of
    a share of communes: every commune of the area, not only those that reported. The
    signature of an indicator function (:mod:`lanhmanh.indicators.registry`)."""
    return (
        AdministrativeUnit.objects.valid_on(end)
        .filter(
            level=Level.COMMUNE,
            pk__in=UnitContainment.objects.filter(outer_id__in=list(area)).values("inner_id"),
        )
        .count()
    )
