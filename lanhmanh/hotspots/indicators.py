"""Hotspot figures for the reporting indicators, computed from the status history.

Plain functions, registered in the indicator registry by ``HotspotsConfig.ready``.
``area`` is one unit, a unit id, an iterable of unit ids or a queryset of units: each is
expanded to everything inside it (``UnitContainment``, which also places historic
communes inside today's units), so passing the province counts its communes. Periods
are inclusive: ``start`` and ``end`` are the first and the last day.

- ``broken_up``: hotspots broken up within the period (a hotspot broken up twice counts
  once).
- ``kept_clear``: hotspots broken up before the period that did not recur during it
  ("giữ không để tái hoạt động").
- ``active``: hotspots in operation on a day — active, or recurred after a break-up
  (``active_at_end``: on the period's last day).
- ``cleared_total``: hotspots broken up before the period (any earlier year), and
  ``kept_clear_share`` the share of them ``kept_clear``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from lanhmanh.places.models import AdministrativeUnit, UnitContainment

from .models import CLEARED, OPERATING, Hotspot, HotspotStatus, HotspotStatusChange


def _unit_ids(area) -> list[int] | QuerySet:
    if isinstance(area, AdministrativeUnit):
        return [area.pk]
    if isinstance(area, int):
        return [area]
    if isinstance(area, QuerySet):
        return area.values("pk") if area.model is AdministrativeUnit else area
    if isinstance(area, Iterable):
        return [getattr(a, "pk", a) for a in area]
    raise TypeError(f"not an area: {area!r}")


def hotspots_in(area) -> QuerySet:
    """Hotspots kept under a unit inside ``area``."""
    inside = UnitContainment.objects.filter(outer_id__in=_unit_ids(area)).values("inner_id")
    return Hotspot.objects.filter(commune_id__in=inside)


def status_on(day: datetime.date) -> Subquery:
    """The status a hotspot had at the end of ``day`` (None before it was registered)."""
    return Subquery(
        HotspotStatusChange.objects.filter(hotspot=OuterRef("pk"), on__lte=day)
        .order_by("-on", "-pk")
        .values("to_status")[:1]
    )


def broken_up(area, start: datetime.date, end: datetime.date) -> int:
    """Hotspots inside ``area`` whose status became broken up between start and end."""
    changes = HotspotStatusChange.objects.filter(
        hotspot=OuterRef("pk"), to_status=HotspotStatus.BROKEN_UP, on__gte=start, on__lte=end
    )
    return hotspots_in(area).filter(Exists(changes)).count()


def kept_clear(area, start: datetime.date, end: datetime.date) -> int:
    """Hotspots inside ``area`` that were broken up (or monitored) when the period began
    and did not recur before it ended."""
    return kept_clear_among(hotspots_in(area), start, end).count()


def kept_clear_among(hotspots: QuerySet, start: datetime.date, end: datetime.date) -> QuerySet:
    """Those of ``hotspots`` that :func:`kept_clear` counts (for the list it links to)."""
    day_before = start - datetime.timedelta(days=1)
    recurred = HotspotStatusChange.objects.filter(
        hotspot=OuterRef("pk"), to_status=HotspotStatus.RECURRED, on__gte=start, on__lte=end
    )
    return (
        hotspots.annotate(status_at_start=status_on(day_before))
        .filter(status_at_start__in=CLEARED)
        .exclude(Exists(recurred))
    )


def active(area, on: datetime.date) -> int:
    """Hotspots inside ``area`` in operation on day ``on`` (active or recurred)."""
    return (
        hotspots_in(area)
        .annotate(status_then=status_on(on))
        .filter(status_then__in=OPERATING)
        .count()
    )


def active_at_end(area, start: datetime.date, end: datetime.date) -> int:
    """:func:`active` on the period's last day, as the registry calls it."""
    return active(area, end)


def cleared_before(hotspots: QuerySet, start: datetime.date) -> QuerySet:
    """Those of ``hotspots`` broken up before ``start`` (in any earlier year) or clear when
    it began: the ones a period must keep from recurring."""
    day_before = start - datetime.timedelta(days=1)
    earlier = HotspotStatusChange.objects.filter(
        hotspot=OuterRef("pk"), to_status=HotspotStatus.BROKEN_UP, on__lte=day_before
    )
    return hotspots.annotate(status_at_start=status_on(day_before)).filter(
        Exists(earlier) | Q(status_at_start__in=CLEARED)
    )


def cleared_total(area, start: datetime.date, end: datetime.date) -> int:
    """Hotspots inside ``area`` broken up before the period: the denominator of
    :func:`kept_clear_share` (those recurred since count against it)."""
    return cleared_before(hotspots_in(area), start).count()


def kept_clear_share(area, start: datetime.date, end: datetime.date) -> float | None:
    """Share (%) of the hotspots broken up before the period kept clear through it."""
    total = cleared_total(area, start, end)
    if not total:
        return None
    return round(100 * kept_clear(area, start, end) / total, 1)
