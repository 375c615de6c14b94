"""The reporting cycle on the demo's 2026 provincial plan: calendar, a unit's report
through its review, optimistic locking, data quality, roll-up and reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lanhmanh.demo.replay import load_demo
from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan
from lanhmanh.reporting import actions
from lanhmanh.reporting.actions import ReportConflict, ValueInput
from lanhmanh.reporting.models import ReportEvent, ReportingPeriod, ReportStatus, UnitReport
from lanhmanh.reporting.queries import reporting_rate, rollup
from lanhmanh.reporting.reminders import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(django_user_model):
    load_demo(with_reports=False)
    plan = Plan.objects.get(number="118/KH-UBND")
    active = Indicator.objects.create(
        code="t_active", name_vi="Số cơ sở đang hoạt động", name_en="Active", kind="count"
    )
    inspected = Indicator.objects.create(
        code="t_inspected", name_vi="Số cơ sở được kiểm tra", name_en="Inspected", kind="count"
    )
    pct = Indicator.objects.create(
        code="t_inspected_pct",
        name_vi="Tỷ lệ cơ sở được kiểm tra",
        name_en="Share inspected",
        kind="percent",
        numerator=inspected,
        denominator=active,
    )
    target = plan.targets.get(kind="percent", op="ge", value=30)
    target.indicator_code = pct.code
    target.save()
    actions.build_calendar(plan)
    users = {u.username: u for u in django_user_model.objects.all()}
    return plan, users


def report_of(plan, agency_name, key="2026-Q2"):
    return UnitReport.objects.get(period__plan=plan, period__key=key, agency__name=agency_name)


def test_calendar_of_the_demo_plan(cycle):
    plan, _users = cycle
    keys = dict(ReportingPeriod.objects.filter(plan=plan).values_list("key", "due"))
    assert keys["2026-Q1"] == datetime.date(2026, 3, 15)
    assert keys["2026-Q4"] == datetime.date(2026, 12, 15)
    assert keys["2026"] == datetime.date(2026, 12, 10)
    units = set(
        UnitReport.objects.filter(period__key="2026-Q1").values_list("agency__name", flat=True)
    )
    assert "Công an tỉnh Nghệ An" in units
    assert "Ủy ban nhân dân phường Trường Vinh" in units  # "Ủy ban nhân dân các xã, phường"
    before = UnitReport.objects.count()
    actions.build_calendar(plan)
    assert UnitReport.objects.count() == before


def test_submit_return_resubmit_approve(cycle):
    plan, users = cycle
    report = report_of(plan, "Ủy ban nhân dân phường Trường Vinh")
    values = {"t_active": ValueInput(Decimal(20)), "t_inspected": ValueInput(Decimal(5))}
    actions.save_report(users["reporter"], report, version=report.version, values=values)
    actions.submit_report(users["reporter"], report, version=report.version)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at
    with pytest.raises(ValidationError):
        actions.save_report(users["reporter"], report, version=report.version, values=values)
    actions.return_report(users["coordinator"], report, comment="Kiểm tra lại số cơ sở.")
    assert report.status == ReportStatus.RETURNED
    values["t_inspected"] = ValueInput(Decimal(8))
    actions.save_report(users["reporter"], report, version=report.version, values=values)
    actions.submit_report(users["reporter"], report, version=report.version)
    actions.approve_report(users["coordinator"], report)
    assert report.status == ReportStatus.APPROVED
    actions_seen = list(report.events.values_list("action", flat=True))
    assert actions_seen == ["saved", "submitted", "returned", "saved", "submitted", "approved"]
    assert report.events.get(action="returned").comment == "Kiểm tra lại số cơ sở."
    with pytest.raises(ValidationError):
        actions.reopen_report(users["coordinator"], report, reason="")
    actions.reopen_report(users["coordinator"], report, reason="Sai số liệu")
    assert report.events.last().action == ReportEvent.Action.REOPENED


def test_two_editors_never_overwrite_each_other(cycle):
    plan, users = cycle
    report = report_of(plan, "Ủy ban nhân dân phường Trường Vinh")
    opened_at = report.version
    first = UnitReport.objects.get(pk=report.pk)
    actions.save_report(
        users["reporter"], first, version=opened_at, values={"t_active": ValueInput(Decimal(12))}
    )
    second = UnitReport.objects.get(pk=report.pk)
    second.version = opened_at  # the second editor opened the form before the first saved
    with pytest.raises(ReportConflict):
        actions.save_report(
            users["coordinator"],
            second,
            version=opened_at,
            values={"t_active": ValueInput(Decimal(99))},
        )
    assert report.values.get(indicator__code="t_active").value == 12


def test_numerator_above_denominator_blocks_submission(cycle):
    plan, users = cycle
    report = report_of(plan, "Ủy ban nhân dân phường Trường Vinh")
    actions.save_report(
        users["reporter"],
        report,
        version=report.version,
        values={"t_active": ValueInput(Decimal(5)), "t_inspected": ValueInput(Decimal(9))},
    )
    with pytest.raises(ValidationError) as excinfo:
        actions.submit_report(users["reporter"], report, version=report.version)
    assert "Số cơ sở được kiểm tra" in excinfo.value.messages[0]
    assert UnitReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_percent_rolls_up_from_sums_not_an_average(cycle):
    plan, users = cycle
    period = ReportingPeriod.objects.get(plan=plan, key="2026-Q2")
    figures = {
        "Ủy ban nhân dân phường Trường Vinh": (10, 9),  # 90 %
        "Ủy ban nhân dân phường Thành Vinh": (90, 9),  # 10 %
    }
    for name, (active, inspected) in figures.items():
        report = report_of(plan, name)
        actions.save_report(
            users["coordinator"],
            report,
            version=report.version,
            values={
                "t_active": ValueInput(Decimal(active)),
                "t_inspected": ValueInput(Decimal(inspected)),
            },
        )
        actions.submit_report(users["coordinator"], report, version=report.version)
        actions.approve_report(users["coordinator"], report)
    values = rollup(period)
    assert values["t_active"] == 100 and values["t_inspected"] == 18
    assert values["t_inspected_pct"] == Decimal("18.0")  # not (90 + 10) / 2 = 50
    rate = reporting_rate(period)
    assert rate.submitted == 2 and rate.expected == period.reports.count()


def test_reminders_are_sent_once_per_report_and_deadline(cycle, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    _plan, users = cycle
    users["reporter"].email = "reporter@example.invalid"
    users["reporter"].save()
    day = datetime.date(2026, 3, 13)  # two days before the Q1 deadline
    first = send_reminders(day)
    assert first >= 1
    assert any("reporter@example.invalid" in m.to for m in mail.outbox)
    sent = len(mail.outbox)
    assert send_reminders(day) == 0
    assert len(mail.outbox) == sent
    # After the deadline, an overdue reminder is a new one, sent once too.
    assert send_reminders(datetime.date(2026, 3, 20)) >= 1
    assert send_reminders(datetime.date(2026, 3, 21)) == 0


def test_target_progress_follows_approved_reports(cycle):
    from lanhmanh.reporting.queries import plan_progress, unit_codes

    plan, users = cycle
    progress = {p.target.indicator_code: p for p in plan_progress(plan)}
    assert progress["t_inspected_pct"].status == "no_data"
    codes = unit_codes(plan)
    asked = [
        r
        for r in UnitReport.objects.filter(period__plan=plan, period__key="2026").order_by("pk")
        if "t_inspected_pct" in codes.get(r.agency_id, ())
    ]
    assert len(asked) > 1

    def approve(report):
        actions.save_report(
            users["coordinator"],
            report,
            version=report.version,
            values={"t_active": ValueInput(Decimal(10)), "t_inspected": ValueInput(Decimal(4))},
        )
        actions.submit_report(users["coordinator"], report, version=report.version)
        actions.approve_report(users["coordinator"], report)

    approve(asked[0])
    after = {p.target.indicator_code: p for p in plan_progress(plan)}["t_inspected_pct"]
    # One unit of several: the figure is shown, but not judged.
    assert after.current == Decimal("40.0")
    assert after.status == "not_enough_data"
    assert (after.reported, after.expected) == (1, len(asked))
    for report in asked[1:]:
        approve(report)
    after = {p.target.indicator_code: p for p in plan_progress(plan)}["t_inspected_pct"]
    assert after.current == Decimal("40.0")
    assert after.status == "met"  # at least 30 %, over the whole year
    assert after.period.key == "2026"
    assert (after.reported, after.expected) == (len(asked), len(asked))


def test_a_later_partial_period_does_not_replace_the_last_complete_one(cycle):
    from lanhmanh.reporting.queries import plan_progress, unit_codes

    plan, users = cycle
    codes = unit_codes(plan)

    def asked(key):
        return [
            r
            for r in UnitReport.objects.filter(period__plan=plan, period__key=key).order_by("pk")
            if "t_inspected_pct" in codes.get(r.agency_id, ())
        ]

    def approve(report, inspected):
        values = {"t_active": ValueInput(Decimal(10)), "t_inspected": ValueInput(inspected)}
        actions.save_report(users["coordinator"], report, version=report.version, values=values)
        actions.submit_report(users["coordinator"], report, version=report.version)
        actions.approve_report(users["coordinator"], report)

    for report in asked("2026-Q2"):
        approve(report, Decimal(4))
    later = asked("2026-Q3")
    approve(later[0], Decimal(1))
    item = {p.target.indicator_code: p for p in plan_progress(plan)}["t_inspected_pct"]
    assert item.period.key == "2026-Q2" and item.current == Decimal("40.0")
    assert item.status != "not_enough_data"
    assert item.partial is not None and item.partial.period.key == "2026-Q3"
    assert item.partial.current == Decimal("10.0")
    assert (item.partial.reported, item.partial.expected) == (1, len(later))
    assert any("Quý III/2026" in note or "Q3 2026" in note for note in item.notes)


def test_rollup_is_one_query_whatever_the_values_and_follows_each_rule(
    cycle, django_assert_num_queries
):
    from lanhmanh.reporting import statements

    plan, users = cycle
    Indicator.objects.filter(code="t_active").update(aggregation="max")
    periods = {
        key: ReportingPeriod.objects.get(plan=plan, key=key) for key in ("2026-Q1", "2026-Q2")
    }
    figures = {"2026-Q1": ((10, 9), (30, 3)), "2026-Q2": ((40, 4), (20, 20))}
    names = ["Ủy ban nhân dân phường Trường Vinh", "Ủy ban nhân dân phường Thành Vinh"]
    for key, pairs in figures.items():
        for name, (active, inspected) in zip(names, pairs, strict=True):
            report = report_of(plan, name, key=key)
            values = {"t_active": ValueInput(active), "t_inspected": ValueInput(inspected)}
            actions.save_report(users["coordinator"], report, version=report.version, values=values)
            actions.submit_report(users["coordinator"], report, version=report.version)
            actions.approve_report(users["coordinator"], report)
    codes = {"t_active", "t_inspected", "t_inspected_pct"}
    with django_assert_num_queries(1):  # the usual cursor when queries are counted
        q1 = rollup(periods["2026-Q1"], codes=codes)
    assert q1 == {"t_active": 30, "t_inspected": 12, "t_inspected_pct": Decimal("40.0")}
    # The statement compiled for Q1 binds Q2's values, on the fast path too.
    assert rollup(periods["2026-Q2"], codes=codes) == {
        "t_active": 40,  # max over units
        "t_inspected": 24,
        "t_inspected_pct": Decimal("60.0"),  # 24 of 40
    }
    assert rollup(periods["2026-Q2"], codes={"t_inspected"}) == {"t_inspected": 24}
    # A percent asked alone: its parts are summed but not answered.
    assert rollup(periods["2026-Q2"], codes={"t_inspected_pct"}) == {
        "t_inspected_pct": Decimal("60.0")
    }
    assert rollup(periods["2026-Q2"], codes=set()) == {}
    # Submitted but not approved values count only when asked for.
    assert rollup(periods["2026-Q2"], statuses=("draft",), codes=codes) == {}
    assert any(key[0] == "rollup" for key in statements._cache)
    # The ids remembered for the codes are checked by each answer: a catalogue changed
    # behind the roll-up's back (parts swapped, an id given to another code) is followed.
    from lanhmanh.reporting import queries

    assert queries.rollup(periods["2026-Q2"], codes=codes)["t_inspected_pct"] == Decimal("60.0")
    assert any(key[0] == "rollup-ids" for key in statements._cache)
    Indicator.objects.filter(code="t_inspected_pct").update(
        numerator=Indicator.objects.get(code="t_active"),
        denominator=Indicator.objects.get(code="t_inspected"),
    )
    assert rollup(periods["2026-Q2"], codes={"t_inspected_pct"}) == {
        "t_inspected_pct": Decimal("166.7")  # 40 of 24
    }
    known = queries._catalogue["default"]
    known["t_inspected"] = (known["t_active"][0], None, None)  # a stale id
    assert rollup(periods["2026-Q2"], codes={"t_inspected"}) == {"t_inspected": 24}
    assert known["t_inspected"][0] == Indicator.objects.get(code="t_inspected").pk


def test_plausible_bounds_of_an_indicator_block_the_submission(cycle, admin_client):
    plan, users = cycle
    Indicator.objects.filter(code="t_active").update(min_value=1, max_value=500)
    report = report_of(plan, "Ủy ban nhân dân phường Trường Vinh")
    for wrong in (Decimal(0), Decimal(501)):
        values = {"t_active": ValueInput(wrong)}
        actions.save_report(users["reporter"], report, version=report.version, values=values)
        with pytest.raises(ValidationError, match=r"1\b.* 500\b"):  # in English or Vietnamese
            actions.submit_report(users["reporter"], report, version=report.version)
    values = {"t_active": ValueInput(Decimal(500))}
    actions.save_report(users["reporter"], report, version=report.version, values=values)
    actions.submit_report(users["reporter"], report, version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    # The administrator sets the bounds in the catalogue's admin page.
    indicator = Indicator.objects.get(code="t_active")
    page = admin_client.get(f"/admin/indicators/indicator/{indicator.pk}/change/")
    assert page.status_code == 200 and "max_value" in page.content.decode()
