"""Figures of the plans, for the indicator registry.

- ``units_in_scope``: the agencies and localities expected to act and report on the
  plans in force at the period's end — the reporting units (:func:`queries.reporting_units`)
  of the active plans of that year whose area is the area or contains it, counted
  where they sit: a unit counts in the area its jurisdiction lies inside. So a province's
  figure counts its departments and its communes' committees, a commune's only its own
  committee, and the figures of the communes add up to the province's share of them.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from lanhmanh.places.models import UnitContainment

from .models import Plan, PlanStatus
from .queries import units_of_plans


def plans_in_force(area, end: datetime.date):
    """Active plans of ``end``'s year whose area is ``area`` or contains it: a few (the
    province's, the area's own), whatever the number of units below."""
    around = UnitContainment.objects.filter(inner_id__in=list(area)).values("outer_id")
    year = end.year
    return Plan.objects.filter(
        jurisdiction__in=around, status=PlanStatus.ACTIVE, first_year__lte=year
    ).filter(Q(last_year__isnull=True, first_year=year) | Q(last_year__gte=year))


def units_in_scope(area, start: datetime.date, end: datetime.date) -> int:
    inside = set(
        UnitContainment.objects.filter(outer_id__in=list(area)).values_list("inner_id", flat=True)
    )
    units = units_of_plans(plans_in_force(area, end))
    return sum(1 for agency in units.values() if agency.jurisdiction_id in inside)
