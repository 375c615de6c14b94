"""The register figures a commune's report carries, computed in bulk for the national dataset.

When a unit opens its report, ``reporting.actions.prefill_computed`` stores the value of
every indicator the registers compute (``registry.compute(indicator, {commune}, end)``:
from 1 January to the period's end) and locks it. Calling the register functions for
every commune and period of the national dataset would take millions of queries, so this
module reads each register once (a few grouped queries) and derives, per commune, year and
month, the same figures by the same definitions:

- ``inspections.*``: establishments active in the period (opened by its end, not closed
  before it began), those of them inspected in it, the share inspected, inspections held,
  violations found;
- ``hotspots.*``: hotspots broken up in the period; kept clear (cleared at the end of the
  previous year, no recurrence in the period);
- ``people.*``: people who sell sex with a case open in the year, people reached by
  accepted or delivered services (all, vocational training, jobs; returnees), and the
  share; counts of 1 to 4 are unknown (``counts.suppressed_value``);
- ``assessments.*``: approved lành mạnh assessments of the year, and the share.

A record counts for every commune whose area contains its unit (``UnitContainment``), as
in the register functions. ``lanhmanh/demo/tests/test_national_reports.py`` checks the
figures against ``registry.compute`` itself.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Min
from django.db.models.functions import ExtractMonth, ExtractYear

from lanhmanh.assessments.models import Assessment
from lanhmanh.assessments.models import Status as AssessmentStatus
from lanhmanh.hotspots.models import CLEARED, HotspotStatus, HotspotStatusChange
from lanhmanh.inspections.models import Establishment, Inspection, Violation
from lanhmanh.people.counts import REACHED, suppressed_value
from lanhmanh.people.models import Case, Person, Service, ServiceKind
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.validity import is_valid_on

#: activity figures that add up record by record (a count, or a sum of a field), by month
ACTIVITY_FLOWS = (
    "conferences_held",
    "media_items",
    "training_courses_held",
    "staff_trained",
    "supervision_visits",
    "leaflets_produced",
    "posters_produced",
    "models_built",
)
#: activity figures of distinct things (communes, organisers, running models): counted from
#: the first month they qualify in
ACTIVITY_STARTS = (
    "communes_with_communication",
    "units_with_plan",
    "models_maintained",
    "communes_with_model",
)
#: the catalogue codes of the figures derived here
CODES = (
    "establishments_active",
    "establishments_inspected",
    "establishments_inspected_pct",
    "inspections_held",
    "violations_found",
    "hotspots_broken_up",
    "hotspots_kept_clear",
    "sex_workers_in_need",
    "sex_workers_supported",
    "sex_workers_supported_pct",
    "vocational_training",
    "jobs_provided",
    "returnees_supported",
    "communes_healthy",
    "communes_healthy_pct",
    *ACTIVITY_FLOWS,
    *ACTIVITY_STARTS,
)
CENT = Decimal("0.01")


class Figures:
    """Per (commune, year): for each code, the 12 month-end values of the year to date."""

    def __init__(self, communes: set[int], years: tuple[int, ...]):
        self.communes, self.years = set(communes), tuple(years)
        analyze(
            Establishment,
            Inspection,
            Violation,
            HotspotStatusChange,
            Case,
            Service,
            Person,
            Assessment,
            UnitContainment,
        )
        self.owners: dict[int, list[int]] = defaultdict(list)  # unit → reporting communes
        for outer, inner in UnitContainment.objects.filter(outer_id__in=self.communes).values_list(
            "outer_id", "inner_id"
        ):
            self.owners[inner].append(outer)
        # (commune, year, code) → 13 counters of "starts counting in month m" (1..12)
        self.starts: dict[tuple[int, int, str], list[int]] = defaultdict(lambda: [0] * 13)
        self.flows: dict[tuple[int, int, str], list[int]] = defaultdict(lambda: [0] * 13)
        self._inspections()
        self._hotspots()
        self._people()
        self._assessments()
        self._activities()
        self.cache: dict[tuple[int, int], dict[str, list]] = {}

    # counters ------------------------------------------------------------------------

    def _start(self, unit: int, year: int, code: str, month: int | None) -> None:
        """The record counts for ``code`` from ``month`` of ``year`` on (None: never)."""
        if month is None:
            return
        for commune in self.owners.get(unit, ()):
            self.starts[(commune, year, code)][month] += 1

    def _flow(self, unit: int, year: int, month: int, code: str, n: int) -> None:
        for commune in self.owners.get(unit, ()):
            self.flows[(commune, year, code)][month] += n

    def _inspections(self) -> None:
        first_seen: dict[tuple[int, int], int] = {}
        for establishment, year, first in (
            Inspection.objects.filter(inspected_on__year__in=self.years)
            .annotate(y=ExtractYear("inspected_on"))
            .values("establishment_id", "y")
            .annotate(first=Min("inspected_on"))
            .values_list("establishment_id", "y", "first")
            .order_by()
        ):
            first_seen[(establishment, year)] = first.month
        where = {}  # establishment → its unit
        for pk, unit, opened, closed in Establishment.objects.values_list(
            "pk", "commune_id", "opened_on", "closed_on"
        ).order_by():
            where[pk] = unit
            if unit not in self.owners:
                continue
            for year in self.years:
                if closed is not None and closed < datetime.date(year, 1, 1):
                    continue
                if opened is not None and opened.year > year:
                    continue
                since = opened.month if opened is not None and opened.year == year else 1
                self._start(unit, year, "establishments_active", since)
                seen = first_seen.get((pk, year))
                if seen is not None:
                    self._start(unit, year, "establishments_inspected", max(since, seen))
        # grouped by establishment (one join at most), placed by the map above
        for establishment, year, month, n in self._by_month(
            Inspection.objects.filter(inspected_on__year__in=self.years),
            "establishment_id",
            "inspected_on",
        ):
            self._flow(where[establishment], year, month, "inspections_held", n)
        for establishment, year, month, n in self._by_month(
            Violation.objects.filter(inspection__inspected_on__year__in=self.years),
            "inspection__establishment_id",
            "inspection__inspected_on",
        ):
            self._flow(where[establishment], year, month, "violations_found", n)

    @staticmethod
    def _by_month(queryset, unit_field: str, date_field: str):
        from django.db.models import Count

        return (
            queryset.annotate(y=ExtractYear(date_field), m=ExtractMonth(date_field))
            .values(unit_field, "y", "m")
            .annotate(n=Count("pk"))
            .values_list(unit_field, "y", "m", "n")
            .order_by()
        )

    def _hotspots(self) -> None:
        changes: dict[int, list] = defaultdict(list)
        units = {}
        for hotspot, unit, on, status in HotspotStatusChange.objects.values_list(
            "hotspot_id", "hotspot__commune_id", "on", "to_status"
        ).order_by("hotspot_id", "on", "pk"):
            changes[hotspot].append((on, status))
            units[hotspot] = unit
        for hotspot, history in changes.items():
            unit = units[hotspot]
            if unit not in self.owners:
                continue
            for year in self.years:
                start, before = datetime.date(year, 1, 1), datetime.date(year - 1, 12, 31)
                broken = [on for on, status in history if status == HotspotStatus.BROKEN_UP]
                broken = [on for on in broken if on.year == year]
                self._start(unit, year, "hotspots_broken_up", broken[0].month if broken else None)
                then = [status for on, status in history if on <= before]
                if then and then[-1] in CLEARED:
                    recurred = [
                        on
                        for on, status in history
                        if status == HotspotStatus.RECURRED and start <= on
                    ]
                    first = recurred[0] if recurred else None
                    # counted while no recurrence came by the month's end: months before it
                    last = 12 if first is None or first.year > year else first.month - 1
                    if last >= 1:
                        self._start(unit, year, "hotspots_kept_clear", 1)
                        if last < 12:
                            self._start(unit, year, "hotspots_kept_clear_stop", last + 1)

    def _people(self) -> None:
        # (reporting commune, year, code, person) → the month the person starts counting:
        # people are counted once in an area, whatever the number of their cases there
        earliest: dict[tuple[int, int, str, int], int] = {}

        def seen(unit, year, code, person, month):
            for commune in self.owners.get(unit, ()):
                key = (commune, year, code, person)
                if key not in earliest or month < earliest[key]:
                    earliest[key] = month

        for person, unit, opened, closed, sells in Case.objects.values_list(
            "person_id", "commune_id", "opened_on", "closed_on", "person__sells_sex"
        ).order_by():
            if not sells or unit not in self.owners:
                continue
            for year in self.years:
                if opened.year > year or (closed is not None and closed.year < year):
                    continue
                seen(
                    unit,
                    year,
                    "sex_workers_in_need",
                    person,
                    opened.month if opened.year == year else 1,
                )
        groups = {
            "sex_workers_supported": ("sells", None),
            "vocational_training": ("sells", ServiceKind.VOCATIONAL_TRAINING),
            "jobs_provided": ("sells", ServiceKind.JOB_PLACEMENT),
            "returnees_supported": ("returnee", None),
        }
        for person, unit, on, kind, sells, returnee in (
            Service.objects.filter(status__in=REACHED, referred_on__year__in=self.years)
            .values_list(
                "case__person_id",
                "case__commune_id",
                "referred_on",
                "kind",
                "case__person__sells_sex",
                "case__person__trafficking_returnee",
            )
            .order_by()
        ):
            if unit not in self.owners:
                continue
            for code, (group, wanted) in groups.items():
                if (sells if group == "sells" else returnee) and (wanted is None or kind == wanted):
                    seen(unit, on.year, code, person, on.month)
        for (commune, year, code, _person), month in earliest.items():
            self.starts[(commune, year, code)][month] += 1

    def _assessments(self) -> None:
        units = {
            pk: unit
            for pk, unit in (
                (u.pk, u)
                for u in AdministrativeUnit.objects.filter(
                    level=Level.COMMUNE, pk__in=list(self.owners)
                ).only("pk", "valid_from", "valid_to")
            )
        }
        approved = set(
            Assessment.objects.filter(
                year__in=self.years, status=AssessmentStatus.APPROVED, healthy=True
            ).values_list("commune_id", "year")
        )
        for pk, unit in units.items():
            for year in self.years:
                if not is_valid_on(unit, datetime.date(year, 12, 31)):
                    continue
                self._start(pk, year, "communes_existing", 1)
                if (pk, year) in approved:
                    self._start(pk, year, "communes_healthy", 1)

    def _activities(self) -> None:
        """The ``activities.*`` figures: a record counts for the communes whose area holds
        the unit it is kept under; the communes it reached are (in this dataset) that unit."""
        from lanhmanh.activities.models import (
            COMMUNICATION,
            EVENTS,
            MEDIUM_GROUPS,
            Activity,
            ActivityKind,
            CommunityModel,
        )

        def flow(code, count):
            if count:
                self._flow(unit, on.year, on.month, code, count)

        earliest: dict[tuple[int, int, str, object], int] = {}

        def first(code, thing, year, month):
            for commune in self.owners.get(unit, ()):
                key = (commune, year, code, thing)
                if key not in earliest or month < earliest[key]:
                    earliest[key] = month

        for unit, on, kind, medium, participants, quantity, organiser in (
            Activity.objects.filter(held_on__year__in=self.years)
            .values_list(
                "unit_id", "held_on", "kind", "medium", "participants", "quantity", "organiser_id"
            )
            .order_by()
        ):
            if unit not in self.owners:
                continue
            flow("conferences_held", kind in EVENTS)
            flow("media_items", kind == ActivityKind.MEDIA)
            flow("training_courses_held", kind == ActivityKind.TRAINING)
            flow("staff_trained", (participants or 0) if kind == ActivityKind.TRAINING else 0)
            flow("supervision_visits", kind == ActivityKind.SUPERVISION)
            for code, group in (("leaflets_produced", "leaflets"), ("posters_produced", "panels")):
                wanted = kind == ActivityKind.PRINTED and medium in MEDIUM_GROUPS[group]
                flow(code, (quantity or 0) if wanted else 0)
            if kind in COMMUNICATION:
                first("communes_with_communication", unit, on.year, on.month)
            if kind == ActivityKind.UNIT_PLAN:
                first("units_with_plan", organiser, on.year, on.month)
        for unit, started, stopped, model in CommunityModel.objects.values_list(
            "unit_id", "started_on", "stopped_on", "pk"
        ).order_by():
            if unit not in self.owners:
                continue
            for year in self.years:
                if started.year > year or (stopped is not None and stopped.year < year):
                    continue
                month = started.month if started.year == year else 1
                if started.year == year:
                    on = started
                    flow("models_built", 1)
                first("models_maintained", model, year, month)
                first("communes_with_model", unit, year, month)
        for (commune, year, code, _thing), month in earliest.items():
            self.starts[(commune, year, code)][month] += 1

    # the figures -----------------------------------------------------------------------

    def _months(self, commune: int, year: int) -> dict[str, list]:
        key = (commune, year)
        if key in self.cache:
            return self.cache[key]
        running: dict[str, list[int]] = {}
        for code in (
            "establishments_active",
            "establishments_inspected",
            "hotspots_broken_up",
            "hotspots_kept_clear",
            "hotspots_kept_clear_stop",
            "sex_workers_in_need",
            "sex_workers_supported",
            "vocational_training",
            "jobs_provided",
            "returnees_supported",
            "communes_existing",
            "communes_healthy",
            *ACTIVITY_STARTS,
        ):
            counters = self.starts.get((commune, year, code), [0] * 13)
            total, out = 0, [0] * 13
            for month in range(1, 13):
                total += counters[month]
                out[month] = total
            running[code] = out
        for code in ("inspections_held", "violations_found", *ACTIVITY_FLOWS):
            counters = self.flows.get((commune, year, code), [0] * 13)
            total, out = 0, [0] * 13
            for month in range(1, 13):
                total += counters[month]
                out[month] = total
            running[code] = out
        kept = running.pop("hotspots_kept_clear_stop")
        running["hotspots_kept_clear"] = [
            a - b for a, b in zip(running["hotspots_kept_clear"], kept, strict=True)
        ]
        self.cache[key] = running
        return running

    def values(self, commune: int, end: datetime.date) -> dict[str, Decimal | None]:
        """code → the value ``registry.compute`` gives for ``{commune}`` at ``end`` (a
        month's last day)."""
        months = self._months(commune, end.year)
        m = end.month

        def at(code):
            return months[code][m]

        def people(code):
            return suppressed_value(at(code))

        active, inspected = at("establishments_active"), at("establishments_inspected")
        need, done = people("sex_workers_in_need"), people("sex_workers_supported")
        existing, healthy = at("communes_existing"), at("communes_healthy")
        raw = {
            "establishments_active": active,
            "establishments_inspected": inspected,
            "establishments_inspected_pct": round(100 * inspected / active, 1) if active else None,
            "inspections_held": at("inspections_held"),
            "violations_found": at("violations_found"),
            "hotspots_broken_up": at("hotspots_broken_up"),
            "hotspots_kept_clear": at("hotspots_kept_clear"),
            "sex_workers_in_need": need,
            "sex_workers_supported": done,
            "sex_workers_supported_pct": 100.0 * done / need if need and done is not None else None,
            "vocational_training": people("vocational_training"),
            "jobs_provided": people("jobs_provided"),
            "returnees_supported": people("returnees_supported"),
            "communes_healthy": healthy,
            "communes_healthy_pct": round(100.0 * healthy / existing, 1) if existing else None,
            **{code: at(code) for code in (*ACTIVITY_FLOWS, *ACTIVITY_STARTS)},
        }
        return {
            code: None if value is None else Decimal(str(value)).quantize(CENT)
            for code, value in raw.items()
        }


def vacuum() -> None:
    """VACUUM ANALYZE after a bulk load, on PostgreSQL outside a transaction: until
    autovacuum gets to the new rows, their pages are not marked all-visible and the
    dashboards' counts cannot be answered from the indexes alone."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def analyze(*models) -> None:
    """Fresh planner statistics on PostgreSQL for tables just filled (inside the stage's
    transaction autovacuum has not seen them, nor in a test's): without them, queries over
    the new rows may be planned as nested loops over millions of rows."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
