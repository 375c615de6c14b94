"""Figures of the administrative units themselves, for the indicator registry.

- ``communes_in_scope``: the communes, wards and special zones inside the area on the
  period's last day. Units in force that day only: after 1 July 2025 the two-tier
  communes, before it the three-tier ones (a province's 2024 figure counts the communes
  it had then, not the fewer, larger ones that succeeded them).
"""

from __future__ import annotations

import datetime

from lanhmanh.validity import valid_on

from .models import AdministrativeUnit, Level, UnitContainment


def communes_in_scope(area, start: datetime.date, end: datetime.date) -> int:
    inside = UnitContainment.objects.filter(outer_id__in=list(area)).values("inner_id")
    return (
        AdministrativeUnit.objects.filter(pk__in=inside, level=Level.COMMUNE)
        .filter(valid_on(end))
        .count()
    )
