"""Scoped queries of the reporting cycle, roll-up and target progress.

The roll-up is one SQL ``GROUP BY`` per period: counts are summed (or maxed) over the
units, and a percent is recomputed from its summed numerator and denominator, never
averaged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    Count,
    F,
    Q,
)
from django.http import Http404

from lanhmanh.agencies.models import Agency, Membership
from lanhmanh.agencies.policy import require
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.indicators.concerns import Unit, codes_by_unit
from lanhmanh.indicators.models import Aggregation, Indicator, IndicatorAssignment, IndicatorKind
from lanhmanh.indicators.registry import computable, compute, counts_units, function_for
from lanhmanh.places.indicators import communes_in_scope
from lanhmanh.places.models import Level
from lanhmanh.plans.models import TaskAgency
from lanhmanh.plans.queries import final_agency, plans_for_user

from . import statements
from .calendar import elapsed_fraction
from .labels import progress_notes, status_labels
from .models import ReportingPeriod, ReportStatus, ReportValue, UnitReport
from .progress import Status, judged, progress_ratio, shown_periods, target_status

COUNTED = (ReportStatus.APPROVED,)
# Reports in: submitted (awaiting review) or approved.
DONE = Q(status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED))


def reports_for_user(user, write=False):
    """The reports the user may read (``report.read``): those of the user's area, and
    every report of the user's own agencies (and of the agencies they took over from),
    whatever the role. ``write``: of the area where the user may write. Subqueries, so
    the list costs no query of its own."""
    in_area = scope(
        UnitReport.objects.all(), user, Kind.REPORT, unit_field="agency__jurisdiction", write=write
    )
    if write or not user.is_authenticated:
        return in_area
    mine = Membership.objects.filter(user=user).values("agency_id")
    return UnitReport.objects.filter(
        Q(pk__in=in_area.values("pk"))
        | Q(agency_id__in=mine)
        | Q(agency__successor_id__in=mine)
        | Q(agency__successor__successor_id__in=mine)
    )


def get_report_for_user(user, pk, action: str | None = None) -> UnitReport:
    """A report the user may read (else 404); with ``action``, also allowed by the door
    (else 403)."""
    try:
        report = reports_for_user(user).select_related("period__plan", "agency").get(pk=pk)
    except (UnitReport.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action is not None:
        require(user, action, report)
    return report


def _with_parts(codes: set[str]) -> list[Indicator]:
    """The active indicators of ``codes`` and their parts (a percent's numerator and
    denominator are what units report), sorted by code."""
    indicators = list(
        Indicator.objects.filter(code__in=codes, active=True).select_related(
            "numerator", "denominator"
        )
    )
    seen = {i.code for i in indicators}
    for indicator in list(indicators):
        for part in (indicator.numerator, indicator.denominator):
            if part is not None and part.code not in seen:
                seen.add(part.code)
                indicators.append(part)
    return sorted(indicators, key=lambda i: i.code)


def unit_codes(plan) -> dict[int, set[str]]:
    """agency id → the codes of the indicators that reporting unit reports on: the rules'
    proposal (:func:`proposed_codes`) with the coordinator's assignments over it
    (:class:`~lanhmanh.indicators.models.IndicatorAssignment`). Five queries, whatever the
    plan's size."""
    codes = proposed_codes(plan)
    for agency_id, code, assigned in IndicatorAssignment.objects.filter(plan=plan).values_list(
        "agency_id", "indicator__code", "assigned"
    ):
        if agency_id not in codes:
            continue  # no longer a reporting unit of the plan
        if assigned:
            codes[agency_id].add(code)
        else:
            codes[agency_id].discard(code)
    return codes


