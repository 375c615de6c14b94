"""The registers' figures the dashboards, charts and map show, for an area and by unit.

Monitoring reads from the registers and nothing reads back from it. A figure counts the
records kept under any unit inside an area (``UnitContainment``, which also places the
historic communes inside today's units), so a province counts its communes and a commune
the records kept under the communes merged into it in 2025. Each figure is one query for
the whole area and one ``GROUP BY`` for all the units of a table at once, whatever their
number; a unit's count is the sum over the record's units inside it.

Every figure of a dashboard has a drill-down: the register's list filtered so that it
shows exactly the records counted (tests hold the two equal).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lanhmanh.places.models import UnitContainment

COUNT = "count"
PERCENT = "percent"


def inside(units: Iterable[int]) -> QuerySet:
    """The ids of every unit inside ``units`` (themselves included), as a subquery."""
    return UnitContainment.objects.filter(outer_id__in=list(units)).values("inner_id")


@dataclass(frozen=True)
class Count_:
    """How to count one kind of record: the records of a period, the path to their unit,
    and what to count (distinct values of a field, or rows).

    ``tally`` names, for a period, the column of the inspections' monthly tallies that
    counts the same (None when they cannot tell: the records are counted instead), and
    ``less`` the records the tally counts that this figure leaves out."""

    records: Callable[[datetime.date, datetime.date], QuerySet]
    unit_field: str
    distinct: str | None = None
    tally: Callable[[datetime.date, datetime.date], str | None] | None = None
    less: Count_ | None = None

    def total(self, units: Iterable[int], start, end) -> int:
        if self.tally is not None:
            from lanhmanh.inspections import tallies

            counted = tallies.total(units, start, end, self.tally(start, end))
            if counted is not None:
                return counted - (self.less.total(units, start, end) if self.less else 0)
        rows = self.records(start, end).filter(**{f"{self.unit_field}__in": inside(units)})
        if self.distinct:
            return rows.values(self.distinct).distinct().count()
        return rows.count()

    def by_unit(self, units: Iterable[int], start, end) -> dict[int, int]:
        """unit id → count, for each of ``units``: one GROUP BY over the records' units."""
        units = list(units)
        outers: dict[int, list[int]] = defaultdict(list)
        for inner, outer in UnitContainment.objects.filter(outer_id__in=units).values_list(
            "inner_id", "outer_id"
        ):
            outers[inner].append(outer)
        counts = self._by_record_unit(units, start, end)
        result = dict.fromkeys(units, 0)
        for unit_id, n in counts.items():
            for outer in outers.get(unit_id, ()):
                result[outer] += n
        return result

    def _by_record_unit(self, units: list[int], start, end) -> dict[int, int]:
        if self.tally is not None:
            from lanhmanh.inspections import tallies

            counted = tallies.by_commune(units, start, end, self.tally(start, end))
            if counted is not None:
                if self.less:
                    for unit_id, n in self.less._by_record_unit(units, start, end).items():
                        counted[unit_id] = counted.get(unit_id, 0) - n
                return counted
        counted = Count(self.distinct, distinct=True) if self.distinct else Count("pk")
        return dict(
            self.records(start, end)
            .filter(**{f"{self.unit_field}__in": inside(units)})
            .order_by()
            .values(self.unit_field)
            .annotate(n=counted)
            .values_list(self.unit_field, "n")
        )


# --- the records ------------------------------------------------------------------------


def _tips_received(start, end):
    from lanhmanh.tips.indicators import received_between
    from lanhmanh.tips.models import Tip

    return Tip.objects.filter(received_between(start, end))


def _tips_on_time(start, end):
    from lanhmanh.tips.models import Status

    return (
        _tips_received(start, end)
        .filter(status=Status.HANDLED, closed_at__isnull=False)
        .annotate(closed_on=TruncDate("closed_at"))
        .filter(closed_on__lte=F("deadline"))
    )


def _tips_overdue(start, end):
    """Tips still open whose deadline passed before ``end`` (``start`` is not used: a tip
    received in any year that is still open is overdue)."""
    from lanhmanh.tips.models import Tip

    return Tip.objects.overdue(end)


def _inspections(start, end):
    from lanhmanh.inspections.models import Inspection

    return Inspection.objects.filter(inspected_on__gte=start, inspected_on__lte=end)


def _establishments_active(start, end):
    from lanhmanh.inspections.indicators import active_in
    from lanhmanh.inspections.models import Establishment

    return Establishment.objects.filter(active_in(start, end))


