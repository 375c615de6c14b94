"""A commune reports its half-year figures, the coordinator returns the report with a
comment, the commune corrects and resubmits, the coordinator approves: the target's
progress on the plan page moves, and the compiled Word report carries the new value."""

import datetime
import re

from docx import Document
from playwright.sync_api import expect

from lanhmanh.activities import actions as activity_actions
from lanhmanh.activities.models import Activity
from lanhmanh.demo.loader import DEMO_PASSWORD
from lanhmanh.reporting.models import UnitReport
from tests.browser.two_factor import enter_code_if_needed

TARGET = "Tổ chức 06 hội nghị"


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)
    expect(page).to_have_url(f"{base}/")


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def test_half_year_report_round_trip(quiet_demo_site, page, screenshot):
    base = quiet_demo_site.url
    report = UnitReport.objects.get(
        period__plan__number="118/KH-UBND",
        period__key="2026-H1",
        agency__name="Ủy ban nhân dân phường Trường Vinh",
    )
    plan_url = f"{base}/plans/{report.period.plan_id}/"
    report_url = f"{base}/reports/{report.pk}/"

    # The ward held six courses (recorded earlier); its officer records a seventh on the
    # web. The report counts them from the register: the figure is locked.
    for n in range(6):
        activity_actions.create_activity(
            None,
            kind="training",
            title=f"Hội nghị tập huấn cán bộ cơ sở đợt {n + 1}",
            held_on=datetime.date(2026, 2, 2 + n),
            unit=report.agency.jurisdiction,
            organiser=report.agency,
            participants=40,
        )
    log_in(page, base, "reporter")
    page.goto(f"{base}/activities/new/")
    page.locator("#id_kind").select_option("training")
    page.locator("#id_title").fill("Hội nghị tập huấn cán bộ cơ sở đợt 6 (bổ sung)")
    page.locator("#id_held_on").fill("2026-03-20")
    page.locator("#id_participants").fill("35")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Hội nghị tập huấn cán bộ cơ sở đợt 6 (bổ sung)")
    extra = Activity.objects.get(title__endswith="(bổ sung)")
    page.goto(f"{base}/reports/")
    page.locator(f"a[href='/reports/{report.pk}/']").click()
    # From the register: a row to read, never an input.
    expect(page.locator("#id_value_training_courses_held")).to_have_count(0)
    courses = page.locator("tr.from-register", has_text="Số lớp tập huấn")
    expect(courses.locator("td").nth(1)).to_have_text("7")
    page.locator("#id_results").fill("Tổ chức 7 hội nghị tập huấn cho cán bộ cơ sở.")
    screenshot(page, "20-report-form", full_page=False)
    page.locator("button[name=submit]").click()
    expect(page.locator(".badge.report-submitted").first).to_be_visible()
    log_out(page)

    log_in(page, base, "coordinator")
    # The coordinator's list: periods with their counts, overdue reports, rates by unit.
    page.goto(f"{base}/reports/")
    expect(page.locator("#overdue-h")).to_be_visible()
    expect(page.locator("#periods-h")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"Tất cả \d+ báo cáo quá hạn"))).to_be_visible()
    expect(page.locator("th", has_text="Đã gửi")).to_be_visible()
    screenshot(page, "18-reports-coordinator")
    page.goto(plan_url)
    row = page.locator("tr", has_text=TARGET)
    expect(row.locator(".progress-met")).to_have_count(0)
    page.goto(report_url)
    # A register's figure is locked and links to the records behind it (for a reader of
    # the register: the coordinator here).
    records = page.locator("a.records-link").first
    expect(records).to_have_attribute("href", re.compile(r"area=\d+&from=2026-01-01&to=2026-06-30"))
    screenshot(page, "19-report-review", full_page=False)
    page.locator("#id_comment").fill("Số hội nghị chưa khớp với kế hoạch, đề nghị kiểm tra lại.")
    page.locator("form[action$='/return/'] button").click()
    expect(page.locator(".badge.report-returned").first).to_be_visible()
    log_out(page)

    log_in(page, base, "reporter")
    page.goto(report_url)
    expect(page.get_by_text("Số hội nghị chưa khớp").first).to_be_visible()
    # The sixth course was recorded twice: the officer corrects the register (it was a
    # talk), and the report's figure follows.
    page.goto(f"{base}/activities/{extra.pk}/edit/")
    page.locator("#id_kind").select_option("talk")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("ul.messages")).to_be_visible()
    page.goto(report_url)
    page.locator("button[name=submit]").click()
    expect(page.locator(".badge.report-submitted").first).to_be_visible()
    log_out(page)

    log_in(page, base, "coordinator")
    page.goto(report_url)
    page.locator("form[action$='/approve/'] button").click()
    expect(page.locator(".badge.report-approved").first).to_be_visible()
    page.goto(plan_url)
    row = page.locator("tr", has_text=TARGET)
    expect(row.locator(".progress-met")).to_contain_text("6")
    screenshot(page, "21-plan-progress")

    page.goto(f"{base}/reports/plans/{report.period.plan_id}/units/?agency={report.agency_id}")
    row = page.locator("tr", has_text=TARGET)
    expect(row.locator("td").nth(2)).to_contain_text("6")
    screenshot(page, "22-progress-by-unit")

    page.goto(f"{base}/reports/periods/{report.period_id}/")
    with page.expect_download() as download_info:
        page.locator("a[href$='export.docx']").click()
    document = Document(str(download_info.value.path()))
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    target_row = next(r for r in rows if any(TARGET in c for c in r))
    # the figure, with its period and completeness beneath it
    assert any(cell.split("\n")[0] == "6" for cell in target_row), target_row

    # Who reports what: the coordinator gives the Department of Health the media's
    # indicator; the rules' proposal stays marked.
    from lanhmanh.agencies.models import Agency

    health = Agency.objects.get(name="Sở Y tế tỉnh Nghệ An")
    page.goto(plan_url)
    page.locator(f"a[href='/reports/plans/{report.period.plan_id}/indicators/']").click()
    box = page.locator(f"input[name=cell][value='{health.pk}:media_items']")
    expect(box).not_to_be_checked()
    box.check()
    page.locator("#assignments button[type=submit]").click()
    box = page.locator(f"input[name=cell][value='{health.pk}:media_items']")
    expect(box).to_be_checked()
    expect(page.locator("td.changed").first).to_be_visible()
    screenshot(page, "23-who-reports-what", full_page=False)
