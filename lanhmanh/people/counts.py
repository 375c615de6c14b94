"""Counts of the people register for everyone outside the case team.

Rule 3 of DESIGN.md: outside the team the register shows counts only, for fixed calendar
periods, with small counts suppressed together with whatever would let them be worked
back out. **One function publishes the people figures**: :func:`publish_people_table`
(area, period key) gives the table the statistics page, its CSV/XLSX export, the API and
the dashboards, map and trends of ``monitoring`` all show, so that a figure is the same
number (or the same "x") wherever it appears.

What is published, for a period (``2026``, ``2026-H1``, ``2026-Q2``, ``2026-05``):

- for every province, and every commune or ward of today inside it: the people reached
  (distinct people with a service accepted or delivered in the period), the people
  reached by each service, by each group; and the support cases open today;
- each person is counted under one commune, the commune of the case of their latest
  service in the period (a person helped in two communes is one person in the province),
  with all their services of the period and their groups;
- a province and its communes form one table, suppressed as a whole
  (``suppression.suppress``): its relations are each row's total against its services
  and against its groups (treated as if each person had one service and one group: the
  strictest reading, safe for the real one where a person may have several) and each
  column's province figure against its communes. Every area's table is a view of these
  province tables, so the commune page, the province page and the dashboards agree;
- an area of several provinces (the whole country) or communes shows each of them; its
  own total of a figure is their sum when all of them are published, else "x" (a sum of
  published numbers tells nothing new, a sum with a hidden one would).

Reporting indicators (``indicators``) still go through ``suppressed_value``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.reporting import calendar

from . import suppression
from .models import GROUP_FIELDS, Case, CaseStatus, Group, Service, ServiceKind, ServiceStatus
from .suppression import SUPPRESSED, THRESHOLD

REACHED = (ServiceStatus.ACCEPTED, ServiceStatus.DELIVERED)


def suppressed_value(n: int | None) -> int | None:
    """For numeric outputs (indicators): a count of 1 to 4 becomes unknown (None)."""
    return None if n is None or 0 < n < THRESHOLD else n


def services_in(area: Iterable[int] | None, start: datetime.date, end: datetime.date) -> QuerySet:
    """Services accepted or delivered in the period, for cases in ``area`` (unit ids;
    None: everywhere)."""
    services = Service.objects.filter(
        status__in=REACHED, referred_on__gte=start, referred_on__lte=end
    )
    if area is not None:
        inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
        services = services.filter(case__commune__in=inside)
    return services


def reached(services: QuerySet, group: str = "", kind: str = "") -> int:
    """Distinct people reached by ``services`` (optionally of a group, a service)."""
    if group:
        services = services.filter(**{f"case__person__{GROUP_FIELDS[group]}": True})
    if kind:
        services = services.filter(kind=kind)
    return services.values("case__person_id").distinct().count()


def filter_cases(cases: QuerySet, unit: int | None, start, end) -> tuple[QuerySet, dict | None]:
    """The case list narrowed as a dashboard figure drills into it: the cases of ``unit``
    (everything inside it) and, with a period, those with a service that reached the
    person in it. Returns the cases and, with a period, {"people": n, "start", "end"}
    (n the distinct people the figure counted; the list itself shows their cases)."""
    if unit:
        inside = UnitContainment.objects.filter(outer_id=unit).values("inner_id")
        cases = cases.filter(commune__in=inside)
    if not (start and end):
        return cases, None
    served = Service.objects.filter(
        status__in=REACHED, referred_on__gte=start, referred_on__lte=end
    ).values("case_id")
    cases = cases.filter(pk__in=served)
    people = cases.values("person_id").distinct().count()
    return cases, {"people": people, "start": start, "end": end}


def open_people(area: Iterable[int], end: datetime.date, group: str) -> int:
    inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
    cases = Case.objects.filter(commune__in=inside, opened_on__lte=end).exclude(
        closed_on__lt=datetime.date(end.year, 1, 1)
    )
    return (
        cases.filter(**{f"person__{GROUP_FIELDS[group]}": True})
        .values("person_id")
        .distinct()
        .count()
    )


# --- periods ---------------------------------------------------------------------------

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A fixed calendar period of the published figures (keys of ``reporting.calendar``)."""

    key: str
    frequency: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        """The period in words: "Năm 2026", "6 tháng đầu năm 2026", "Quý II/2026",
        "Tháng 5/2026"."""
        year = self.start.year
        if self.frequency == calendar.ANNUAL:
            return _("Year %(year)s") % {"year": year}
        if self.frequency == calendar.SEMIANNUAL:
            if self.start.month == 1:
                return _("First half of %(year)s") % {"year": year}
            return _("Second half of %(year)s") % {"year": year}
        if self.frequency == calendar.QUARTERLY:
            quarter = _ROMAN[(self.start.month - 1) // 3 + 1]
            return _("Quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": year}
        return _("Month %(month)s/%(year)s") % {"month": self.start.month, "year": year}


def period_error() -> str:
    return _(
        "Choose a calendar period: a year (2026), a half-year (2026-H1), a quarter "
        "(2026-Q2) or a month (2026-05)."
    )


def parse_period(key: str) -> Period:
    """The period of ``key``; ValueError (with ``period_error``) for anything else, free
    dates included: published people figures are for fixed calendar periods only."""
    try:
        frequency, start, end = calendar.parse_period((key or "").strip())
    except ValueError:
        raise ValueError(period_error()) from None
    if start.year < 2000:
        raise ValueError(period_error())
    return Period(key.strip(), frequency, start, end)


def current_year(today: datetime.date | None = None) -> Period:
    from django.utils import timezone

    return parse_period(str((today or timezone.localdate()).year))


def month_period(day: datetime.date) -> Period:
    return parse_period(f"{day:%Y-%m}")


# --- the published table ---------------------------------------------------------------

TOTAL = "total"
OPEN = "open_cases"
SERVICE_COLUMNS = tuple(f"service:{kind.value}" for kind in ServiceKind)
GROUP_COLUMNS = tuple(f"group:{group.value}" for group in Group)
COLUMNS = (TOTAL, *SERVICE_COLUMNS, *GROUP_COLUMNS, OPEN)


@dataclass
class PeopleTable:
    """The published people figures of an area for a period: ``area`` (column → value)
    and one row per part of the area; a value is a count or ``SUPPRESSED``."""

    period: Period
    unit: AdministrativeUnit | None
    area: dict[str, int | str]
    parts: list[tuple[AdministrativeUnit, dict[str, int | str]]]

    def value(self, column: str, unit_id: int | None = None) -> int | str:
        if unit_id is None:
            return self.area[column]
        for unit, cells in self.parts:
            if unit.pk == unit_id:
                return cells[column]
        raise KeyError(unit_id)

    @property
    def total(self) -> int | str:
        return self.area[TOTAL]

    @property
    def open_cases(self) -> int | str:
        return self.area[OPEN]

    @property
    def by_service(self) -> list[tuple[str, int | str]]:
        return [(str(kind.label), self.area[f"service:{kind.value}"]) for kind in ServiceKind]

    @property
    def by_group(self) -> list[tuple[str, int | str]]:
        return [(str(group.label), self.area[f"group:{group.value}"]) for group in Group]

    @property
    def by_commune(self) -> list[tuple[str, int | str]]:
        """The parts' people reached (communes of a province, provinces of the country)."""
        return [(unit.name, cells[TOTAL]) for unit, cells in self.parts]

    @property
    def open_by_commune(self) -> list[tuple[str, int | str]]:
        return [(unit.name, cells[OPEN]) for unit, cells in self.parts]

    def rows(self) -> list[list]:
        """The table as rows (section, item, people) for CSV/XLSX."""
        out = [[_("Total"), _("People reached"), self.total]]
        out.append([_("Total"), _("Open cases"), self.open_cases])
        out += [[_("By service"), label, n] for label, n in self.by_service]
        out += [[_("By group"), label, n] for label, n in self.by_group]
        out += [[_("By commune"), label, n] for label, n in self.by_commune]
        out += [[_("Open cases by commune"), label, n] for label, n in self.open_by_commune]
        return out


def plotted(value: int | str | None) -> int | None:
    """A published value as a chart or a map draws it: a suppressed one is not drawn."""
    return value if isinstance(value, int) else None


def publish_people_table(area, period: Period | str) -> PeopleTable:
    """THE people figures of ``area`` (``places.areas.Area``) for the
    fixed calendar ``period`` (a ``Period`` or its key), suppressed. Every page, export,
    API answer and dashboard of people figures calls this."""
    if isinstance(period, str):
        period = parse_period(period)
    parts = list(area.rows)
    own = [area.unit] if area.unit is not None else []
    cells = published_cells([*own, *parts], period)
    rows = [(unit, cells[unit.pk]) for unit in parts]
    total = cells[area.unit.pk] if area.unit is not None else _derived([c for _u, c in rows])
    return PeopleTable(period, area.unit, total, rows)


def _derived(rows: list[dict]) -> dict[str, int | str]:
    """The sum of the rows' figures where all of them are published, else suppressed."""
    out = {}
    for column in COLUMNS:
        values = [row[column] for row in rows]
        out[column] = sum(values) if all(isinstance(v, int) for v in values) else SUPPRESSED
    return out


def published_cells(units: list[AdministrativeUnit], period: Period) -> dict[int, dict]:
    """unit id → its published row, read from its province's suppressed table (a unit
    that is neither a current province nor a commune of one: all suppressed)."""
    provinces = {u.pk if u.level == Level.PROVINCE else u.parent_id for u in units}
    provinces.discard(None)
    shown = province_tables(provinces, period) if provinces else {}
    hidden = dict.fromkeys(COLUMNS, SUPPRESSED)
    return {
        u.pk: {column: shown[(u.pk, column)] for column in COLUMNS}
        if (u.pk, TOTAL) in shown
        else dict(hidden)
        for u in units
    }


def province_tables(provinces: set[int], period: Period) -> dict[tuple[int, str], int | str]:
    """(unit id, column) → published value, for each of ``provinces`` and its current
    communes: the true counts, then ``suppression.suppress`` over each province's table."""
    province_ids = set(
        AdministrativeUnit.objects.filter(pk__in=provinces, level=Level.PROVINCE).values_list(
            "pk", flat=True
        )
    )
    communes: dict[int, int] = {}  # commune -> province
    codes: dict[int, str] = {}
    for pk, parent, code in (
        AdministrativeUnit.objects.current()
        .filter(parent_id__in=province_ids)
        .exclude(pk__in=province_ids)
        .values_list("pk", "parent_id", "code")
    ):
        communes[pk], codes[pk] = parent, code
    # Where a record's unit (perhaps a historic commune) falls: one commune (the first by
    # code when a historic commune went to several) and one province.
    part_of: dict[int, int] = {}
    for inner, outer in UnitContainment.objects.filter(outer_id__in=communes).values_list(
        "inner_id", "outer_id"
    ):
        if inner not in part_of or codes[outer] < codes[part_of[inner]]:
            part_of[inner] = outer
    province_of: dict[int, int] = {}
    for inner, outer in UnitContainment.objects.filter(outer_id__in=province_ids).values_list(
        "inner_id", "outer_id"
    ):
        province_of.setdefault(inner, outer)

    values: dict[tuple[int, str], int] = {}
    for unit in (*province_ids, *communes):
        for column in COLUMNS:
            values[(unit, column)] = 0

    def count(unit_id: int | None, column: str) -> None:
        if unit_id is not None:
            values[(unit_id, column)] += 1

    for commune, kinds, groups in _people(province_ids, period):
        province = province_of.get(commune)
        if province is None:
            continue  # counted under a commune of another province
        part = part_of.get(commune)
        columns = [TOTAL, *(f"service:{k}" for k in kinds), *(f"group:{g}" for g in groups)]
        for column in columns:
            count(province, column)
            count(part, column)
    open_cases = (
        Case.objects.filter(
            status=CaseStatus.OPEN,
            commune__in=UnitContainment.objects.filter(outer_id__in=province_ids).values(
                "inner_id"
            ),
        )
        .order_by()
        .values("commune_id")
        .annotate(n=Count("pk"))
        .values_list("commune_id", "n")
    )
    for commune, n in open_cases:
        for unit in (province_of.get(commune), part_of.get(commune)):
            if unit is not None:
                values[(unit, OPEN)] += n

    # Each province's table is suppressed on its own (no published figure links two
    # provinces: an area of several shows their sum only when all of them are published).
    shown: dict[tuple[int, str], int | str] = {}
    for province in province_ids:
        parts = [c for c, p in communes.items() if p == province]
        table = {(u, c): values[(u, c)] for u in (province, *parts) for c in COLUMNS}
        relations: list[suppression.Relation] = []
        for row in (province, *parts):
            relations.append(((row, TOTAL), [(row, c) for c in SERVICE_COLUMNS]))
            relations.append(((row, TOTAL), [(row, c) for c in GROUP_COLUMNS]))
        if parts:
            for column in COLUMNS:
                relations.append(((province, column), [(c, column) for c in parts]))
        hidden = suppression.suppress(table, relations, THRESHOLD)
        shown.update(suppression.shown(table, hidden))
    return shown


def _people(provinces: set[int], period: Period):
    """(commune, service kinds, groups) of each person reached in the period with a
    service of a case in ``provinces``: the commune of the case of their latest service of
    the period, all their services of the period, their groups."""
    reached = Service.objects.filter(
        status__in=REACHED, referred_on__gte=period.start, referred_on__lte=period.end
    )
    here = reached.filter(
        case__commune__in=UnitContainment.objects.filter(outer_id__in=provinces).values("inner_id")
    ).values("case__person_id")
    group_fields = [f"case__person__{GROUP_FIELDS[g]}" for g in Group]
    people: dict[int, dict] = {}
    for person, commune, day, pk, kind, *flags in (
        reached.filter(case__person_id__in=here)
        .order_by()
        .values_list(
            "case__person_id", "case__commune_id", "referred_on", "pk", "kind", *group_fields
        )
    ):
        entry = people.setdefault(person, {"latest": None, "kinds": set(), "groups": ()})
        entry["kinds"].add(kind)
        entry["groups"] = tuple(g.value for g, flag in zip(Group, flags, strict=True) if flag)
        if entry["latest"] is None or (day, pk) > entry["latest"][:2]:
            entry["latest"] = (day, pk, commune)
    for entry in people.values():
        yield entry["latest"][2], sorted(entry["kinds"]), entry["groups"]