def proposed_codes(plan) -> dict[int, set[str]]:
    """agency id → the codes of the plan's target indicators that concern that reporting
    unit by the rules (see :mod:`lanhmanh.indicators.concerns`). Four queries, whatever the
    plan's size."""

    targets = list(plan.targets.exclude(indicator_code="").values_list("section", "indicator_code"))
    agencies = list(Agency.objects.filter(reports__period__plan=plan).distinct().only("pk", "kind"))
    duties = list(plan.duties.select_related("agency__successor__successor"))
    texts: dict[int, list[str]] = {}
    kind_texts: dict[str, list[str]] = {}
    standing = None
    for duty in sorted(duties, key=lambda d: d.order):
        agency = final_agency(duty.agency)
        if agency is not None:
            texts.setdefault(agency.pk, []).extend(duty.texts)
            if standing is None:
                standing = agency.pk
        elif duty.addressee_kind:
            kind_texts.setdefault(duty.addressee_kind, []).extend(duty.texts)
    sections: dict[int, list[str]] = {}
    for agency_id, section in TaskAgency.objects.filter(
        task__plan=plan, agency__isnull=False
    ).values_list("agency_id", "task__section"):
        sections.setdefault(agency_id, []).append(section)
    units = [
        Unit(
            id=agency.pk,
            kind=agency.kind,
            duty_texts=tuple(texts.get(agency.pk) or kind_texts.get(agency.kind, ())),
            task_sections=tuple(sections.get(agency.pk, ())),
            standing=agency.pk == standing,
        )
        for agency in agencies
    ]
    return codes_by_unit(units, targets)


def report_indicators(report: UnitReport, codes: dict[int, set[str]] | None = None):
    """The indicators the report asks for: those of the plan's targets that concern its
    unit, and their parts. ``codes`` is :func:`unit_codes` of the plan, when at hand."""
    if codes is None:
        codes = unit_codes(report.period.plan)
    return _with_parts(codes.get(report.agency_id, set()))


def register_values(report: UnitReport, indicators=None) -> dict[int, Decimal | None]:
    """indicator id → the register's value for the report's unit, for the indicators of the
    report that a register computes. Reads only: the form shows them, the report stores
    them when it is saved or submitted (``actions.prefill_computed``)."""
    if report.is_locked or report.agency.jurisdiction_id is None:
        return {}
    if indicators is None:
        indicators = report_indicators(report)
    area = {report.agency.jurisdiction_id}
    return {
        indicator.pk: compute(indicator, area, report.period.end)
        for indicator in indicators
        if computable(indicator)
    }


def plan_indicators(plan, codes: dict[int, set[str]] | None = None) -> list[Indicator]:
    """Every indicator some unit of the plan reports on (the compiled table's rows)."""
    if codes is None:
        codes = unit_codes(plan)
    return _with_parts(set().union(*codes.values()) if codes else set())


def asked_codes(report_agency_id: int, codes: dict[int, set[str]], indicators) -> set[str]:
    """The codes (with parts) a unit is asked for, from the indicators already loaded."""
    mine = codes.get(report_agency_id, set())
    out = set()
    for indicator in indicators:
        if indicator.code in mine:
            out.add(indicator.code)
            if indicator.numerator is not None:
                out.add(indicator.numerator.code)
            if indicator.denominator is not None:
                out.add(indicator.denominator.code)
    return out


def _rollup_sql(statuses: int, codes: int | None, by_id: bool = False):
    """The roll-up statement for ``statuses`` statuses and ``codes`` indicator codes (None:
    all indicators). Its parameters: the period id, the statuses, then the codes (or, with
    ``by_id``, the ids of the asked indicators and of their parts).

    One row per asked indicator and per part of an asked percent (its numerator and
    denominator, which are what units report; a row may come twice): the indicator's
    catalogue columns and its total over the units' values of the period by its own rule
    (SUM, or MAX), read through the index of the indicator's values in one correlated
    subquery. A percent is computed from its parts' totals in Python (:func:`rollup`)."""

    def make(connection) -> str:
        q = connection.ops.quote_name
        indicator = q(Indicator._meta.db_table)
        value = q(ReportValue._meta.db_table)
        report = q(UnitReport._meta.db_table)
        columns = ", ".join(
            f"i.{q(c)}"
            for c in ("id", "code", "compute", "numerator_id", "denominator_id", "aggregation")
        )
        source = f"{indicator} i"
        if codes is not None and by_id:
            source += f" WHERE i.{q('id')} IN ({', '.join(['%s'] * codes)})"
        elif codes is not None:
            source = (
                f"{indicator} a INNER JOIN {indicator} i ON (i.{q('id')} = a.{q('id')}"
                f" OR i.{q('id')} = a.{q('numerator_id')} OR i.{q('id')} = a.{q('denominator_id')})"
                f" WHERE a.{q('code')} IN ({', '.join(['%s'] * codes)})"
            )
        # Only quoted table and column names and placeholders go into the text.
        return (
            "SELECT "  # noqa: S608
            f"{columns}, (SELECT CASE WHEN i.{q('aggregation')} = '{Aggregation.MAX.value}'"
            f" THEN MAX(v.{q('value')}) ELSE SUM(v.{q('value')}) END"
            f" FROM {value} v INNER JOIN {report} r ON r.{q('id')} = v.{q('report_id')}"
            f" WHERE v.{q('indicator_id')} = i.{q('id')} AND r.{q('period_id')} = %s"
            f" AND r.{q('status')} IN ({', '.join(['%s'] * statuses)})"
            f" AND v.{q('value')} IS NOT NULL)"
            f" FROM {source}"
        )

    return make


