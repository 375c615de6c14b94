"""A duty addressed to a kind of agency ("UBND các xã, phường, đặc khu") is tracked
per agency it reaches: each commune sees and updates its own line; the plan page, the
dashboard and the compiled report count them instead of listing them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Role
from lanhmanh.plans import tracking
from lanhmanh.plans.models import Duty, Plan, PlanStatus, Progress, ProgressStatus
from lanhmanh.plans.queries import addressees
from lanhmanh.plans.tests.conftest import KIND_DUTY_TEXT, commune_committees
from lanhmanh.testing import make_agency, make_user

pytestmark = pytest.mark.django_db


def duty_url(plan, agency):
    return reverse("plans:progress", args=["duty", plan.duties.get(order=0).pk, agency.pk])


def agencies_url(plan):
    return reverse("plans:duty_agencies", args=[plan.duties.get(order=0).pk])


def record(plan, agency, status, result=""):
    return Progress.objects.create(
        duty=plan.duties.get(order=0), agency=agency, status=status, result=result
    )


def reached(plan, **kwargs):
    found = tracking.lines(Plan.objects.filter(pk=plan.pk), timezone.localdate(), **kwargs)
    return {line.agency.pk for line in found}


def test_each_commune_of_the_province_has_a_line(cast, kind_plan):
    *others, dissolved = commune_committees(cast.province, 3, skip=[cast.commune])
    make_agency(cast.province, AgencyKind.PEOPLES_COMMITTEE, name="UBND tỉnh Nghệ An")
    make_agency(cast.commune, AgencyKind.POLICE, name="Công an phường Trường Vinh")
    commune_committees(cast.other_province, 1)  # another province's commune
    dissolved.valid_to = datetime.date(2025, 12, 31)
    dissolved.save()
    assert reached(kind_plan) == {cast.commune_agency.pk} | {a.pk for a in others}
    assert reached(kind_plan, agency_ids=[cast.commune_agency.pk]) == {cast.commune_agency.pk}


def test_a_duty_to_every_department_reaches_the_province_s_departments(cast, kind_plan):
    kind_plan.duties.update(addressee_kind=AgencyKind.DEPARTMENT, agency_name="Các sở, ban, ngành")
    make_agency(cast.other_province, name="Sở Tư pháp tỉnh Hà Tĩnh")
    assert reached(kind_plan) == {cast.province_agency.pk}


def test_a_plan_of_the_districts_time_reaches_no_commune_formed_later(cast, kind_plan):
    kind_plan.issued_on = datetime.date(2024, 3, 1)
    kind_plan.save()
    kind_plan.duties.update(agency_name="UBND các huyện, thành phố, thị xã")
    assert reached(kind_plan) == set()


def test_the_commune_updates_its_line_and_no_other_commune_can(client, cast, kind_plan):
    (other,) = commune_committees(cast.province, 1, skip=[cast.commune])
    url = duty_url(kind_plan, cast.commune_agency)
    client.force_login(cast.in_commune[Role.REPORTER])
    page = client.get(url).content.decode()
    assert 'name="status"' in page and agencies_url(kind_plan) in page
    sent = client.post(url, {"status": "in_progress", "result": "Đã tổ chức 02 buổi"})
    assert sent.status_code == 302
    progress = Progress.objects.get()
    assert (progress.agency, progress.status) == (cast.commune_agency, "in_progress")

    client.force_login(make_user(Role.REPORTER, other))  # another commune of the province
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(cast.outside[Role.REPORTER])
    assert client.get(url).status_code == 404
    assert client.get(agencies_url(kind_plan)).status_code == 404
    # An agency the duty does not reach has no line to open.
    not_reached = duty_url(kind_plan, cast.province_agency)
    client.force_login(cast.inside[Role.REPORTER])
    assert client.get(not_reached).status_code == 404
    progress.refresh_from_db()
    assert progress.status == "in_progress"


def test_my_duties_and_the_unit_report_carry_the_commune_s_line(client, cast, kind_plan):
    record(kind_plan, cast.commune_agency, ProgressStatus.DONE, "Hoàn thành kế hoạch")
    client.force_login(cast.in_commune[Role.REPORTER])
    page = client.get(reverse("plans:mine")).content.decode()
    assert duty_url(kind_plan, cast.commune_agency) in page and "task-done" in page
    assert KIND_DUTY_TEXT in page
    from lanhmanh.reporting.models import ReportingPeriod, UnitReport

    year = kind_plan.last_year
    period = ReportingPeriod.objects.create(
        plan=kind_plan,
        key=str(year),
        frequency="annual",
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        due=datetime.date(year, 12, 25),
    )
    report = UnitReport.objects.create(period=period, agency=cast.commune_agency)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert f'action="{duty_url(kind_plan, cast.commune_agency)}"' in page


def test_the_plan_page_counts_the_communes_and_links_their_list(client, cast, kind_plan):
    others = commune_committees(cast.province, 3, skip=[cast.commune])
    record(kind_plan, cast.commune_agency, ProgressStatus.DONE)
    record(kind_plan, others[0], ProgressStatus.IN_PROGRESS)
    client.force_login(cast.inside[Role.VIEWER])
    page = client.get(reverse("plans:detail", args=[kind_plan.pk])).content.decode()
    assert "1/4 đơn vị đã hoàn thành, 3 chậm" in page
    assert agencies_url(kind_plan) in page
    assert duty_url(kind_plan, cast.commune_agency) not in page  # no row per commune


def test_the_list_of_agencies_filters_by_status_and_pages(client, cast, kind_plan, monkeypatch):
    from lanhmanh.plans import views

    others = commune_committees(cast.province, 4, skip=[cast.commune])
    record(kind_plan, cast.commune_agency, ProgressStatus.DONE, "Đã ký kế hoạch")
    client.force_login(cast.inside[Role.COORDINATOR])
    url = agencies_url(kind_plan)
    page = client.get(url, {"status": "done"}).content.decode()
    assert cast.commune_agency.name in page and "Đã ký kế hoạch" in page
    assert not any(a.name in page for a in others)
    monkeypatch.setattr(views, "DUTY_AGENCIES_PER_PAGE", 2)
    first = client.get(url, {"status": "late"}).content.decode()
    second = client.get(url, {"status": "late", "page": 2}).content.decode()
    shown = [a for a in others if a.name in first] + [a for a in others if a.name in second]
    assert sorted(a.pk for a in shown) == sorted(a.pk for a in others)
    assert 'rel="next"' in first and cast.commune_agency.name not in first + second
    assert client.get(url, {"status": "nonsense", "page": "x"}).status_code == 200


def test_the_dashboard_shows_one_line_per_duty_with_its_late_agencies(client, cast, kind_plan):
    commune_committees(cast.province, 3, skip=[cast.commune])
    record(kind_plan, cast.commune_agency, ProgressStatus.DONE)
    client.force_login(cast.inside[Role.COORDINATOR])
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert page.count(f'{agencies_url(kind_plan)}?status=late"') == 1
    assert "UBND các xã, phường, đặc khu: 1/4 đơn vị đã hoàn thành, 3 chậm" in page
    assert duty_url(kind_plan, cast.commune_agency) not in page


def test_the_compiled_report_has_one_row_per_duty_with_its_count(cast, kind_plan):
    from lanhmanh.reporting.compile import task_rows

    commune_committees(cast.province, 2, skip=[cast.commune])
    record(kind_plan, cast.commune_agency, ProgressStatus.DONE)
    (row,) = task_rows(kind_plan)
    assert (row.agency, row.status_code) == ("UBND các xã, phường, đặc khu", "late")
    assert row.result == "1/3 đơn vị đã hoàn thành, 2 chậm"


def test_nothing_of_a_closed_plan_is_late(client, cast, kind_plan):
    commune_committees(cast.province, 2, skip=[cast.commune])
    Plan.objects.filter(pk=kind_plan.pk).update(status=PlanStatus.CLOSED)
    plans = Plan.objects.filter(pk=kind_plan.pk)
    (summary,) = tracking.summarised(tracking.lines(plans, timezone.localdate()))
    assert (summary.total, summary.late, summary.status) == (3, 0, "not_started")
    assert tracking.late_lines(plans, timezone.localdate()) == []


def test_a_duty_named_to_one_agency_is_not_counted(cast, kind_plan):
    Duty.objects.create(
        plan=kind_plan, order=1, agency_name=cast.province_agency.name, agency=cast.province_agency
    )
    found = tracking.summarised(
        tracking.lines(Plan.objects.filter(pk=kind_plan.pk), timezone.localdate())
    )
    assert [line.kind for line in found] == ["kind_duty", "duty"]


PAGES = {
    "plan": (Role.VIEWER, lambda plan: reverse("plans:detail", args=[plan.pk])),
    "agencies": (Role.COORDINATOR, agencies_url),
    "mine": (Role.REPORTER, lambda plan: reverse("plans:mine")),
    "dashboard": (Role.COORDINATOR, lambda plan: reverse("monitoring:dashboard")),
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_cost_the_same_queries_for_more_agencies(
    client, cast, kind_plan, name, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    role, url_of = PAGES[name]
    user = cast.in_commune[role] if name == "mine" else cast.inside[role]
    first = commune_committees(cast.province, 2, skip=[cast.commune])
    record(kind_plan, first[0], ProgressStatus.DONE)
    client.force_login(user)
    url = url_of(kind_plan)
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    skip = [cast.commune, *(a.jurisdiction for a in first)]
    for agency in commune_committees(cast.province, 10, skip=skip):
        record(kind_plan, agency, ProgressStatus.IN_PROGRESS)
    with django_assert_num_queries(len(queries)):
        assert client.get(url).status_code == 200


def test_the_late_list_counts_no_commune_before_the_plan_s_end(cast, kind_plan, monkeypatch):
    """The dashboard asks for late lines on every visit: a duty to every commune of a
    plan still running cannot be late, so its communes are not even looked up."""
    commune_committees(cast.province, 2, skip=[cast.commune])
    asked = []

    def counting(duties, agency_ids=None):
        asked.extend(d.pk for d in duties if d.agency_id is None)
        return addressees(duties, agency_ids)

    monkeypatch.setattr(tracking, "addressees", counting)
    plans = Plan.objects.filter(pk=kind_plan.pk)
    today = timezone.localdate()
    assert len(tracking.late_lines(plans, today)) == 1  # last year's plan: late
    assert asked == [kind_plan.duties.get(order=0).pk]
    asked.clear()
    plans.update(last_year=today.year)
    assert tracking.late_lines(plans, today) == [] and asked == []
