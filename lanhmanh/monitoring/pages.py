"""The content of each monitoring page as plain data: its heading, its table (headers
and rows) and its chart. The page shows it, and the same data is its CSV/XLSX export.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies import policy
from lanhmanh.reporting.labels import period_name, status_labels

from . import charts
from .figures import MEASURES, PERCENT, Measure
from .queries import Area, dashboard, late_tasks, target_progress
from .tilemap import TILES


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def area_name(area: Area) -> str:
    if area.unit is not None:
        return area.unit.name
    if area.national:
        return _("whole country")
    return ", ".join(u.name for u in area.roots)


# --- dashboard ------------------------------------------------------------------------


def dashboard_tables(user, area: Area, data: dict) -> dict[str, Table]:
    labels = status_labels()
    figures = Table(
        _("Key figures"),
        [_("Figure"), _("Value")],
        [[f.label, f.value] for f in data["figures"]],
    )
    targets = Table(
        _("Targets of the active plans"),
        [
            _("Plan"),
            _("Target"),
            _("Indicator"),
            _("Value"),
            _("Target value"),
            _("Status"),
            _("Period"),
            _("Units reported"),
            _("Units expected"),
        ],
    )
    for plan, progress in data["progress"]:
        for item in progress:
            targets.rows.append(
                [
                    plan.number or plan.title,
                    item.target.text,
                    item.indicator.name if item.indicator else "",
                    None if item.current is None else float(item.current),
                    float(item.target.value),
                    labels[item.status],
                    period_name(item.period.key) if item.period else "",
                    item.reported,
                    item.expected,
                ]
            )
    units = Table(
        _("By unit"),
        [
            _("Unit"),
            _("Tips past their deadline"),
            _("Establishments inspected this month"),
            _("Establishments inspected this year (%)"),
            _("People reached since 1 January"),
            _("Open support cases"),
        ],
        [
            [r.unit.name, r.tips_overdue, r.inspected, r.coverage, r.people_reached, r.open_cases]
            for r in data["rows"]
        ],
    )
    return {"figures": figures, "targets": targets, "units": units}


#: Target rows on a leader's dashboard (one screen): the rest behind a "more" link.
LEADER_TARGET_ROWS = 6
# Late tasks listed on the dashboard; the plan pages list the rest.
LATE_TASK_ROWS = 15


def shown_targets(progress, limit: int | None) -> list[tuple]:
    """[(plan, the rows shown, how many more)]: at most ``limit`` rows in all (None: all),
    each plan keeping at least its first row."""
    out, left = [], limit
    for plan, items in progress:
        if left is None:
            out.append((plan, items, 0))
            continue
        keep = items[: max(left, 1)]
        out.append((plan, keep, len(items) - len(keep)))
        left = max(left - len(keep), 0)
    return out


def dashboard_data(user, area: Area, today=None) -> dict:

    data = dashboard(user, area, today)
    data["progress"] = target_progress(user, area)
    limit = None if policy.can(user, "dashboard.work") else LEADER_TARGET_ROWS
    data["progress_shown"] = shown_targets(data["progress"], limit)
    data["tables"] = dashboard_tables(user, area, data)
    data["late_tasks"] = late_tasks(user, area, data["today"])
    data["late_tasks_shown"] = data["late_tasks"][:LATE_TASK_ROWS]
    counts: dict[str, int] = {}
    for _plan, progress in data["progress"]:
        for item in progress:
            counts[item.status] = counts.get(item.status, 0) + 1
    data["status_counts"] = [
        (code, label, counts.get(code, 0)) for code, label in status_labels().items()
    ]
    return data


# --- reports behind a figure ------------------------------------------------------------


def reports_table(reports, which: str) -> Table:
    title = (
        _("Reports not in, past their deadline")
        if which == "missing"
        else _("Reports submitted late")
    )
    table = Table(title, [_("Plan"), _("Period"), _("Unit"), _("Due"), _("Submitted"), _("Status")])
    for r in reports:
        table.rows.append(
            [
                r.period.plan.number or r.period.plan.title,
                period_name(r.period.key),
                r.agency.name,
                r.period.due,
                timezone.localdate(r.submitted_at) if r.submitted_at else None,
                r.get_status_display(),
            ]
        )
    return table


# --- periods --------------------------------------------------------------------------


def year_range(year: int | None, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    year = year or today.year
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), today)
    if end < start:
        end = start
    return start, end


def months_back(today: datetime.date, count: int = 12) -> list[tuple[datetime.date, datetime.date]]:
    """The last ``count`` calendar months up to ``today`` (the current one cut at today)."""
    out = []
    year, month = today.year, today.month
    for _i in range(count):
        start = datetime.date(year, month, 1)
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        end = min(following - datetime.timedelta(days=1), today)
        out.append((start, end))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(out))


def measure_or_404(key: str, over_time: bool = False) -> Measure:
    """The measure named ``key``; with ``over_time``, only one that has a history."""
    measure = MEASURES.get(key)
    if measure is None or (over_time and not measure.over_time):
        raise Http404
    return measure


# --- trend of a register figure -----------------------------------------------------------


def trend(area: Area, measure: Measure, today: datetime.date) -> dict:
    """The figure month by month over the last twelve months, for the area (a people
    figure: each calendar month's published value)."""
    from lanhmanh.people.counts import month_period

    points = []
    for start, end in months_back(today):
        if measure.published:
            period = month_period(start)
            value = measure.people(area, period).value(measure.published)
            start, end = period.start, period.end
        else:
            value = measure.total(area.unit_ids, start, end)
        points.append((start, end, value))
    percent = measure.kind == PERCENT
    label = str(measure.label)
    table = Table(
        _("%(figure)s by month, %(area)s") % {"figure": label, "area": area_name(area)},
        [_("Month"), _("From"), _("To"), label],
        [[f"{s:%m/%Y}", s, e, v] for s, e, v in points],
    )
    svg = charts.column_chart(
        [(f"{s:%m/%y}", measure.plotted(v)) for s, _e, v in points], table.title, percent
    )
    return {"table": table, "svg": svg}


# --- trend of a target's indicator ------------------------------------------------------


def _reported(counts: tuple[int | None, int | None]) -> str:
    """ "n/N" units reported; empty for a register's figure (complete by nature)."""
    reported, expected = counts
    return "" if expected is None else f"{reported}/{expected}"


def target_trend(target) -> dict:
    """The indicator of a target over the plan's periods with approved reports
    (province figures from the roll-up), with the target as a line."""
    from lanhmanh.indicators.models import Indicator, IndicatorKind
    from lanhmanh.reporting.models import ReportingPeriod
    from lanhmanh.reporting.queries import COUNTED, completeness, rollup

    indicator = (
        Indicator.objects.filter(code=target.indicator_code)
        .select_related("numerator", "denominator")
        .first()
    )
    periods = list(
        ReportingPeriod.objects.filter(plan=target.plan_id, reports__status__in=COUNTED)
        .distinct()
        .order_by("end", "start")
    )
    points = []
    reported = {}
    if indicator is not None:
        reported = completeness(target.plan, indicator, periods)
        for period in periods:
            value = rollup(period, codes={indicator.code}).get(indicator.code)
            points.append((period, None if value is None else float(value)))
    percent = indicator is not None and indicator.kind == IndicatorKind.PERCENT
    name = indicator.name if indicator else target.text
    table = Table(
        name,
        [_("Period"), _("From"), _("To"), _("Value"), _("Target value"), _("Units reported")],
        [
            [period_name(p.key), p.start, p.end, v, float(target.value), _reported(reported[p.pk])]
            for p, v in points
        ],
    )
    svg = charts.column_chart(
        [(period_name(p.key), v) for p, v in points],
        name,
        percent,
        target=float(target.value),
        target_label=_("target %(value)s") % {"value": charts.number(float(target.value))},
    )
    units = unit_comparison(indicator, periods[-1] if periods else None)
    return {
        "table": table,
        "svg": svg,
        "indicator": indicator,
        "points": points,
        "units": units,
    }


def unit_comparison(indicator, period) -> dict | None:
    """The reporting units (communes, agencies) compared on the indicator in one period,
    from their approved reports; a unit's share from its own numerator and denominator."""
    from decimal import Decimal

    from lanhmanh.agencies.models import Agency
    from lanhmanh.indicators.models import IndicatorKind
    from lanhmanh.reporting.queries import by_unit

    if indicator is None or period is None:
        return None
    values = by_unit(period)
    percent = indicator.kind == IndicatorKind.PERCENT
    numerator = indicator.numerator.code if indicator.numerator_id else None
    denominator = indicator.denominator.code if indicator.denominator_id else None
    per_unit: dict[int, float | None] = {}
    for agency_id, codes in values.items():
        value = codes.get(indicator.code)
        if percent and numerator and denominator:
            num, den = codes.get(numerator), codes.get(denominator)
            value = (
                (Decimal(100) * num / den).quantize(Decimal("0.1"))
                if num is not None and den
                else value
            )
        if value is not None:
            per_unit[agency_id] = float(value)
    names = dict(Agency.objects.filter(pk__in=per_unit).values_list("pk", "name"))
    ranked = sorted(per_unit.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    table = Table(
        _("%(figure)s by reporting unit, %(period)s")
        % {"figure": indicator.name, "period": period_name(period.key)},
        [_("Rank"), _("Unit"), _("Value")],
        [[i, names.get(pk, ""), v] for i, (pk, v) in enumerate(ranked, start=1)],
    )
    svg = charts.bar_chart([(names.get(pk, ""), v) for pk, v in ranked], table.title, percent)
    return {"table": table, "svg": svg}


def legend(bounds) -> list[tuple[str, str, str]]:
    """(colour, from, to) of each class."""
    out, low = [], 0.0
    for bound, fill in zip(bounds, charts.PALETTE, strict=True):
        out.append((fill, charts.number(low), charts.number(bound)))
        low = bound
    return out


# --- map and comparison of units --------------------------------------------------------


def compare(area: Area, measure: Measure, start, end, today) -> dict:
    """The area's parts ranked by the figure, as a table and bars, and the country's
    provinces as a tile map (those outside the user's area left blank)."""
    from .queries import current_provinces

    if measure.key == "tips_overdue":
        start = end = today
    units = area.rows
    if measure.published:
        # The people register's figure: the one published table of the area for the
        # calendar year (a suppressed value is neither drawn nor ranked by its value).
        people = measure.people(area, str(start.year)) if units else None
        shown = {u.pk: people.value(measure.published, u.pk) for u in units} if people else {}
    else:
        shown = measure.by_unit([u.pk for u in units], start, end) if units else {}
    values = {pk: measure.plotted(v) for pk, v in shown.items()}
    ranked = sorted(
        units, key=lambda u: (values.get(u.pk) is None, -(values.get(u.pk) or 0), u.name)
    )
    percent = measure.kind == PERCENT
    label = str(measure.label)
    table = Table(
        _("%(figure)s by unit, %(area)s") % {"figure": label, "area": area_name(area)},
        [_("Rank"), _("Unit"), _("Code"), label],
        [[i, u.name, u.code, shown.get(u.pk)] for i, u in enumerate(ranked, start=1)],
    )
    bounds = charts.classes(list(values.values()), percent)
    rows = [
        {
            "rank": i,
            "unit": u,
            "value": shown.get(u.pk),
            "fill": charts.colour(values.get(u.pk), bounds),
        }
        for i, u in enumerate(ranked, start=1)
    ]
    bars = charts.bar_chart([(u.name, values.get(u.pk)) for u in ranked], table.title, percent)

    # The tile map of provinces.
    reached = {u.pk for u in area.roots} if area.unit is None else set()
    if area.unit is not None:
        province = area.unit if area.unit.level == "province" else area.unit.parent
        reached = {province.pk} if province else set()
    provinces = list(current_provinces())
    if measure.published and reached:
        roots = [p for p in provinces if p.pk in reached]
        tiles_table = measure.people(Area(unit=None, roots=roots), str(start.year))
        province_values = {u.pk: cells[measure.published] for u, cells in tiles_table.parts}
    else:
        province_values = measure.by_unit(sorted(reached), start, end) if reached else {}
    province_values = {pk: measure.plotted(v) for pk, v in province_values.items()}
    map_bounds = charts.classes(list(province_values.values()), percent)
    tiles = []
    for p in provinces:
        if p.code not in TILES:
            continue
        x, y, short = TILES[p.code]
        tiles.append(
            {
                "x": x,
                "y": y,
                "label": short,
                "value": province_values.get(p.pk),
                "reached": p.pk in reached,
                "url": f"?measure={measure.key}&unit={p.pk}" if p.pk in reached else None,
            }
        )
    tile_svg = charts.tile_map(tiles, _("%(figure)s by province") % {"figure": label}, map_bounds)
    return {
        "table": table,
        "rows": rows,
        "bars": bars,
        "map": tile_svg,
        "legend": legend(bounds),
        "map_legend": legend(map_bounds),
        "percent": percent,
        "start": start,
        "end": end,
    }