# database alias → code → (id, numerator id, denominator id): which rows the roll-up of a
# code needs. Only a hint: every answer is checked against the catalogue columns it returns.
_catalogue: dict[str, dict[str, tuple[int, int | None, int | None]]] = {}


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _rollup_rows(period_id: int, statuses: list[str], codes: list[str] | None) -> list[tuple]:
    """The rows of :func:`_rollup_sql`, in one query.

    The statement by codes joins the catalogue to itself to find a percent's parts; the
    statement by ids is simpler to run, so once the ids of a code and its parts are known,
    they are asked by id, and the catalogue columns of the answer confirm them (an indicator
    renamed, deleted or given other parts since sends the call back to the codes)."""

    shape = (len(statuses), None if codes is None else len(codes))
    known = _catalogue.setdefault(DEFAULT_DB_ALIAS, {})
    fast = codes is not None and not connections[DEFAULT_DB_ALIAS].queries_logged
    if fast and all(code in known for code in codes):
        ids = sorted({pk for code in codes for pk in known[code] if pk is not None})
        rows = statements.run_sql(
            "rollup-ids",
            (len(statuses), len(ids)),
            _rollup_sql(len(statuses), len(ids), by_id=True),
            [period_id, *statuses, *ids],
        )
        found = {row[0]: row for row in rows}
        if all(
            (row := found.get(known[code][0])) is not None
            and row[1] == code
            and (row[3], row[4]) == known[code][1:]
            for code in codes
        ) and all(pk in found for pk in ids):
            return rows
    rows = statements.run_sql(
        "rollup", shape, _rollup_sql(*shape), [period_id, *statuses, *(codes or ())]
    )
    if codes is not None:
        for pk, code, _function, numerator, denominator, *_ in rows:
            if code in codes:
                known[code] = (pk, numerator, denominator)
    return rows


def area_function(name: str | None):
    """The function that computes the figure ``name`` for a whole area, or None when the
    figure comes from the units' reports."""
    return function_for(name)


def _area_value(name: str, area: set[int], end) -> Decimal | None:
    value = area_function(name)(area, end.replace(month=1, day=1), end)
    return None if value is None else _decimal(value)


