"""Register figures the reporting app computes by name (``inspections.coverage`` …).

``area`` is a set of administrative-unit ids: everything inside them counts.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q

from lanhmanh.places.models import UnitContainment

from . import tallies
from .models import Establishment, Inspection


def _inside(area) -> Q:
    units = UnitContainment.objects.filter(outer_id__in=list(area)).values("inner_id")
    return Q(commune__in=units)


def active_in(start: datetime.date, end: datetime.date) -> Q:
    """The one definition of an active establishment: open at some point of the period,
    opened by its end and not closed or suspended before it began (the dashboards too)."""
    return (Q(opened_on__isnull=True) | Q(opened_on__lte=end)) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )


def inspected_in(start: datetime.date, end: datetime.date) -> Exists:
    """The one definition of "inspected in the period": the establishment has an
    inspection dated inside it. EXISTS, not a join and DISTINCT: one semi-join over the
    inspections, cheap at national scale."""
    return Exists(
        Inspection.objects.filter(establishment=OuterRef("pk"), inspected_on__range=(start, end))
    )


def active_establishments(area, start: datetime.date, end: datetime.date):
    """Establishments inside ``area`` active in the period (:func:`active_in`)."""
    return Establishment.objects.filter(_inside(area)).filter(active_in(start, end))


def inactive(start: datetime.date, end: datetime.date) -> Q:
    """Not active in the period: opened after it or closed before it."""
    return Q(opened_on__gt=end) | Q(closed_on__lt=start)


def inspected(area, start: datetime.date, end: datetime.date) -> int:
    """Establishments active in the period and inspected in it: those inspected (from the
    monthly tallies when the period allows) less the few inspected while not active."""
    counted = tallies.total(area, start, end, tallies.establishments_column(start, end))
    if counted is None:
        return active_establishments(area, start, end).filter(inspected_in(start, end)).count()
    outside = Establishment.objects.filter(_inside(area)).filter(inactive(start, end))
    return counted - outside.filter(inspected_in(start, end)).count()


def coverage(area, start: datetime.date, end: datetime.date) -> float | None:
    """Share (%) of the establishments active in the period inspected at least once in it."""
    total = active_establishments(area, start, end).count()
    if not total:
        return None
    return round(100 * inspected(area, start, end) / total, 1)


def inspections_held(area, start: datetime.date, end: datetime.date) -> int:
    counted = tallies.total(area, start, end, tallies.INSPECTIONS)
    if counted is not None:
        return counted
    return Inspection.objects.filter(
        establishment__in=Establishment.objects.filter(_inside(area)),
        inspected_on__range=(start, end),
    ).count()


def violations_found(area, start: datetime.date, end: datetime.date) -> int:
    from .models import Violation

    counted = tallies.total(area, start, end, tallies.VIOLATIONS)
    if counted is not None:
        return counted
    return Violation.objects.filter(
        inspection__establishment__in=Establishment.objects.filter(_inside(area)),
        inspection__inspected_on__range=(start, end),
    ).count()


def count_active(area, start: datetime.date, end: datetime.date) -> int:
    return active_establishments(area, start, end).count()


def establishments_harbouring(area, start: datetime.date, end: datetime.date) -> int:
    """Establishments where an inspection of the period found prostitution: at least one
    violation recorded (every legal basis of the register is a prostitution offence), each
    establishment once however often it was caught."""
    from .models import Violation

    caught = Violation.objects.filter(
        inspection__establishment=OuterRef("pk"), inspection__inspected_on__range=(start, end)
    )
    return Establishment.objects.filter(_inside(area)).filter(Exists(caught)).count()