def _inspected_between(start, end):
    """Has the establishment an inspection in [start, end]? The register's own definition."""
    from lanhmanh.inspections.indicators import inspected_in

    return inspected_in(start, end)


def _establishments_inspected(start, end):
    from lanhmanh.inspections.models import Establishment

    return Establishment.objects.filter(_inspected_between(start, end))


def _active_inspected(start, end):
    return _establishments_active(start, end).filter(_inspected_between(start, end))


def _inactive_inspected(start, end):
    """Establishments inspected in the period though not active in it (opened after it
    or closed before it): few, and what the tallies count beyond ``_active_inspected``."""
    from lanhmanh.inspections.indicators import inactive
    from lanhmanh.inspections.models import Establishment

    return Establishment.objects.filter(inactive(start, end)).filter(_inspected_between(start, end))


def _inspections_column(start, end):
    from lanhmanh.inspections.tallies import INSPECTIONS

    return INSPECTIONS


def _establishments_column(start, end):
    from lanhmanh.inspections.tallies import establishments_column

    return establishments_column(start, end)


def _planned(start, end):
    """Establishments in an inspection plan whose period overlaps [start, end] (a row of
    the plans' establishment list)."""
    from lanhmanh.inspections.models import InspectionPlan

    return InspectionPlan.establishments.through.objects.filter(
        inspectionplan__ends_on__gte=start, inspectionplan__starts_on__lte=end
    )


def _hotspots_operating(start, end):
    from lanhmanh.hotspots.models import OPERATING, Hotspot

    return Hotspot.objects.filter(status__in=OPERATING)


def _services_reached(start, end):
    """Support services accepted or delivered in the period (the people register's own
    definition of "reached", ``people.counts.services_in``)."""
    from lanhmanh.people.counts import services_in

    return services_in(None, start, end)


def _open_cases(start, end):
    """Support cases open today (``start``/``end`` are not used: cases keep no history of
    their status to count from)."""
    from lanhmanh.people.models import Case, CaseStatus

    return Case.objects.filter(status=CaseStatus.OPEN)


def _communes_of_year(start, end):
    """The communes that existed at the end of the period's year (the assessments' reading
    "as assessed then", ``assessments.indicators.communes_in``: for 2024, the communes
    before the 2025 merger)."""
    from lanhmanh.places.models import AdministrativeUnit, Level
    from lanhmanh.validity import valid_on

    return AdministrativeUnit.objects.filter(level=Level.COMMUNE).filter(
        valid_on(datetime.date(end.year, 12, 31))
    )


def _communes_healthy(start, end):
    """Approved assessments of the period's year that found the commune lành mạnh."""
    from lanhmanh.assessments.models import Assessment, Status

    return Assessment.objects.filter(
        year=end.year,
        status=Status.APPROVED,
        healthy=True,
        commune__in=_communes_of_year(start, end),
    )


TIPS_RECEIVED = Count_(_tips_received, "commune")
TIPS_ON_TIME = Count_(_tips_on_time, "commune")
TIPS_OVERDUE = Count_(_tips_overdue, "commune")
INSPECTIONS = Count_(_inspections, "establishment__commune", tally=_inspections_column)
INSPECTED = Count_(_establishments_inspected, "commune", tally=_establishments_column)
ACTIVE = Count_(_establishments_active, "commune")
ACTIVE_INSPECTED = Count_(
    _active_inspected,
    "commune",
    tally=_establishments_column,
    less=Count_(_inactive_inspected, "commune"),
)
HOTSPOTS = Count_(_hotspots_operating, "commune")
PLANNED = Count_(_planned, "establishment__commune", distinct="establishment_id")
PEOPLE_REACHED = Count_(_services_reached, "case__commune", distinct="case__person_id")
OPEN_CASES = Count_(_open_cases, "commune")
COMMUNES = Count_(_communes_of_year, "pk")
COMMUNES_HEALTHY = Count_(_communes_healthy, "commune")