def rollup(
    period: ReportingPeriod, statuses=COUNTED, codes: set[str] | None = None
) -> dict[str, Decimal | None]:
    """Province values of the indicators (all, or ``codes``) for one period, from the
    units' reports, in one aggregate query (see :func:`_rollup_sql`): a count by its rule
    (SUM, or MAX), a share from its summed parts, never from the units' shares. The SQL is
    built once per shape and prepared on PostgreSQL (:mod:`lanhmanh.reporting.statements`).

    A figure the system knows (a register's, the communes in scope) is taken for the whole
    area, and so is a share's part that is one: a share of communes is over every commune
    of the area, the communes that did not report counted as not (yet) meeting it."""
    statuses = [str(s) for s in statuses]
    if codes is not None:
        if not codes:
            return {}
        codes = sorted(codes)
    rows = _rollup_rows(period.pk, statuses, codes)
    totals = {row[0]: _decimal(row[6]) for row in rows}
    functions = {row[0]: row[2] for row in rows}
    asked = None if codes is None else set(codes)
    values: dict[str, Decimal | None] = {}

    def area() -> set[int]:
        # Asked only for a figure of the whole area (the plan is not loaded otherwise).
        return {period.plan.jurisdiction_id}

    known: dict[str, Decimal | None] = {}

    def whole(function: str) -> Decimal | None:
        """The area's figure, once per roll-up (a share and its part ask the same)."""
        if function not in known:
            known[function] = _area_value(function, area(), period.end)
        return known[function]

    def part(pk):
        if area_function(functions.get(pk)) is not None:
            return whole(functions[pk])
        return totals.get(pk)

    for pk, code, function, numerator, denominator, _rule, _total in sorted(
        {row[0]: row for row in rows}.values(), key=lambda row: row[1]
    ):
        if asked is not None and code not in asked:
            continue  # a part of an asked percent, not asked itself
        if area_function(function) is not None:
            # A register's figure is taken for the whole area at once: summing the units'
            # copies would count a province-level agency and its communes twice.
            values[code] = whole(function)
        elif numerator is not None:
            num, den = part(numerator), part(denominator)
            if num is not None and den:
                values[code] = (Decimal(100) * num / den).quantize(Decimal("0.1"))
        elif totals.get(pk) is not None:
            values[code] = totals[pk]
    return values


def by_unit(period: ReportingPeriod, statuses=COUNTED) -> dict[int, dict[str, Decimal | None]]:
    """agency id → indicator code → value, for the table by unit."""
    table: dict[int, dict[str, Decimal | None]] = {}
    for agency_id, code, value in ReportValue.objects.filter(
        report__period=period, report__status__in=statuses
    ).values_list("report__agency_id", "indicator__code", "value"):
        table.setdefault(agency_id, {})[code] = value
    return table


@dataclass
class Rate:
    expected: int
    submitted: int
    on_time: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.submitted / self.expected, 1) if self.expected else None

    @property
    def timely_percent(self) -> float | None:
        return round(100 * self.on_time / self.expected, 1) if self.expected else None


def reporting_rate(period: ReportingPeriod) -> Rate:
    counts = period.reports.aggregate(
        expected=Count("pk"),
        submitted=Count("pk", filter=DONE),
        on_time=Count("pk", filter=DONE & Q(submitted_at__date__lte=period.due)),
    )
    return Rate(**counts)


@dataclass
class Partial:
    """A later period's figure that too few units have reported yet: shown beside the last
    complete one, never in its place."""

    period: ReportingPeriod
    current: Decimal | None
    reported: int
    expected: int


@dataclass
class TargetProgress:
    target: object
    indicator: Indicator | None
    current: Decimal | None
    status: str
    period: ReportingPeriod | None
    ratio: float | None
    #: units that reported for ``period`` and units expected (None: a register's figure,
    #: complete by nature)
    reported: int | None = None
    expected: int | None = None
    #: a share of all the units in scope, those that did not report counted as not meeting it
    over_all_units: bool = False
    partial: Partial | None = None

    def get_status_label(self) -> str:
        return status_labels()[self.status]

    @property
    def from_reports(self) -> bool:
        return self.expected is not None

    @property
    def notes(self) -> list[str]:
        return progress_notes(self)


def threshold() -> float:
    """The completeness a target needs before it is judged (the setting, as a share)."""
    return settings.COMPLETENESS_PERCENT / 100


def is_share_of_units(indicator: Indicator | None) -> bool:
    """A percent over every unit in scope ("≥ 85 % of communes …"): the communes that did
    not report count as not (yet) meeting it, unless a register knows they do."""
    return bool(
        indicator is not None
        and indicator.denominator is not None
        and area_function(indicator.compute) is None
        and counts_units(indicator.denominator.compute)
    )


