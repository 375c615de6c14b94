"""A small active plan of the cast's province with tasks led by its agencies."""

import datetime

import pytest
from django.utils import timezone

from lanhmanh.plans.models import Duty, Plan, PlanKind, PlanStatus, Task, TaskAgency, TaskRole


def add_task(plan, lead, title, end_month=None, order=0, partner=None):
    task = Task.objects.create(plan=plan, order=order, title=title, end_month=end_month)
    TaskAgency.objects.create(task=task, role=TaskRole.LEAD, name=lead.name, agency=lead)
    if partner is not None:
        TaskAgency.objects.create(
            task=task, role=TaskRole.PARTNER, name=partner.name, agency=partner
        )
    return task


def active_plan(cast, number, issued_on, first_year, last_year):
    """An active plan of the cast's province."""
    return Plan.objects.create(
        kind=PlanKind.KE_HOACH,
        number=number,
        issued_on=issued_on,
        title="Kế hoạch phòng, chống mại dâm (thử nghiệm)",
        first_year=first_year,
        last_year=last_year,
        jurisdiction=cast.province,
        status=PlanStatus.ACTIVE,
    )


@pytest.fixture
def tracked_plan(cast):
    """An active plan of the province for last year and this one: a task led by the
    commune's People's Committee due in June last year (late unless done), one due at the
    plan's end, and a duty of the province's department."""
    year = timezone.localdate().year
    plan = active_plan(cast, "12/KH-UBND", datetime.date(year - 1, 1, 15), year - 1, year)
    add_task(
        plan,
        cast.commune_agency,
        "Tổ chức 02 hội nghị tuyên truyền",
        datetime.date(year - 1, 6, 1),
        partner=cast.province_agency,
    )
    add_task(plan, cast.commune_agency, "Kiểm tra các cơ sở kinh doanh dịch vụ", order=1)
    Duty.objects.create(
        plan=plan,
        order=0,
        agency_name=cast.province_agency.name,
        agency=cast.province_agency,
        texts=["Chủ trì theo dõi, tổng hợp kết quả thực hiện kế hoạch"],
    )
    return plan


KIND_DUTY_TEXT = "Xây dựng kế hoạch và tổ chức tuyên truyền tại địa bàn"


def commune_committees(province, count, skip=()):
    """People's Committees of ``count`` communes of today inside ``province`` (not those
    of the units in ``skip``)."""
    from lanhmanh.agencies.models import AgencyKind
    from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
    from lanhmanh.testing import make_agency

    communes = (
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE)
        .filter(pk__in=UnitContainment.objects.filter(outer=province).values("inner_id"))
        .exclude(pk__in=[u.pk for u in skip])
        .order_by("code")[:count]
    )
    return [make_agency(u, AgencyKind.PEOPLES_COMMITTEE, name=f"UBND {u.name}") for u in communes]


@pytest.fixture
def kind_plan(cast):
    """An active plan of the province for last year (issued in August, after the
    communes of today were formed), its only duty addressed to the People's Committees
    of all communes: due 31/12 last year, late for every commune that is not done."""
    from lanhmanh.agencies.models import AgencyKind

    year = timezone.localdate().year
    plan = active_plan(cast, "30/KH-UBND", datetime.date(year - 1, 8, 1), year - 1, year - 1)
    Duty.objects.create(
        plan=plan,
        order=0,
        agency_name="UBND các xã, phường, đặc khu",
        addressee_kind=AgencyKind.PEOPLES_COMMITTEE,
        texts=[KIND_DUTY_TEXT],
    )
    return plan