# --- measures: what a chart, the map and a table can show ------------------------------


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    kind: str = COUNT
    count: Count_ | None = None
    numerator: Count_ | None = None
    denominator: Count_ | None = None
    #: the register kind whose list shows the records (None: no list)
    register: str | None = None
    #: True when a lower figure is better (only the legend's wording depends on it)
    lower_is_better: bool = False
    #: False for a figure of today only (open tips past their deadline, hotspots in
    #: operation): the registers keep no history of it to draw a trend from
    over_time: bool = True
    #: for a count of the people register, its column in the one published table
    #: (``people.counts.publish_people_table``, DESIGN.md rule 3): the page, the map, the
    #: trend and the exports show that table's value, for fixed calendar periods, with
    #: small counts and whatever would reveal them suppressed
    published: str | None = None

    def plotted(self, value):
        """The value as a chart or the map draws it: a suppressed one is not drawn."""
        return value if isinstance(value, int | float) else None

    def people(self, area, period):
        """The published people table of ``area`` for ``period`` (a key or Period)."""
        from lanhmanh.people.counts import publish_people_table

        return publish_people_table(area, period)

    def total(self, units, start, end) -> float | int | None:
        if self.kind == COUNT:
            return self.count.total(units, start, end)
        den = self.denominator.total(units, start, end)
        if not den:
            return None
        return round(100 * self.numerator.total(units, start, end) / den, 1)

    def by_unit(self, units, start, end) -> dict[int, float | int | None]:
        if self.kind == COUNT:
            return self.count.by_unit(units, start, end)
        num = self.numerator.by_unit(units, start, end)
        den = self.denominator.by_unit(units, start, end)
        return {u: (round(100 * num[u] / den[u], 1) if den[u] else None) for u in den}

    def drill_url(self, unit_id: int | None, start, end) -> str | None:
        """The register list showing exactly the records of ``total`` (None if none)."""
        params: dict[str, object] = {}
        if unit_id:
            params["unit"] = unit_id
        if self.key == "tips_overdue":
            params["overdue"] = "on"
            return reverse("tips:list") + "?" + urlencode(params)
        if self.key == "establishments_inspected":
            params["inspected_from"] = start.isoformat()
            params["inspected_to"] = end.isoformat()
            return reverse("inspections:list") + "?" + urlencode(params)
        if self.key == "establishments_planned":
            params["planned_from"] = start.isoformat()
            params["planned_to"] = end.isoformat()
            return reverse("inspections:list") + "?" + urlencode(params)
        if self.key == "people_reached":
            params["reached_from"] = start.isoformat()
            params["reached_to"] = end.isoformat()
            return reverse("people:list") + "?" + urlencode(params)
        if self.key == "open_cases":
            params["status"] = "open"
            return reverse("people:list") + "?" + urlencode(params)
        if self.key == "communes_healthy":
            # The assessments list reads ?area= and the year of ?to=.
            query = {"status": "approved", "result": "healthy", "to": end.isoformat()}
            if unit_id:
                query["area"] = unit_id
            return reverse("assessments:list") + "?" + urlencode(query)
        return None


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in (
        Measure(
            "tips_overdue",
            _("Tips past their deadline"),
            count=TIPS_OVERDUE,
            register="tip",
            lower_is_better=True,
            over_time=False,
        ),
        Measure("tips_received", _("Tips received"), count=TIPS_RECEIVED, register="tip"),
        Measure(
            "tips_on_time",
            _("Tips handled on time (%)"),
            kind=PERCENT,
            numerator=TIPS_ON_TIME,
            denominator=TIPS_RECEIVED,
        ),
        Measure(
            "establishments_inspected",
            _("Establishments inspected"),
            count=INSPECTED,
            register="establishment",
        ),
        Measure(
            "establishments_planned",
            _("Establishments in an inspection plan"),
            count=PLANNED,
            register="establishment",
        ),
        Measure("inspections_held", _("Inspections held"), count=INSPECTIONS),
        Measure("establishments_active", _("Establishments in operation"), count=ACTIVE),
        Measure(
            "inspection_coverage",
            _("Establishments inspected (%)"),
            kind=PERCENT,
            numerator=ACTIVE_INSPECTED,
            denominator=ACTIVE,
        ),
        Measure(
            "people_reached",
            _("People reached with support services"),
            count=PEOPLE_REACHED,
            register="support_case",
            published="total",
        ),
        Measure(
            "open_cases",
            _("Open support cases"),
            count=OPEN_CASES,
            register="support_case",
            over_time=False,
            published="open_cases",
        ),
        Measure(
            "communes_healthy",
            _("Communes and wards lành mạnh (%)"),
            kind=PERCENT,
            numerator=COMMUNES_HEALTHY,
            denominator=COMMUNES,
            register="assessment",
            # One figure a year: its trend over the years is the assessments' own page.
            over_time=False,
        ),
        Measure(
            "hotspots_operating",
            _("Hotspots in operation"),
            count=HOTSPOTS,
            lower_is_better=True,
            over_time=False,
        ),
    )
}
