"""Benchmark of the reporting roll-up and the compiled report: ``python -m bench.reporting``.

A province with 130 reporting units and 40 indicators, every unit's yearly report
approved. Measured in the same run:

- the roll-up of one indicator over all units for the year (``queries.rollup``) against
  the equivalent single SQL ``GROUP BY`` on the same database (goal: within 1.5×);
- compiling the provincial report (``compile.compile_report``) and writing it as DOCX.
"""

import datetime
import os
import random
import shutil
import tempfile
import time

from bench.common import machine, now, timed, write_result

UNITS = 130
INDICATORS = 40


def main():
    workdir = tempfile.mkdtemp(prefix="lanhmanh-bench-")
    os.environ.setdefault("LANHMANH_VAR_DIR", workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanhmanh.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lanhmanh.agencies.models import Agency, AgencyKind
    from lanhmanh.indicators.loader import load_indicators
    from lanhmanh.indicators.models import Indicator
    from lanhmanh.places.loader import load_units
    from lanhmanh.places.models import AdministrativeUnit, Level
    from lanhmanh.plans.models import Plan, PlanStatus, Target
    from lanhmanh.reporting.compile import compile_report
    from lanhmanh.reporting.exports import docx_bytes
    from lanhmanh.reporting.models import ReportingPeriod, ReportStatus, ReportValue, UnitReport
    from lanhmanh.reporting.queries import rollup

    call_command("migrate", verbosity=0)
    load_units()
    load_indicators()
    province = AdministrativeUnit.objects.current().get(level=Level.PROVINCE, code="40")
    communes = list(province.children.order_by("code")[:UNITS])
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                name=f"Ủy ban nhân dân {c.name}",
                name_search=f"uy ban nhan dan {c.name_search}",
                kind=AgencyKind.PEOPLES_COMMITTEE,
                jurisdiction=c,
            )
            for c in communes
        ]
    )
    indicators = list(Indicator.objects.filter(kind="count").order_by("code")[:INDICATORS])
    plan = Plan.objects.create(
        kind="ke_hoach",
        number="1/KH-BENCH",
        title="Kế hoạch đo hiệu năng",
        first_year=2026,
        last_year=2026,
        jurisdiction=province,
        status=PlanStatus.ACTIVE,
    )
    Target.objects.bulk_create(
        [
            Target(
                plan=plan,
                order=n,
                text=i.name_vi,
                kind="count",
                op="ge",
                value=10,
                indicator_code=i.code,
            )
            for n, i in enumerate(indicators)
        ]
    )
    period = ReportingPeriod.objects.create(
        plan=plan,
        key="2026",
        frequency="annual",
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        due=datetime.date(2026, 12, 10),
    )
    reports = UnitReport.objects.bulk_create(
        [
            UnitReport(period=period, agency=a, status=ReportStatus.APPROVED, results="Ổn định.")
            for a in agencies
        ]
    )
    rng = random.Random(7)
    ReportValue.objects.bulk_create(
        [
            ReportValue(report=r, indicator=i, value=rng.randint(0, 50))
            for r in reports
            for i in indicators
        ],
        batch_size=2000,
    )
    one = indicators[0]
    sql = (
        "SELECT SUM(v.value) FROM reporting_reportvalue v "
        "JOIN reporting_unitreport r ON r.id = v.report_id "
        "WHERE v.indicator_id = %s AND r.period_id = %s AND r.status = %s"
    )

    def raw_group_by():
        with connection.cursor() as cursor:
            cursor.execute(sql, [one.pk, period.pk, ReportStatus.APPROVED])
            return cursor.fetchone()[0]

    def orm_rollup():
        return rollup(period, codes={one.code})[one.code]

    assert float(raw_group_by()) == float(orm_rollup())
    baseline = timed(raw_group_by, 50)
    ours = timed(orm_rollup, 50)
    started = time.perf_counter()
    compiled = compile_report(period)
    compile_seconds = time.perf_counter() - started
    started = time.perf_counter()
    document = docx_bytes(compiled)
    docx_seconds = time.perf_counter() - started
    result = {
        "date": now(),
        "machine": machine(database=connection.vendor),
        "units": len(agencies),
        "indicators": len(indicators),
        "values": len(reports) * len(indicators),
        "median_seconds": {"rollup_sql_group_by": baseline, "rollup_lanhmanh": ours},
        "ratios": {"rollup_vs_sql": round(ours / baseline, 2)},
        "goal_ratio": 1.5,
        "meets_goal": ours / baseline <= 1.5,
        "compile_report_seconds": round(compile_seconds, 3),
        "docx_seconds": round(docx_seconds, 3),
        "docx_bytes": len(document),
    }
    write_result(result, f"reporting-{connection.vendor}")
    connection.close()
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
