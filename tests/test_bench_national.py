"""The national benchmark's measuring functions, on a tiny SQLite database, so that the
bench cannot rot unnoticed between the (long, PostgreSQL-only) runs of `make bench`."""

import datetime

import pytest

from bench import national
from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import NATIONAL, reach
from lanhmanh.indicators.loader import load_indicators
from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, PlanStatus, Target
from lanhmanh.reporting.models import ReportingPeriod, ReportStatus, ReportValue, UnitReport
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db

VALUES = [3, 5, 7]  # the approved reports' values of the measured indicator
NOT_COUNTED = 100  # a submitted, not yet approved, report's value
OTHER_PROVINCE = 11  # the other province's one approved value


@pytest.fixture
def reported():
    load_indicators()
    province = unit("40")
    communes = list(province.children.order_by("code")[:4])
    agencies = [make_agency(c, kind=AgencyKind.PEOPLES_COMMITTEE) for c in communes]
    plan = Plan.objects.create(
        kind="ke_hoach",
        number="1/KH-BENCH",
        title="Kế hoạch thử",
        first_year=2026,
        last_year=2026,
        jurisdiction=province,
        status=PlanStatus.ACTIVE,
    )
    measured, other = Indicator.objects.filter(kind="count", aggregation="sum", compute="")[:2]
    for n, indicator in enumerate((measured, other)):
        Target.objects.create(
            plan=plan,
            order=n,
            text=indicator.name_vi,
            kind="count",
            op="ge",
            value=10,
            indicator_code=indicator.code,
        )
    periods = {
        "annual": ReportingPeriod.objects.create(
            plan=plan,
            key="2026",
            frequency="annual",
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 12, 31),
            due=datetime.date(2026, 12, 10),
        ),
        "half": ReportingPeriod.objects.create(
            plan=plan,
            key="2026-H1",
            frequency="semiannual",
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 6, 30),
            due=datetime.date(2026, 6, 10),
        ),
    }
    for period in periods.values():
        for n, agency in enumerate(agencies):
            approved = n < len(VALUES)
            report = UnitReport.objects.create(
                period=period,
                agency=agency,
                status=ReportStatus.APPROVED if approved else ReportStatus.SUBMITTED,
            )
            ReportValue.objects.create(
                report=report, indicator=measured, value=VALUES[n] if approved else NOT_COUNTED
            )
            if n == 0:
                ReportValue.objects.create(report=report, indicator=other, value=1)
    # Another province's plan: its yearly report counts in the country's figure.
    other_plan = Plan.objects.create(
        kind="ke_hoach",
        number="2/KH-BENCH",
        title="Kế hoạch thử",
        first_year=2026,
        last_year=2026,
        jurisdiction=unit("42"),
        status=PlanStatus.ACTIVE,
    )
    periods["other"] = ReportingPeriod.objects.create(
        plan=other_plan,
        key="2026",
        frequency="annual",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        due=datetime.date(2026, 12, 10),
    )
    report = UnitReport.objects.create(
        period=periods["other"],
        agency=make_agency(unit("42")),
        status=ReportStatus.APPROVED,
    )
    ReportValue.objects.create(report=report, indicator=measured, value=OTHER_PROVINCE)
    return province, plan, periods, measured


def test_the_rollup_is_measured_on_the_yearly_periods_and_equals_the_hand_written_sql(reported):
    _province, plan, periods, measured = reported
    chosen, indicator, values = national.rollup_subject()
    assert (chosen, indicator) == ([periods["annual"], periods["other"]], measured)
    assert values == len(VALUES) + 1

    result = national.rollup_measures(repeat=2)
    assert result["indicator"] == measured.code
    assert result["period"] == "2026"
    assert result["value"] == sum(VALUES) + OTHER_PROVINCE  # approved reports only
    assert result["value_largest_province"] == sum(VALUES)
    assert result["largest_province_plan"] == plan.number
    assert result["country"]["periods"] == 2 and result["largest_province"]["periods"] == 1
    assert result["country"]["values"] == len(VALUES) + 1
    for name in ("country", "largest_province"):
        figures = result[name]
        assert figures["sql_group_by_s"] > 0 and figures["lanhmanh_s"] > 0
        assert figures["ratio"] > 0
    assert result["ratio"] == result["country"]["ratio"]


def test_the_rollup_check_fails_when_app_and_sql_disagree(reported, monkeypatch):
    from decimal import Decimal

    from lanhmanh.reporting import queries

    monkeypatch.setattr(queries, "rollup", lambda period, codes: dict.fromkeys(codes, Decimal(1)))
    with pytest.raises(AssertionError, match="roll-up differs"):
        national.rollup_measures(repeat=1)


def test_no_reports_no_rollup_figure(db):
    assert national.rollup_subject() is None
    assert national.rollup_measures(repeat=1) is None
    assert national.report_measures(repeat=1) is None


def test_the_provincial_half_year_report_is_compiled_and_written(reported):
    province, plan, periods, _measured = reported
    assert national.report_subject() == periods["half"]
    result = national.report_measures(repeat=1)
    assert result["plan"] == plan.number
    assert result["province"] == province.name
    assert result["period"] == "2026-H1"
    assert result["reports"] == len(VALUES) + 1
    assert result["docx_bytes"] > 1000
    assert result["seconds_median"] == result["seconds_all"][0] > 0


def test_users_are_made_once_with_their_reach(reported):
    province = reported[0]
    users = national.ensure_users(province)
    again = national.ensure_users(province)
    assert {u: users[u].pk for u in users} == {u: again[u].pk for u in again}
    assert reach(users["bench_leader"], Kind.DASHBOARD) == NATIONAL
    assert reach(users["bench_coordinator"], Kind.DASHBOARD) == {province.pk}
    assert reach(users["bench_inspector"], Kind.INSPECTION) == {province.pk}
    assert reach(users["bench_police"], Kind.TIP) == {province.pk}
    sessions = national.sessions_for(users, per_user=2)
    assert {name: len(keys) for name, keys in sessions.items()} == dict.fromkeys(users, 2)


def test_pages_one_at_a_time_counted_and_kept(reported, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    users = national.ensure_users(reported[0])
    result = national.one_at_a_time(users, repeat=1)
    assert set(result) == {name for _user, _url, name in national.PAGES}
    for name, times in result.items():
        assert times["counted_ms"] > 0 and times["kept_ms"] > 0, name


def test_counts_and_verdicts(reported):
    counts = national.dataset_counts()
    assert counts["reporting.reportvalue"] == ReportValue.objects.count() == 11
    assert counts["reporting.unitreport"] == 9

    pages = {"p95_ms": 150.0, "pages": {"tips": {"p95_ms": 90.0}, "dashboard": {"p95_ms": 250.0}}}
    figures = {
        "pages": pages,
        "rollup": {"ratio": 1.1},
        "report_export": {"seconds_median": 2.5},
    }
    goals = national.verdicts(figures)
    assert goals["page_p95_ms"]["met"] is False  # one page over the goal
    assert goals["page_p95_ms"]["pages_over_goal"] == ["dashboard"]
    assert goals["rollup_vs_sql"]["met"] is True
    assert goals["report_export_s"]["met"] is False
    assert (
        national.verdicts({"pages": {}, "rollup": None, "report_export": None})["rollup_vs_sql"][
            "met"
        ]
        is False
    )


@pytest.mark.parametrize("url", ["", "sqlite:///var/x.sqlite3"])
def test_without_postgresql_it_exits_2_with_one_line(url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(SystemExit) as exited:
        national.database_url_or_exit()
    assert exited.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