def from_registers(indicator: Indicator) -> bool:
    """The figure is the registers' for the whole area and no unit's report bears on it:
    computed itself, or a share of two register figures that is not a share of units (the
    establishments inspected of those active). A share of units is judged by how many of
    them reported for the period, whether its numerator is typed or a register's."""
    if area_function(indicator.compute) is not None:
        return True
    if is_share_of_units(indicator):
        return False
    parts = (indicator.numerator, indicator.denominator)
    return all(part is not None and area_function(part.compute) is not None for part in parts)


class _Completeness:
    """Who reported what, for each period of one plan: one query for the plan's reports
    (and one count of communes in scope per period end asked)."""

    def __init__(self, plan, codes: dict[int, set[str]]):
        self.plan = plan
        self.codes = codes
        self.reports: dict[int, list[tuple[int, bool, int | None]]] = {}
        for period_id, agency_id, status, unit_id, level in UnitReport.objects.filter(
            period__plan=plan
        ).values_list(
            "period_id",
            "agency_id",
            "status",
            "agency__jurisdiction_id",
            "agency__jurisdiction__level",
        ):
            commune = unit_id if level == Level.COMMUNE else None
            self.reports.setdefault(period_id, []).append((agency_id, status in COUNTED, commune))
        self._communes: dict = {}

    def communes(self, end) -> int:
        if end not in self._communes:
            area = {self.plan.jurisdiction_id} if self.plan.jurisdiction_id else set()
            self._communes[end] = communes_in_scope(area, end, end) if area else 0
        return self._communes[end]

    def of(self, period: ReportingPeriod, indicator: Indicator) -> tuple[int | None, int | None]:
        """(units that reported, units expected) of ``indicator`` in ``period``; (None, None)
        for a register's figure."""
        if from_registers(indicator):
            return None, None
        reports = self.reports.get(period.pk, [])
        asked = [r for r in reports if indicator.code in self.codes.get(r[0], ())]
        asked = asked or reports  # nobody assigned it: every unit of the period may report it
        if is_share_of_units(indicator):
            reported = {commune for _agency, approved, commune in asked if approved and commune}
            return len(reported), self.communes(period.end)
        return sum(1 for _agency, approved, _commune in asked if approved), len(asked)


def completeness(plan, indicator: Indicator, periods) -> dict[int, tuple[int | None, int | None]]:
    """period id → (units that reported, units expected) of ``indicator`` in each of
    ``periods`` of ``plan``; (None, None) for a register's figure."""
    counter = _Completeness(plan, unit_codes(plan))
    return {period.pk: counter.of(period, indicator) for period in periods}


def plan_progress(plan, codes: dict[int, set[str]] | None = None) -> list[TargetProgress]:
    """Each target against the latest period of its year whose reports are complete enough
    (see :func:`lanhmanh.reporting.progress.shown_periods`), with a later partial period
    beside it; without a complete period, the latest one, judged "not enough data"."""
    if codes is None:
        codes = unit_codes(plan)
    limit = threshold()
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            code__in=plan.targets.values_list("indicator_code", flat=True)
        ).select_related("numerator", "denominator")
    }
    periods = list(
        ReportingPeriod.objects.filter(plan=plan, reports__status__in=COUNTED)
        .distinct()
        .order_by("-end", "start")
    )
    completeness = _Completeness(plan, codes)
    cache: dict[int, dict] = {}

    def values_of(period):
        if period.pk not in cache:
            cache[period.pk] = rollup(period, codes=set(indicators))
        return cache[period.pk]

    out = []
    for target in plan.targets.all():
        indicator = indicators.get(target.indicator_code)
        year = target.year or plan.last_year
        mine = [p for p in periods if year is None or p.end.year == year]
        candidates = [completeness.of(p, indicator) for p in mine] if indicator else []
        shown, beside = shown_periods(candidates, limit)
        period = mine[shown] if shown is not None else None
        reported, expected = candidates[shown] if shown is not None else (None, None)
        current = previous = None
        if indicator and period:
            current = values_of(period).get(indicator.code)
            earlier = (
                next(
                    (p for p in periods if p.key == period.key.replace(str(year), str(year - 1))),
                    None,
                )
                if year
                else None
            )
            if earlier:
                previous = values_of(earlier).get(indicator.code)
        if indicator is None or current is None:
            status, ratio = Status.NO_DATA, None
        else:
            elapsed = elapsed_fraction(period.end.year, period.end)
            cumulative = indicator.kind == IndicatorKind.COUNT
            args = (
                target.op,
                float(target.value),
                float(target.value_max) if target.value_max is not None else None,
                float(current),
            )
            kwargs = {
                "previous": float(previous) if previous is not None else None,
                "elapsed": elapsed,
                "cumulative": cumulative,
            }
            status = judged(target_status(*args, **kwargs), reported, expected, limit)
            ratio = progress_ratio(*args, previous=kwargs["previous"])
        partial = None
        if beside is not None:
            later = mine[beside]
            partial = Partial(later, values_of(later).get(indicator.code), *candidates[beside])
        out.append(
            TargetProgress(
                target=target,
                indicator=indicator,
                current=current,
                status=Status(status).value,
                period=period,
                ratio=ratio,
                reported=reported,
                expected=expected,
                over_all_units=is_share_of_units(indicator),
                partial=partial,
            )
        )
    return out


