"""A share of communes ("≥ 85 % of communes held a communication activity") is over every
commune of the province, and one ward's report does not make the province's target met."""

from decimal import Decimal

import pytest
from django.test import override_settings

from lanhmanh.demo.loader import load_demo
from lanhmanh.places.indicators import communes_in_scope
from lanhmanh.plans.models import Plan
from lanhmanh.reporting import actions
from lanhmanh.reporting.actions import ValueInput
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


def _approve(user, report, held=1):
    values = {
        "communes_with_communication": ValueInput(Decimal(held)),
        "communes_total": ValueInput(Decimal(1)),
    }
    actions.save_report(user, report, version=report.version, values=values)
    actions.submit_report(user, report, version=report.version)
    actions.approve_report(user, report)


def _progress(plan):
    return {p.target.indicator_code: p for p in plan_progress(plan)}[CODE]


def test_one_ward_approved_leaves_the_province_not_enough_data(demo):
    plan, coordinator = demo
    ward = _ward_reports(plan)[0]
    _approve(coordinator, ward)
    communes = communes_in_scope({plan.jurisdiction_id}, ward.period.end, ward.period.end)
    assert communes > 10  # the demo province's communes, not the one that reported
    item = _progress(plan)
    # The ward's own 1/1 is not the province's figure: 1 commune of all of them.
    assert item.current == (Decimal(100) / communes).quantize(Decimal("0.1"))
    assert item.current < 85
    assert item.status == "not_enough_data"
    assert (item.reported, item.expected) == (1, communes)
    assert item.over_all_units
    assert f"1/{communes}" in " ".join(item.notes)


def test_the_roll_up_divides_by_every_commune_in_scope(demo):
    plan, coordinator = demo
    wards = _ward_reports(plan)
    for ward in wards:
        _approve(coordinator, ward)
    period = wards[0].period
    communes = communes_in_scope({plan.jurisdiction_id}, period.end, period.end)
    values = rollup(period, codes={CODE, "communes_total"})
    assert values["communes_total"] == communes
    assert values[CODE] == (Decimal(100) * len(wards) / communes).quantize(Decimal("0.1"))


def test_below_the_threshold_is_judged_when_the_setting_allows(demo):
    plan, coordinator = demo
    ward = _ward_reports(plan)[0]
    _approve(coordinator, ward)
    with override_settings(COMPLETENESS_PERCENT=0):
        item = _progress(plan)
    assert item.status not in ("not_enough_data", "met")  # judged: far behind 85 %
