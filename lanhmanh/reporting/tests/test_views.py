"""The report pages: a unit fills and submits, the coordinator returns and approves,
the plan page shows the progress, the compiled report downloads."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lanhmanh.plans.models import Plan
from lanhmanh.reporting.models import ReportStatus, UnitReport

from .test_cycle import cycle  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def the_report(key="2026-H1"):
    return UnitReport.objects.get(
        period__plan__number="118/KH-UBND",
        period__key=key,
        agency__name="Ủy ban nhân dân phường Trường Vinh",
    )


def form_data(report, **values):
    data = {"version": report.version, "results": "Đã kiểm tra các cơ sở.", "difficulties": ""}
    data.update({f"value_{k}": v for k, v in values.items()})
    return data


def test_fill_submit_return_resubmit_approve(client, cycle):  # noqa: F811
    plan, users = cycle
    report = the_report()
    client.force_login(users["reporter"])
    page = client.get(reverse("reporting:list"))
    assert report in page.context["own"]
    response = client.post(
        reverse("reporting:report", args=[report.pk]),
        form_data(report, t_active="20", t_inspected="5") | {"submit": "1"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.force_login(users["coordinator"])
    client.post(
        reverse("reporting:review", args=[report.pk, "return"]), {"comment": "Thiếu số liệu."}
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    client.force_login(users["reporter"])
    page = client.get(reverse("reporting:report", args=[report.pk]))
    assert "Thiếu số liệu." in page.content.decode()
    client.post(
        reverse("reporting:report", args=[report.pk]),
        form_data(report, t_active="20", t_inspected="8") | {"submit": "1"},
    )
    client.force_login(users["coordinator"])
    client.post(reverse("reporting:review", args=[report.pk, "approve"]))
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.values.get(indicator__code="t_inspected").value == Decimal(8)

    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "40%" in detail  # 8 of 20 establishments


def test_reporter_cannot_review_or_edit_after_submission(client, cycle):  # noqa: F811
    _plan, users = cycle
    report = the_report()
    client.force_login(users["reporter"])
    client.post(
        reverse("reporting:report", args=[report.pk]),
        form_data(report, t_active="3") | {"submit": "1"},
    )
    assert client.post(reverse("reporting:review", args=[report.pk, "approve"])).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # Locked: a state, answered with a message, not a missing permission.
    locked = client.post(
        reverse("reporting:report", args=[report.pk]), form_data(report, t_active="9")
    )
    assert locked.status_code == 400 and "không thể thay đổi" in locked.content.decode()
    assert report.values.get(indicator__code="t_active").value == 3


def test_stale_form_is_refused_without_losing_the_other_save(client, cycle):  # noqa: F811
    _plan, users = cycle
    report = the_report()
    stale = form_data(report, t_active="50")
    client.force_login(users["coordinator"])
    client.post(reverse("reporting:report", args=[report.pk]), form_data(report, t_active="7"))
    client.force_login(users["reporter"])
    response = client.post(reverse("reporting:report", args=[report.pk]), stale, follow=True)
    assert "Người khác đã lưu báo cáo này" in response.content.decode()
    assert report.values.get(indicator__code="t_active").value == 7


def test_bad_values_show_field_errors(client, cycle):  # noqa: F811
    _plan, users = cycle
    report = the_report()
    client.force_login(users["reporter"])
    response = client.post(
        reverse("reporting:report", args=[report.pk]), form_data(report, t_active="-4")
    )
    assert response.status_code == 400
    assert not report.values.filter(computed=False).exists()


def test_outsider_gets_404(client, cycle):  # noqa: F811
    from lanhmanh.testing import make_agency, make_user, unit

    outsider = make_user("coordinator", make_agency(unit("42")))
    client.force_login(outsider)
    assert client.get(reverse("reporting:report", args=[the_report().pk])).status_code == 404


def test_compiled_report_downloads(client, cycle):  # noqa: F811
    from lanhmanh.reporting import actions
    from lanhmanh.reporting.actions import ValueInput

    plan, users = cycle
    report = the_report()
    actions.save_report(
        users["coordinator"],
        report,
        version=report.version,
        values={"t_active": ValueInput(Decimal(40)), "t_inspected": ValueInput(Decimal(13))},
        results="Kiểm tra 13 cơ sở kinh doanh dịch vụ.",
    )
    actions.submit_report(users["coordinator"], report, version=report.version)
    actions.approve_report(users["coordinator"], report)
    client.force_login(users["coordinator"])
    period = report.period
    docx = client.get(reverse("reporting:export", args=[period.pk, "docx"]))
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Kiểm tra 13 cơ sở kinh doanh dịch vụ." in text
    assert "32,5%" in cells  # 13 of 40
    xlsx = client.get(reverse("reporting:export", args=[period.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    numbers = [c.value for row in book.worksheets[1].iter_rows() for c in row]
    assert 13 in numbers and 40 in numbers
    assert client.get(reverse("reporting:export", args=[period.pk, "odt"])).status_code == 404
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_demo_half_year_report_from_the_command_line(tmp_path, django_user_model):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from lanhmanh.demo.replay import load_demo

    load_demo()
    out = tmp_path / "h1.docx"
    call_command("export_report", plan="118/KH-UBND", period="2026-H1", fmt="docx", out=str(out))
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "6 tháng đầu năm" in text
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("Ủy ban nhân dân phường Trường Vinh" in c for c in cells) or (
        "Ủy ban nhân dân phường Trường Vinh" in text
    )
    xlsx = tmp_path / "h1.xlsx"
    call_command("export_report", plan="118/KH-UBND", period="2026-H1", fmt="xlsx", out=str(xlsx))
    assert load_workbook(str(xlsx)).sheetnames
    pdf = tmp_path / "h1.pdf"
    call_command("export_report", plan="118/KH-UBND", period="2026-H1", fmt="pdf", out=str(pdf))
    from pypdf import PdfReader

    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
    assert "6 tháng đầu năm" in pdf_text and "Ủy ban nhân dân phường Trường Vinh" in pdf_text
    with pytest.raises(CommandError) as excinfo:
        call_command("export_report", plan="999/KH", period="2026-H1", fmt="docx", out=str(out))
    assert excinfo.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("export_report", plan="118/KH-UBND", period="2031", fmt="docx", out=str(out))


def test_home_lists_the_reports_waiting(client, cycle):  # noqa: F811
    _plan, users = cycle
    client.force_login(users["reporter"])
    page = client.get("/")
    due = list(page.context["due"])
    assert due and all(r.agency.name == "Ủy ban nhân dân phường Trường Vinh" for r in due)
    assert f"/reports/{due[0].pk}/" in page.content.decode()
    client.force_login(users["viewer"])
    assert not list(client.get("/").context["due"])


def test_report_pages_query_counts(client, cycle, django_assert_max_num_queries):  # noqa: F811
    _plan, users = cycle
    client.force_login(users["coordinator"])
    client.get(reverse("reporting:list"))
    # session, user, grants, own reports, periods (2), overdue and their count, rates…
    with django_assert_max_num_queries(12):
        client.get(reverse("reporting:list"))
    period = the_report().period
    # A fixed number whatever the count of units: session, user, grants, period, plan
    # scope, roll-up (with the registers' figures), reports, indicators, rate and table.
    # The people register's six indicators add seven (the share reads
    # two counts). The inspections' monthly tallies add one probe (any inspection after
    # the period's end in its month?). The figures no longer typed add eight: communes in
    # scope (one), units in scope (three), hotspots active, cleared and kept clear (three
    # more) and establishments harbouring (one); the activities register's twelve more;
    # the communes in scope as the denominator of a share of communes, one count.
    with django_assert_max_num_queries(60):
        response = client.get(reverse("reporting:period", args=[period.pk]))
    assert len(response.context["reports"]) == period.reports.count()


def test_attachments(client, cycle, settings, tmp_path):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lanhmanh.testing import make_agency, make_user, unit

    settings.MEDIA_ROOT = tmp_path
    _plan, users = cycle
    report = the_report()
    client.force_login(users["reporter"])
    url = reverse("reporting:attach", args=[report.pk])
    client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes")})
    client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    client.post(url, {"file": SimpleUploadedFile("empty.pdf", b"")})
    assert [a.name for a in report.attachments.all()] == ["bien-ban.pdf"]
    attachment = report.attachments.get()
    download = client.get(reverse("reporting:attachment", args=[report.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    client.force_login(make_user("coordinator", make_agency(unit("42"))))
    assert (
        client.get(reverse("reporting:attachment", args=[report.pk, attachment.pk])).status_code
        == 404
    )


def test_coordinator_sees_overdue_reports_and_rates_by_unit(client, cycle):  # noqa: F811
    _plan, users = cycle
    client.force_login(users["coordinator"])
    page = client.get(reverse("reporting:list"))
    overdue = list(page.context["overdue"])
    assert overdue and all(r.status in ("draft", "returned") for r in overdue)
    rows = {r["agency__name"]: r for r in page.context["by_agency"]}
    row = rows["Ủy ban nhân dân phường Trường Vinh"]
    assert row["expected"] >= 4 and row["submitted"] == 0  # Q1-Q3 and H1 are past due
    client.force_login(users["reporter"])
    assert not client.get(reverse("reporting:list")).context["overdue"]


def test_the_list_shows_the_first_overdue_reports_and_links_to_all(client, cycle, monkeypatch):  # noqa: F811
    from lanhmanh.reporting import queries

    _plan, users = cycle
    client.force_login(users["coordinator"])
    link = reverse("monitoring:reports", args=["missing"])
    monkeypatch.setattr(queries, "OVERDUE_SHOWN", 1000)
    whole = client.get(reverse("reporting:list"))
    overdue = whole.context["overdue"]
    assert len(overdue) > 20 and whole.context["overdue_count"] == len(overdue)
    assert link not in whole.text
    monkeypatch.undo()
    cut = client.get(reverse("reporting:list"))
    assert cut.context["overdue"] == overdue[:20]
    assert cut.context["overdue_count"] == len(overdue)
    assert link in cut.text and f"({len(overdue)})" in cut.text
    # The list behind the link holds the same reports.
    behind = client.get(link, {"page": 1})
    assert behind.context["page"].paginator.count == len(overdue)
    # Each period's counts are those of its reports.
    for period in whole.context["periods"]:
        reports = UnitReport.objects.filter(period=period)
        assert period.expected == reports.count()
        assert period.done == reports.filter(status__in=("submitted", "approved")).count()


def test_register_figures_are_prefilled_locked_and_rolled_up_once(client, cycle):  # noqa: F811
    import datetime

    from lanhmanh.inspections.actions import record_inspection
    from lanhmanh.inspections.models import Establishment
    from lanhmanh.places.models import Level
    from lanhmanh.reporting.queries import rollup
    from lanhmanh.testing import make_agency, unit

    plan, users = cycle
    target = plan.targets.get(kind="percent", op="ge", value=30)
    target.indicator_code = "establishments_inspected_pct"
    target.save()
    commune = unit("16690", Level.COMMUNE)
    team = make_agency(unit("40"), "inspection_team", name="Đội 178 (thử)")
    venues = [
        Establishment.objects.create(kind="karaoke", name=f"Quán {i}", commune=commune)
        for i in range(4)
    ]
    record_inspection(
        None,
        establishment=venues[0],
        team=team,
        inspected_on=datetime.date(2026, 3, 3),
        kind="periodic",
    )
    report = the_report()
    client.force_login(users["reporter"])
    page = client.get(reverse("reporting:report", args=[report.pk]))
    # Shown from the register, never an input, and not stored: a GET writes nothing.
    assert "value_establishments_inspected" not in page.context["form"].fields
    shown = {row[0].code: row[1] for row in page.context["register_rows"]}
    assert shown["establishments_inspected"] == 1
    assert not report.values.exists()
    # A typed value for a register's indicator is ignored.
    client.post(
        reverse("reporting:report", args=[report.pk]),
        form_data(report, establishments_inspected="40"),
    )
    assert report.values.get(indicator__code="establishments_inspected").value == 1
    active = report.values.get(indicator__code="establishments_active")
    assert active.computed and active.value == 4  # stored when the report was saved
    values = rollup(report.period)
    assert values["establishments_active"] == 4  # the province once, not once per unit
    assert values["establishments_inspected_pct"] == 25


def test_the_coordinators_figures_are_kept_until_a_report_comes_in(client, cycle, settings):  # noqa: F811
    from django.core.cache import caches

    settings.LANHMANH_FIGURES_CACHE_SECONDS = 600
    caches["figures"].clear()
    _plan, users = cycle
    report = the_report()
    assert report.status == ReportStatus.DRAFT  # overdue: H1's deadline has passed
    client.force_login(users["coordinator"])
    before = client.get(reverse("reporting:list")).context["overdue_count"]
    assert client.get(reverse("reporting:list")).context["overdue_count"] == before
    reporter = type(client)()
    reporter.force_login(users["reporter"])
    response = reporter.post(
        reverse("reporting:report", args=[report.pk]),
        form_data(report, t_active="20", t_inspected="5") | {"submit": "1"},
    )
    assert response.status_code == 302
    assert client.get(reverse("reporting:list")).context["overdue_count"] == before - 1
    caches["figures"].clear()
