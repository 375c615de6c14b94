"""The catalogue's move from ``reporting`` to ``indicators`` touches no data: a database
migrated with indicators, assignments and report values keeps every row, and the new
models read them."""

import datetime

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("reporting", "0004_indicator_assignment"), ("indicators", None)]
AFTER = [("reporting", "0005_indicators_moved_out"), ("indicators", "0001_initial")]


def test_rows_written_before_the_move_are_read_after_it(transactional_db, cast):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    Indicator = old.get_model("reporting", "Indicator")
    Assignment = old.get_model("reporting", "IndicatorAssignment")
    Plan = old.get_model("plans", "Plan")
    Period = old.get_model("reporting", "ReportingPeriod")
    Report = old.get_model("reporting", "UnitReport")
    Value = old.get_model("reporting", "ReportValue")
    held = Indicator.objects.create(code="held", name_vi="Số cuộc", name_en="Held", kind="count")
    total = Indicator.objects.create(code="total", name_vi="Tổng", name_en="Total", kind="count")
    share = Indicator.objects.create(
        code="share",
        name_vi="Tỷ lệ",
        name_en="Share",
        kind="percent",
        numerator=held,
        denominator=total,
    )
    plan = Plan.objects.create(
        kind="ke_hoach",
        title="Kế hoạch thử",
        issuing_agency_id=cast.province_agency.pk,
        jurisdiction_id=cast.province.pk,
    )
    Assignment.objects.create(
        plan=plan, agency_id=cast.commune_agency.pk, indicator=held, assigned=True
    )
    day = datetime.date(2026, 3, 31)
    period = Period.objects.create(
        plan=plan, key="2026-Q1", frequency="quarterly", start=day, end=day, due=day
    )
    report = Report.objects.create(period=period, agency_id=cast.commune_agency.pk)
    Value.objects.create(report=report, indicator=held, value=3)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.filter(app_label="indicators").delete()
    history = ContentType.objects.get_or_create(app_label="reporting", model="indicatorassignment")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    from lanhmanh.indicators.models import Indicator as Moved
    from lanhmanh.indicators.models import IndicatorAssignment
    from lanhmanh.reporting.models import ReportValue

    moved = Moved.objects.get(code="share")
    assert (moved.pk, moved.numerator.code, moved.denominator.code) == (
        share.pk,
        "held",
        "total",
    )
    assert IndicatorAssignment.objects.get(plan_id=plan.pk).indicator.code == "held"
    assert ReportValue.objects.get(report_id=report.pk).indicator.code == "held"
    # The audit history of the assignments follows them (same content type row).
    ContentType.objects.clear_cache()
    moved_type = ContentType.objects.get_for_model(IndicatorAssignment)
    assert moved_type.pk == history[0].pk
