"""Monthly tallies of the inspections register, per commune (``InspectionTally``).

``refresh`` recomputes the rows of some communes and years from the register (the
actions call it for what they touched, inside their transaction, so a figure never
reads a tally older than the records); ``rebuild`` recomputes them all after a bulk
load. Readers ask ``rows_for`` for the rows of a period and get None when the rows
cannot answer it exactly; they then count the register itself.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractYear, TruncMonth

from lanhmanh.places.models import AdministrativeUnit, UnitContainment

from .models import Establishment, Inspection, InspectionTally, Violation

INSPECTIONS = "inspections"
VIOLATIONS = "violations"


def _in_years(field: str, years: Iterable[int]) -> Q:
    q = Q()
    for year in years:
        q |= Q(**{f"{field}__range": (datetime.date(year, 1, 1), datetime.date(year, 12, 31))})
    return q


def _tally(communes: set[int] | None, years: set[int] | None, models=None) -> list:
    """The tally rows of ``communes`` and ``years`` (None: all), counted from the
    register; ``models`` the (Inspection, Violation, InspectionTally) classes to use (a
    migration's historical ones)."""
    inspection_model, violation_model, tally_model = models or (
        Inspection,
        Violation,
        InspectionTally,
    )
    inspections = inspection_model.objects.order_by()
    violations = violation_model.objects.order_by()
    if communes is not None:
        inspections = inspections.filter(establishment__commune__in=communes)
        violations = violations.filter(inspection__establishment__commune__in=communes)
    if years is not None:
        inspections = inspections.filter(_in_years("inspected_on", years))
        violations = violations.filter(_in_years("inspection__inspected_on", years))
    rows: dict[tuple[int, datetime.date], InspectionTally] = {}

    def row(commune: int, month):
        if isinstance(month, datetime.datetime):
            month = month.date()
        key = (commune, month)
        if key not in rows:
            rows[key] = tally_model(commune_id=commune, month=month)
        return rows[key]

    for commune, month, n, places in (
        inspections.annotate(month=TruncMonth("inspected_on"))
        .values("establishment__commune", "month")
        .annotate(n=Count("pk"), places=Count("establishment", distinct=True))
        .values_list("establishment__commune", "month", "n", "places")
    ):
        tally = row(commune, month)
        tally.inspections, tally.establishments = n, places
    for commune, month, n in (
        violations.annotate(month=TruncMonth("inspection__inspected_on"))
        .values("inspection__establishment__commune", "month")
        .annotate(n=Count("pk"))
        .values_list("inspection__establishment__commune", "month", "n")
    ):
        row(commune, month).violations = n
    firsts: Counter = Counter()
    for commune, first in (
        inspections.annotate(year=ExtractYear("inspected_on"))
        .values("establishment", "establishment__commune", "year")
        .annotate(first=Min("inspected_on"))
        .values_list("establishment__commune", "first")
        .iterator(chunk_size=20_000)
    ):
        firsts[(commune, first.replace(day=1))] += 1
    for (commune, month), n in firsts.items():
        row(commune, month).first_of_year = n
    return list(rows.values())


@transaction.atomic
def refresh(communes: Iterable[int], years: Iterable[int]) -> None:
    """Recompute the tallies of ``communes`` for ``years`` from the register."""
    communes, years = set(communes), set(years)
    if not communes or not years:
        return
    # Two writers in one commune would each count without the other's uncommitted
    # inspection and the later would lose; the row lock on the commune makes the second
    # count after the first commits. NO KEY: records referencing the commune still insert.
    list(
        AdministrativeUnit.objects.select_for_update(no_key=True)
        .filter(pk__in=communes)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    InspectionTally.objects.filter(commune__in=communes).filter(_in_years("month", years)).delete()
    InspectionTally.objects.bulk_create(_tally(communes, years))


def refresh_last_inspected(establishments=None, models=None) -> None:
    """Set ``Establishment.last_inspected_on`` from the register, for ``establishments``
    (ids; None: all) — one UPDATE with a subquery, also after a bulk load."""
    establishment_model, inspection_model = models or (Establishment, Inspection)
    latest = (
        inspection_model.objects.filter(establishment=OuterRef("pk"))
        .order_by()
        .values("establishment")
        .annotate(day=Max("inspected_on"))
        .values("day")
    )
    rows = establishment_model.objects.all()
    if establishments is not None:
        rows = rows.filter(pk__in=list(establishments))
    rows.update(last_inspected_on=Subquery(latest))


def copy_communes() -> int:
    """Give every inspection its establishment's commune again where the copy differs
    (after a bulk load that bypassed the actions); the number corrected."""
    differing = Inspection.objects.exclude(commune_id=F("establishment__commune_id"))
    establishment_commune = Establishment.objects.filter(pk=OuterRef("establishment_id"))
    return differing.update(commune_id=Subquery(establishment_commune.values("commune_id")[:1]))


@transaction.atomic
def rebuild(models=None) -> int:
    """Recompute every tally (after a bulk load); the number of rows."""
    tally_model = models[2] if models else InspectionTally
    tally_model.objects.all().delete()
    rows = _tally(None, None, models)
    tally_model.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def rows_for(start: datetime.date, end: datetime.date) -> QuerySet | None:
    """The tally rows of the months of [start, end], or None when they would not count
    that period exactly: it must start on the first of a month and end on the last day
    of one, or no inspection may be recorded after its end in its last month (the
    dashboards' "this month" and "since 1 January" end today, and no inspection is
    recorded for a future date)."""
    if start.day != 1 or end < start:
        return None
    last = _month_end(end)
    later = Inspection.objects.filter(inspected_on__gt=end, inspected_on__lte=last)
    if end != last and later.exists():
        return None
    return InspectionTally.objects.filter(month__gte=start, month__lte=end)


def establishments_column(start: datetime.date, end: datetime.date) -> str | None:
    """The column whose sum over the months of [start, end] is the number of distinct
    establishments inspected in it: a month's own count for one month, the first
    inspections of the year for a period from 1 January; None for any other period."""
    if (start.year, start.month) == (end.year, end.month):
        return "establishments"
    if start.year == end.year and start.month == 1:
        return "first_of_year"
    return None


def _inside(area: Iterable[int]) -> QuerySet:
    return UnitContainment.objects.filter(outer_id__in=list(area)).values("inner_id")


def total(area: Iterable[int], start, end, column: str) -> int | None:
    """``column`` summed over the area's communes for [start, end]; None if the tallies
    cannot tell."""
    rows = rows_for(start, end) if column else None
    if rows is None:
        return None
    return rows.filter(commune__in=_inside(area)).aggregate(n=Sum(column))["n"] or 0


def by_commune(area: Iterable[int], start, end, column: str) -> dict[int, int] | None:
    """commune id → ``column`` summed for [start, end], for the communes inside ``area``
    that have any; None if the tallies cannot tell."""
    rows = rows_for(start, end) if column else None
    if rows is None:
        return None
    return dict(
        rows.filter(commune__in=_inside(area))
        .order_by()
        .values("commune")
        .annotate(n=Sum(column))
        .values_list("commune", "n")
    )


def follow_move(establishment: Establishment, commune_before: int) -> None:
    """After ``establishment`` was saved: if it moved to another commune, its
    inspections' copy of the commune and the tallies of both communes follow it."""
    if establishment.commune_id == commune_before:
        return
    establishment.inspections.update(commune_id=establishment.commune_id)
    years = establishment.inspections.dates("inspected_on", "year")
    refresh({commune_before, establishment.commune_id}, {d.year for d in years})
