"""Task statuses where people look: the task's own page, the plan page, "My duties",
the dashboard (late ones, linked) and the compiled report (DOCX and XLSX opened)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lanhmanh.agencies.roles import Role
from lanhmanh.plans.models import Progress, ProgressStatus
from lanhmanh.plans.tests.conftest import add_task

pytestmark = pytest.mark.django_db


def url_of(plan, cast, kind="task", order=0):
    item = plan.tasks.get(order=order) if kind == "task" else plan.duties.get()
    agency = cast.commune_agency if kind == "task" else cast.province_agency
    return reverse("plans:progress", args=[kind, item.pk, agency.pk])


def record(plan, cast, status, result="", order=0):
    return Progress.objects.create(
        task=plan.tasks.get(order=order), agency=cast.commune_agency, status=status, result=result
    )


def test_the_lead_agency_updates_on_the_task_page(client, cast, tracked_plan):
    client.force_login(cast.in_commune[Role.REPORTER])
    url = url_of(tracked_plan, cast, order=1)
    page = client.get(url)
    assert page.status_code == 200 and b'name="status"' in page.content
    sent = client.post(
        url,
        {
            "status": "in_progress",
            "result": "Đã kiểm tra 12/30 cơ sở",
            "evidence": "Biên bản kiểm tra",
            "attachment": SimpleUploadedFile("anh.png", b"\x89PNG data", "image/png"),
        },
    )
    assert sent.status_code == 302
    progress = Progress.objects.get()
    assert (progress.status, progress.result) == ("in_progress", "Đã kiểm tra 12/30 cơ sở")
    download = client.get(f"{url}file/")
    assert download.status_code == 200 and download["Content-Disposition"].endswith('"anh.png"')


def test_a_bad_file_is_a_field_error_not_a_500(client, cast, tracked_plan):
    client.force_login(cast.in_commune[Role.REPORTER])
    bad = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = client.post(url_of(tracked_plan, cast), {"status": "done", "attachment": bad})
    assert response.status_code == 400
    assert not Progress.objects.exists()


def test_who_sees_the_task_page_and_its_form(client, cast, tracked_plan):
    url = url_of(tracked_plan, cast)
    client.force_login(cast.inside[Role.COORDINATOR])  # reads every task of its area
    page = client.get(url)
    assert page.status_code == 200 and b'name="status"' not in page.content
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(cast.neighbours[Role.REPORTER])  # another agency of the province
    assert client.get(url).status_code == 403
    client.force_login(cast.outside[Role.COORDINATOR])
    assert client.get(url).status_code == 404
    assert not Progress.objects.exists()


def test_the_plan_page_shows_each_lead_agency_and_its_status(client, cast, tracked_plan):
    record(tracked_plan, cast, ProgressStatus.IN_PROGRESS, "Đã tổ chức 01 hội nghị", order=1)
    client.force_login(cast.inside[Role.VIEWER])
    page = client.get(reverse("plans:detail", args=[tracked_plan.pk])).content.decode()
    assert "task-late" in page  # the first task's month is past, nothing recorded
    assert "task-in_progress" in page and "Đã tổ chức 01 hội nghị" in page
    assert url_of(tracked_plan, cast, order=1) in page
    assert url_of(tracked_plan, cast, kind="duty") in page


def test_my_duties_shows_my_tasks_with_their_status(client, cast, tracked_plan):
    record(tracked_plan, cast, ProgressStatus.DONE, "Hoàn thành", order=0)
    client.force_login(cast.in_commune[Role.REPORTER])
    page = client.get(reverse("plans:mine")).content.decode()
    assert "task-done" in page and url_of(tracked_plan, cast) in page
    assert url_of(tracked_plan, cast, kind="duty") not in page  # the department's, not mine


def test_the_dashboard_lists_late_tasks_with_a_link(client, cast, tracked_plan):
    client.force_login(cast.inside[Role.COORDINATOR])
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert 'id="late-tasks-h"' in page
    assert url_of(tracked_plan, cast) in page  # due last June, not done
    assert url_of(tracked_plan, cast, order=1) not in page  # due at the plan's end
    record(tracked_plan, cast, ProgressStatus.DONE, order=0)
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert url_of(tracked_plan, cast) not in page


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["plans:detail", "plans:mine"])
def test_pages_cost_the_same_queries_for_more_tasks(client, cast, tracked_plan, name):
    client.force_login(cast.in_commune[Role.REPORTER])
    url = reverse(name, args=[tracked_plan.pk] if name == "plans:detail" else [])
    client.get(url)  # warm the session and the caches
    before = _page_queries(client, url)
    for order in range(2, 12):
        add_task(tracked_plan, cast.commune_agency, f"Nhiệm vụ {order}", order=order)
        record(tracked_plan, cast, ProgressStatus.IN_PROGRESS, order=order)
    assert _page_queries(client, url) == before


def test_the_compiled_report_has_a_section_of_tasks(cast, tracked_plan):
    from docx import Document
    from openpyxl import load_workbook

    from lanhmanh.reporting.compile import compile_report
    from lanhmanh.reporting.exports import docx_bytes, xlsx_bytes
    from lanhmanh.reporting.models import ReportingPeriod

    record(tracked_plan, cast, ProgressStatus.DONE, "Đã tổ chức 02 hội nghị", order=1)
    year = timezone.localdate().year
    period = ReportingPeriod.objects.create(
        plan=tracked_plan,
        key=str(year - 1),
        frequency="annual",
        start=datetime.date(year - 1, 1, 1),
        end=datetime.date(year - 1, 12, 31),
        due=datetime.date(year - 1, 12, 25),
    )
    report = compile_report(period)
    assert [(r.status_code, r.agency) for r in report.tasks] == [
        ("late", cast.commune_agency.name),
        ("done", cast.commune_agency.name),
        ("not_started", cast.province_agency.name),
    ]
    document = Document(io.BytesIO(docx_bytes(report)))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    header = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả"]
    assert header in rows
    task_row = next(r for r in rows if r[1] == "Kiểm tra các cơ sở kinh doanh dịch vụ")
    assert task_row[2:] == [
        cast.commune_agency.name,
        f"31/12/{year}",
        report.tasks[1].status,  # in Vietnamese, whatever the reader's language
        "Đã tổ chức 02 hội nghị",
    ]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(report)))["Nhiệm vụ"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [v[-1] for v in values] == ["late", "done", "not_started"]
    assert values[1][5] == "Đã tổ chức 02 hội nghị"


def test_the_unit_report_carries_the_unit_s_tasks_and_updates_them(client, cast, tracked_plan):
    from lanhmanh.reporting.models import ReportingPeriod, UnitReport

    year = timezone.localdate().year
    period = ReportingPeriod.objects.create(
        plan=tracked_plan,
        key=f"{year}-H1",
        frequency="semiannual",
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 6, 30),
        due=datetime.date(year, 6, 25),
    )
    report = UnitReport.objects.create(period=period, agency=cast.commune_agency)
    kept = record(tracked_plan, cast, ProgressStatus.IN_PROGRESS, order=1)
    kept.evidence = "Biên bản số 3"
    kept.save()
    report_url = reverse("reporting:report", args=[report.pk])
    client.force_login(cast.in_commune[Role.REPORTER])
    page = client.get(report_url).content.decode()
    assert 'id="tasks-h"' in page and f'action="{url_of(tracked_plan, cast, order=1)}"' in page
    sent = client.post(
        url_of(tracked_plan, cast, order=1),
        {"status": "done", "result": "Đã kiểm tra 30/30 cơ sở", "next": report_url},
    )
    assert sent.status_code == 302 and sent["Location"] == report_url
    kept.refresh_from_db()
    assert (kept.status, kept.evidence) == ("done", "Biên bản số 3")
    client.force_login(cast.inside[Role.COORDINATOR])  # reads the report, not the task's form
    page = client.get(report_url).content.decode()
    assert 'id="tasks-h"' in page
    assert f'action="{url_of(tracked_plan, cast, order=1)}"' not in page


def test_nothing_of_a_historic_plan_is_late(client, cast, tracked_plan):
    from lanhmanh.plans.models import PlanStatus

    tracked_plan.status = PlanStatus.CLOSED
    tracked_plan.save()
    client.force_login(cast.inside[Role.COORDINATOR])
    page = client.get(reverse("plans:detail", args=[tracked_plan.pk])).content.decode()
    assert "task-not_started" in page and "task-late" not in page
    dashboard = client.get(reverse("monitoring:dashboard")).content.decode()
    assert url_of(tracked_plan, cast) not in dashboard
