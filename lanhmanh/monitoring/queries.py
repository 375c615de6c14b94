"""What a user's dashboard covers and what it shows, read from the other apps.

The area of a dashboard is what the user's roles reach for ``Kind.DASHBOARD`` (scoping
helper): the whole country, a province or a commune. ``?unit=`` narrows it to a unit
inside that reach (drill-down province → commune); a unit outside it is a 404.
Dashboards show counts only: the records behind a figure are one click further, in the
register's own list, for those whose roles may read that register.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.utils import timezone

from lanhmanh.agencies import policy
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import NATIONAL, get_for_user, reach
from lanhmanh.places.areas import Area, children_of
from lanhmanh.places.models import AdministrativeUnit, Level

from .figures import MEASURES, inside


def current_provinces():
    return AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("code")


def area_for(user, unit_id=None) -> Area:
    """The dashboard's area; PermissionDenied if the door refuses the dashboard, 404
    outside the user's area."""
    if not policy.can(user, "dashboard.read"):
        raise PermissionDenied
    reached = reach(user, Kind.DASHBOARD)
    if unit_id not in (None, ""):
        unit = get_for_user(
            AdministrativeUnit.objects.select_related("parent"),
            user,
            unit_id,
            Kind.DASHBOARD,
            unit_field="pk",
            action="dashboard.read",
        )
        return Area(unit=unit, roots=[unit], children=children_of(unit))
    if reached == NATIONAL:
        return Area(unit=None, roots=list(current_provinces()), national=True)
    roots = list(AdministrativeUnit.objects.filter(pk__in=reached).order_by("level", "code"))
    if len(roots) == 1:
        return Area(unit=roots[0], roots=roots, children=children_of(roots[0]))
    return Area(unit=None, roots=roots)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_last_day(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


# --- reports -------------------------------------------------------------------------


def reports_due(user, area: Area, today: datetime.date):
    """Reports of the active plans whose deadline has passed, in the area."""
    from lanhmanh.reporting.queries import reports_for_user

    reports = reports_for_user(user).filter(period__plan__status="active", period__due__lt=today)
    if not area.national:
        reports = reports.filter(agency__jurisdiction__in=inside(area.unit_ids))
    return reports


def missing_reports(user, area: Area, today):
    from lanhmanh.reporting.queries import overdue

    return overdue(reports_due(user, area, today), today)


def late_reports(user, area: Area, today):
    from lanhmanh.reporting.queries import DONE

    return reports_due(user, area, today).filter(DONE & Q(submitted_at__date__gt=F("period__due")))


REPORT_LISTS = {"missing": missing_reports, "late": late_reports}


# --- targets --------------------------------------------------------------------------


def active_plans(user, area: Area):
    """The active plans of the area: its own and those of the units that contain it."""
    from lanhmanh.places.models import UnitContainment
    from lanhmanh.plans.queries import plans_for_user

    plans = plans_for_user(user).filter(status="active").select_related("jurisdiction")
    if not area.national:
        around = UnitContainment.objects.filter(inner_id__in=area.unit_ids).values("outer_id")
        plans = plans.filter(Q(jurisdiction__in=inside(area.unit_ids)) | Q(jurisdiction__in=around))
    return plans.order_by("-first_year", "jurisdiction__code", "number", "pk")


def target_progress(user, area: Area, limit_plans: int = 3):
    """[(plan, [TargetProgress…])] for the area's active plans (the latest first)."""
    from lanhmanh.reporting.queries import plan_progress

    return [(plan, plan_progress(plan)) for plan in active_plans(user, area)[:limit_plans]]


def late_tasks(user, area: Area, today: datetime.date):
    """The late tasks and duties of the area's active plans, by plan and order."""
    from lanhmanh.plans.tracking import late_lines

    return late_lines(active_plans(user, area), today)


# --- the dashboard --------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    value: int | float | None
    url: str | None
    trend_url: str | None = None
    #: the number of records behind a percentage (those its drill-down lists)
    count: int | None = None
    #: a short comparison with the previous period ("▲ 4,2 so với 2024")
    note: str = ""


def dashboard(user, area: Area, today: datetime.date | None = None) -> dict:
    """Everything the dashboard page shows (and its exports write)."""
    today = today or timezone.localdate()
    start = month_start(today)
    year_start = today.replace(month=1, day=1)
    overdue = MEASURES["tips_overdue"]
    inspected = MEASURES["establishments_inspected"]
    planned = MEASURES["establishments_planned"]
    month_end = month_last_day(today)
    may_tips = policy.can(user, "tip.read")
    may_establishments = policy.can(user, "establishment.read")
    # The people register's records only for its case teams; everyone else: counts only.
    may_people = policy.can(user, "case.open")
    reached = MEASURES["people_reached"]
    open_cases = MEASURES["open_cases"]
    # The people figures: the one published table of the area for this calendar year.
    people = reached.people(area, str(today.year))
    from django.urls import reverse
    from django.utils.translation import gettext as _

    def trend_url(key):
        url = reverse("monitoring:trend", args=[key])
        return url + (f"?unit={area.unit_id}" if area.unit_id else "")

    def report_url(which):
        url = reverse("monitoring:reports", args=[which])
        return url + (f"?unit={area.unit_id}" if area.unit_id else "")

    figures = [
        Figure(
            "reports_missing",
            _("Reports not in, past their deadline"),
            missing_reports(user, area, today).count(),
            report_url("missing"),
        ),
        Figure(
            "reports_late",
            _("Reports submitted late"),
            late_reports(user, area, today).count(),
            report_url("late"),
        ),
        Figure(
            "tips_overdue",
            str(overdue.label),
            overdue.total(area.unit_ids, today, today),
            overdue.drill_url(area.unit_id, today, today) if may_tips else None,
            trend_url("tips_received"),
        ),
        Figure(
            "establishments_planned",
            _("Establishments planned for inspection this month"),
            planned.total(area.unit_ids, start, month_end),
            planned.drill_url(area.unit_id, start, month_end) if may_establishments else None,
        ),
        Figure(
            "establishments_inspected",
            _("Establishments inspected this month"),
            inspected.total(area.unit_ids, start, today),
            inspected.drill_url(area.unit_id, start, today) if may_establishments else None,
            trend_url("establishments_inspected"),
        ),
        Figure(
            "establishments_inspected_year",
            _("Establishments inspected since 1 January"),
            inspected.total(area.unit_ids, year_start, today),
            inspected.drill_url(area.unit_id, year_start, today) if may_establishments else None,
            trend_url("inspection_coverage"),
        ),
        Figure(
            "people_reached",
            _("People reached with support services since 1 January"),
            people.total,
            reached.drill_url(area.unit_id, people.period.start, people.period.end)
            if may_people
            else None,
        ),
        Figure(
            "open_cases",
            str(open_cases.label),
            people.open_cases,
            open_cases.drill_url(area.unit_id, today, today) if may_people else None,
        ),
        healthy_figure(user, area, today),
    ]
    rows = unit_rows(area, today, may_tips, may_establishments, may_people, people)
    return {
        "today": today,
        "month_start": start,
        "year_start": year_start,
        "figures": figures,
        "rows": rows,
    }


def latest_assessed_year(area: Area, today: datetime.date) -> int | None:
    """The latest year (up to this one) with an approved assessment in the area."""
    from django.db.models import Max

    from lanhmanh.assessments.models import Assessment, Status

    assessments = Assessment.objects.filter(status=Status.APPROVED, year__lte=today.year)
    if not area.national:
        assessments = assessments.filter(commune__in=inside(area.unit_ids))
    return assessments.aggregate(year=Max("year"))["year"]


def healthy_figure(user, area: Area, today: datetime.date) -> Figure:
    """% of communes and wards lành mạnh in the latest assessed year, with the change from
    the year before; its records are the approved assessments that found a commune so."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from lanhmanh.assessments import indicators

    from .charts import number

    year = latest_assessed_year(area, today)
    label = _("Communes and wards lành mạnh")
    if year is None:
        return Figure("communes_healthy", label, None, None)
    label = _("Communes and wards lành mạnh in %(year)s") % {"year": year}
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    value = indicators.communes_healthy_share(area.unit_ids, start, end)
    count = indicators.communes_healthy(area.unit_ids, start, end)
    before = indicators.communes_healthy_share(
        area.unit_ids, datetime.date(year - 1, 1, 1), datetime.date(year - 1, 12, 31)
    )
    note = ""
    if value is not None and before is not None:
        change = round(value - before, 1)
        arrow = "▲" if change > 0 else ("▼" if change < 0 else "=")
        note = _("%(arrow)s %(change)s points on %(year)s") % {
            "arrow": arrow,
            "change": number(abs(change)),
            "year": year - 1,
        }
    may = policy.can(user, "assessment.read")
    trend = reverse("assessments:trend") + (f"?area={area.unit_id}" if area.unit_id else "")
    return Figure(
        "communes_healthy",
        label,
        value,
        MEASURES["communes_healthy"].drill_url(area.unit_id, start, end) if may else None,
        trend if may else None,
        count=count,
        note=note,
    )


@dataclass
class UnitRow:
    unit: AdministrativeUnit
    tips_overdue: int
    tips_overdue_url: str | None
    inspected: int
    inspected_url: str | None
    coverage: float | None
    people_reached: int | str | None = None
    people_reached_url: str | None = None
    open_cases: int | str | None = None
    open_cases_url: str | None = None


def unit_rows(
    area: Area, today, may_tips=False, may_establishments=False, may_people=False, people=None
) -> list[UnitRow]:
    """The table of the area's parts: one GROUP BY per figure for all of them."""
    units = area.rows
    if not units or (area.unit is not None and area.unit.level == Level.COMMUNE):
        return []
    ids = [u.pk for u in units]
    start = month_start(today)
    overdue = MEASURES["tips_overdue"]
    inspected = MEASURES["establishments_inspected"]
    overdue_values = overdue.by_unit(ids, today, today)
    inspected_values = inspected.by_unit(ids, start, today)
    year_start = today.replace(month=1, day=1)
    coverage = MEASURES["inspection_coverage"].by_unit(ids, year_start, today)
    reached, open_cases = MEASURES["people_reached"], MEASURES["open_cases"]
    people = people or reached.people(area, str(today.year))
    period = people.period
    return [
        UnitRow(
            unit=u,
            tips_overdue=overdue_values[u.pk],
            tips_overdue_url=overdue.drill_url(u.pk, today, today) if may_tips else None,
            inspected=inspected_values[u.pk],
            inspected_url=inspected.drill_url(u.pk, start, today) if may_establishments else None,
            coverage=coverage[u.pk],
            people_reached=people.value("total", u.pk),
            people_reached_url=reached.drill_url(u.pk, period.start, period.end)
            if may_people
            else None,
            open_cases=people.value("open_cases", u.pk),
            open_cases_url=open_cases.drill_url(u.pk, today, today) if may_people else None,
        )
        for u in units
    ]
