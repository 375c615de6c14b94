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


@pytest.fixture
def tracked_plan(cast):
    """An active plan of the province for last year and this one: a task led by the
    commune's People's Committee due in June last year (late unless done), one due at the
    plan's end, and a duty of the province's department."""
    year = timezone.localdate().year
    plan = Plan.objects.create(
        kind=PlanKind.KE_HOACH,
        number="12/KH-UBND",
        issued_on=datetime.date(year - 1, 1, 15),
        title="Kế hoạch phòng, chống mại dâm (thử nghiệm)",
        first_year=year - 1,
        last_year=year,
        jurisdiction=cast.province,
        status=PlanStatus.ACTIVE,
    )
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