def get_period_for_user(user, pk) -> ReportingPeriod:

    period = get_for_user(
        ReportingPeriod.objects.select_related("plan"),
        user,
        pk,
        Kind.REPORT,
        unit_field="plan__jurisdiction",
    )
    if not plans_for_user(user).filter(pk=period.plan_id).exists():
        raise PermissionDenied
    return period


@dataclass
class AgencyTargetProgress:
    """A target as one reporting unit stands on it: the unit's own latest approved figure
    beside the province's.

    A share (percent) is measured in each unit as in the province, so the unit's own value
    gets a status against the target; a count target is the province's total, so a unit's
    count gets its share of that total instead."""

    target: object
    indicator: Indicator | None
    value: Decimal | None
    period: ReportingPeriod | None
    status: str | None
    share_of_total: float | None
    province: TargetProgress

    def get_status_label(self) -> str:
        return status_labels()[self.status] if self.status else ""


def agency_progress(plan, agency_id: int, codes=None) -> list[AgencyTargetProgress]:
    """The plan's targets that concern one reporting unit (see :func:`unit_codes`), with
    the unit's own figure of the latest period of the target's year it has an approved
    report for. A fixed number of queries, whatever the number of targets."""
    if codes is None:
        codes = unit_codes(plan)
    mine = codes.get(agency_id, set())
    province = [p for p in plan_progress(plan, codes) if p.target.indicator_code in mine]
    rows = (
        ReportValue.objects.filter(
            report__period__plan=plan,
            report__agency_id=agency_id,
            report__status__in=COUNTED,
            value__isnull=False,
        )
        .select_related("report__period", "indicator")
        .order_by("-report__period__end", "report__period__start")
    )
    # (year, code) → (period, value): the latest period of each year first.
    latest: dict[tuple[int, str], tuple[ReportingPeriod, Decimal]] = {}
    by_report: dict[int, dict[str, Decimal]] = {}
    periods: dict[int, ReportingPeriod] = {}
    for row in rows:
        period = row.report.period
        latest.setdefault((period.end.year, row.indicator.code), (period, row.value))
        by_report.setdefault(row.report_id, {})[row.indicator.code] = row.value
        periods[row.report_id] = period
    shares = {
        i.code: i
        for i in Indicator.objects.filter(
            code__in={p.indicator.code for p in province if p.indicator}
        ).select_related("numerator", "denominator")
    }
    out = []
    for item in province:
        indicator, target = item.indicator, item.target
        year = target.year or plan.last_year
        value = period = None
        share = shares.get(indicator.code) if indicator else None
        if share is not None and share.numerator and share.denominator:
            # The unit's share from its own parts, in its latest report that has both.
            for report_id, values in by_report.items():
                candidate = periods[report_id]
                if year is not None and candidate.end.year != year:
                    continue
                num, den = values.get(share.numerator.code), values.get(share.denominator.code)
                if num is not None and den and (period is None or candidate.end > period.end):
                    value = (Decimal(100) * num / den).quantize(Decimal("0.1"))
                    period = candidate
        elif indicator is not None:
            found = next(
                (v for (y, code), v in latest.items() if code == indicator.code and y == year),
                None,
            )
            if found:
                period, value = found
        status = ratio = None
        if value is not None and indicator.kind == IndicatorKind.PERCENT:
            status = str(
                target_status(
                    target.op,
                    float(target.value),
                    float(target.value_max) if target.value_max is not None else None,
                    float(value),
                    previous=None,
                    elapsed=elapsed_fraction(period.end.year, period.end),
                    cumulative=False,
                )
            )
        elif value is not None and item.current:
            ratio = round(100 * float(value) / float(item.current), 1)
        out.append(
            AgencyTargetProgress(
                target=target,
                indicator=indicator,
                value=value,
                period=period,
                status=status,
                share_of_total=ratio,
                province=item,
            )
        )
    return out


