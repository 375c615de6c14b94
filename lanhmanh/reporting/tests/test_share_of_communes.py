"""A share of communes ("≥ 85 % of communes held a communication activity") is over every
commune of the province, and one ward's report does not make the province's target met."""

from decimal import Decimal

import pytest
from django.test import override_settings

from lanhmanh.activities.indicators import communes_with_communication
from lanhmanh.demo.replay import load_demo
from lanhmanh.places.indicators import communes_in_scope
from lanhmanh.plans.models import Plan
from lanhmanh.reporting import actions
from lanhmanh.reporting.models import UnitReport
from lanhmanh.reporting.queries import plan_progress, rollup, unit_codes

pytestmark = pytest.mark.django_db

CODE = "communes_with_communication_pct"


@pytest.fixture
def demo(django_user_model):
    load_demo(with_reports=False)
    plan = Plan.objects.get(number="118/KH-UBND")
    coordinator = django_user_model.objects.get(username="coordinator")
    return plan, coordinator


def _ward_reports(plan, key="2026-Q2"):
    codes = unit_codes(plan)
    return [
        r
        for r in UnitReport.objects.filter(period__plan=plan, period__key=key)
        .select_related("agency__jurisdiction")
        .order_by("agency__name")
        if CODE in codes.get(r.agency_id, ()) and r.agency.jurisdiction.level == "commune"
    ]


def _approve(user, report):
    actions.save_report(user, report, version=report.version, values={})
    actions.submit_report(user, report, version=report.version)
    actions.approve_report(user, report)


def _progress(plan):
    return {p.target.indicator_code: p for p in plan_progress(plan)}[CODE]


def _talk_in(agency, day):
    from lanhmanh.activities import actions as activity_actions

    return activity_actions.create_activity(
        None,
        kind="talk",
        title="Buổi nói chuyện chuyên đề (thử nghiệm)",
        held_on=day,
        unit=agency.jurisdiction,
        organiser=agency,
        participants=25,
        communes=[agency.jurisdiction],
    )


def _reached(plan, end):
    return communes_with_communication({plan.jurisdiction_id}, end.replace(month=1, day=1), end)


def test_one_ward_is_one_commune_of_the_province_not_its_share(demo):
    """The ward holds a talk and its report is approved: the province's share moves by
    one commune of all of them, and the target is not met."""
    plan, coordinator = demo
    end = _ward_reports(plan)[0].period.end
    year = (end.replace(month=1, day=1), end)
    # a ward no communication activity has reached yet this year
    ward = next(
        r
        for r in _ward_reports(plan)
        if communes_with_communication({r.agency.jurisdiction_id}, *year) == 0
    )
    communes = communes_in_scope({plan.jurisdiction_id}, end, end)
    assert communes > 10  # the demo province's communes, not the one that reported
    reached = _reached(plan, end)
    _talk_in(ward.agency, end.replace(day=1))
    _approve(coordinator, ward)
    item = _progress(plan)
    assert item.period.end == end
    assert _reached(plan, end) == reached + 1
    assert item.current == (Decimal(100) * (reached + 1) / communes).quantize(Decimal("0.1"))
    assert item.current < 85
    assert item.status not in ("met", "on_track")
    # the register's communes over every commune, judged once enough of them reported
    assert item.over_all_units
    assert (item.reported, item.expected) == (1, communes)
    assert item.status == "not_enough_data"
    assert f"1/{communes} đơn vị đã báo cáo" in item.notes
    assert "trên tổng số đơn vị của địa bàn, từ sổ theo dõi" in item.notes


def test_the_roll_up_divides_by_every_commune_in_scope(demo):
    plan, coordinator = demo
    wards = _ward_reports(plan)
    for ward in wards:
        _approve(coordinator, ward)
    period = wards[0].period
    communes = communes_in_scope({plan.jurisdiction_id}, period.end, period.end)
    values = rollup(period, codes={CODE, "communes_total"})
    assert values["communes_total"] == communes
    reached = _reached(plan, period.end)
    assert values[CODE] == (Decimal(100) * reached / communes).quantize(Decimal("0.1"))


def test_below_the_threshold_is_judged_when_the_setting_allows(demo):
    plan, coordinator = demo
    ward = _ward_reports(plan)[0]
    _approve(coordinator, ward)
    with override_settings(COMPLETENESS_PERCENT=0):
        item = _progress(plan)
    assert item.status not in ("not_enough_data", "met")  # judged: far behind 85 %


def test_a_share_of_two_register_figures_is_complete_by_nature(demo):
    """The establishments inspected of those active: both the registers', no unit's report
    bears on it, so it is judged whoever has reported, and says where it comes from."""
    plan, coordinator = demo
    _approve(coordinator, _ward_reports(plan)[0])
    item = {p.target.indicator_code: p for p in plan_progress(plan)}["establishments_inspected_pct"]
    assert (item.reported, item.expected) == (None, None)
    assert not item.over_all_units
    assert item.status != "not_enough_data"


TYPED = "units_with_communication_pct"


def test_a_typed_share_of_units_after_one_ward_is_not_enough_data(demo):
    """The issue's scenario with a share no register computes: one ward reports that it
    held communication, the province's figure counts it as one unit of all of them and
    its status is "not enough data" with 1/N beside it."""
    from lanhmanh.plans.models import Target
    from lanhmanh.reporting.actions import ValueInput

    plan, coordinator = demo
    Target.objects.create(
        plan=plan,
        text="100% đơn vị tổ chức tuyên truyền (thử nghiệm)",
        kind="percent",
        op="ge",
        value=100,
        year=2026,
        indicator_code=TYPED,
    )
    codes = unit_codes(plan)
    ward = next(
        r
        for r in UnitReport.objects.filter(period__plan=plan, period__key="2026-Q2")
        .select_related("agency__jurisdiction")
        .order_by("agency__name")
        if TYPED in codes.get(r.agency_id, ()) and r.agency.jurisdiction.level == "commune"
    )
    actions.save_report(
        coordinator,
        ward,
        version=ward.version,
        values={"units_with_communication": ValueInput(Decimal(1))},
    )
    actions.submit_report(coordinator, ward, version=ward.version)
    actions.approve_report(coordinator, ward)
    item = {p.target.indicator_code: p for p in plan_progress(plan)}[TYPED]
    communes = communes_in_scope({plan.jurisdiction_id}, ward.period.end, ward.period.end)
    assert (item.reported, item.expected) == (1, communes)
    assert item.status == "not_enough_data"
    assert item.over_all_units
