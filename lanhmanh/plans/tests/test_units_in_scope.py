"""Units in scope are counted from the plans in force, never typed: the reporting units
of the area's active plans of the year, each counted where it sits."""

import datetime

import pytest

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.indicators import registry
from lanhmanh.plans.models import Duty, Plan, PlanStatus
from lanhmanh.testing import make_agency

pytestmark = pytest.mark.django_db
D = datetime.date


def units_in_scope(area, year=2026):
    return registry.function_for("plans.units_in_scope")(area, D(year, 1, 1), D(year, 12, 31))


@pytest.fixture
def plan(cast):
    plan = Plan.objects.create(
        kind="ke_hoach",
        title="Kế hoạch phòng, chống mại dâm năm 2026",
        issuing_agency=cast.province_agency,
        jurisdiction=cast.province,
        first_year=2026,
        status=PlanStatus.ACTIVE,
    )
    Duty.objects.create(plan=plan, agency_name="Sở Y tế", agency=cast.province_agency)
    # "Ủy ban nhân dân các xã, phường": every commune committee of the province
    Duty.objects.create(
        plan=plan, agency_name="UBND các xã, phường", addressee_kind=cast.commune_agency.kind
    )
    make_agency(cast.commune, AgencyKind.MEDIA, name="Đài truyền thanh phường")  # no duty
    return plan


def test_the_province_counts_its_departments_and_communes_a_commune_itself(cast, plan):
    assert cast.commune_agency.kind == AgencyKind.PEOPLES_COMMITTEE
    assert units_in_scope({cast.province.pk}) == 2
    assert units_in_scope({cast.commune.pk}) == 1
    assert units_in_scope({cast.other_province.pk}) == 0


def test_no_plan_in_force_no_units(cast, plan):
    assert units_in_scope({cast.province.pk}, 2025) == 0
    plan.status = PlanStatus.CLOSED
    plan.save()
    assert units_in_scope({cast.province.pk}) == 0