def progress_units_for_user(user, plan) -> list:
    """The plan's reporting units whose reports the user may read, by name."""

    visible = reports_for_user(user).filter(period__plan=plan).values("agency_id")
    return list(Agency.objects.filter(pk__in=visible).order_by("name_search"))


@dataclass
class AssignmentRow:
    indicator: Indicator
    cells: list[tuple[object, bool, bool]]  # (unit, assigned, proposed by the rules)


def assignment_matrix(plan, add: str = "") -> tuple[list, list[AssignmentRow]]:
    """The reporting units of the plan and, for each indicator of its targets, of its
    assignments and ``add`` (an indicator the coordinator wants to add), which units report
    it and which the rules propose. A fixed number of queries."""

    proposed = proposed_codes(plan)
    codes = unit_codes(plan)
    units = list(Agency.objects.filter(pk__in=list(codes)).order_by("kind", "name_search"))
    shown = set(plan.targets.exclude(indicator_code="").values_list("indicator_code", flat=True))
    shown |= set().union(*codes.values()) if codes else set()
    if add:
        shown.add(add)
    indicators = Indicator.objects.filter(code__in=shown, active=True).order_by("code")
    rows = [
        AssignmentRow(
            indicator=indicator,
            cells=[
                (
                    unit,
                    indicator.code in codes.get(unit.pk, ()),
                    indicator.code in proposed.get(unit.pk, ()),
                )
                for unit in units
            ],
        )
        for indicator in indicators
    ]
    return units, rows


def periods_with_counts(reports) -> list[ReportingPeriod]:
    """The periods of ``reports`` by deadline, each with ``expected`` (its reports among
    them) and ``done`` (those submitted or approved): one GROUP BY over the reports."""
    counts = {
        row["period"]: row
        for row in reports.order_by()
        .values("period")
        .annotate(expected=Count("pk"), done=Count("pk", filter=DONE))
    }
    periods = list(
        ReportingPeriod.objects.filter(pk__in=counts).select_related("plan").order_by("due", "pk")
    )
    for period in periods:
        period.expected, period.done = counts[period.pk]["expected"], counts[period.pk]["done"]
    return periods


# The first overdue reports on the list; the rest on the monitoring list behind the count.
OVERDUE_SHOWN = 20


def overdue(reports, today):
    """Those of ``reports`` not in although their deadline has passed (the reports list's
    and the dashboard's "reports missing" alike)."""
    return reports.filter(period__due__lt=today).exclude(DONE)


def reports_overview(reports, today) -> dict:
    """A coordinator's view of ``reports``: the periods with their counts, the first
    overdue reports and how many there are, and each unit's rate for deadlines passed."""
    late = overdue(reports, today)
    first = list(late[:OVERDUE_SHOWN])
    by_agency = (
        reports.filter(period__due__lte=today)
        .values("agency__name")
        .annotate(
            expected=Count("pk"),
            submitted=Count("pk", filter=DONE),
            on_time=Count("pk", filter=DONE & Q(submitted_at__date__lte=F("period__due"))),
        )
        .order_by("agency__name")
    )
    return {
        "periods": periods_with_counts(reports),
        "overdue": first,
        "overdue_count": len(first) if len(first) < OVERDUE_SHOWN else late.count(),
        "by_agency": list(by_agency),
    }
