"""Tasks tracked: the coordinator sees each lead agency's status on the plan page (late
ones marked); a commune's reporting officer, on a phone, marks her task done from
"My duties"; the plan page then says so. A 2024 plan imported is kept as history, its
district duty shown with today's communes."""

import os
import re

from playwright.sync_api import expect

from tests.browser.test_identities import login, logout, no_overflow

SEED = "001_b23892a0df21ecaf.txt"  # Nghệ An, 2024


def _demo_plan_url(base):
    from lanhmanh.plans.models import Plan

    plan = Plan.objects.get(source_filename="ke-hoach-tinh-2026.docx")
    return f"{base}/plans/{plan.pk}/"


def test_task_statuses_and_an_update_on_a_phone(demo_site, page, phone, screenshot):
    base = demo_site.url
    plan_url = _demo_plan_url(base)
    login(page, base, "coordinator")
    page.goto(plan_url)
    tasks = page.locator("#tasks-h").locator("xpath=..")
    expect(tasks.locator(".task-late").first).to_be_visible()
    expect(tasks.locator(".task-done").first).to_be_visible()
    expect(tasks.locator(".task-in_progress").first).to_be_visible()
    tasks.scroll_into_view_if_needed()
    screenshot(page, "90-plan-task-statuses")
    page.goto(f"{base}/monitoring/")
    expect(page.locator(".late-tasks li").first).to_be_visible()
    page.locator("#late-tasks-h").scroll_into_view_if_needed()
    screenshot(page, "91-dashboard-late-tasks", full_page=False)
    logout(page)

    login(phone, base, "reporter")
    phone.goto(f"{base}/plans/mine/")
    expect(phone.get_by_text("Tình trạng và kết quả").first).to_be_visible()
    no_overflow(phone)
    screenshot(phone, "92-my-duties-tasks-390")
    phone.get_by_text("Tình trạng và kết quả").first.click()
    expect(phone).to_have_url(re.compile(r"/plans/progress/task/\d+/\d+/$"))
    phone.locator("#id_status").select_option("done")
    phone.locator("#id_result").fill("Đã phát 48 tin, bài trên hệ thống truyền thanh")
    phone.locator("#id_evidence").fill("Báo cáo số 21/BC-UBND ngày 30/11")
    no_overflow(phone)
    screenshot(phone, "93-task-update-390")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("#task-status")).to_have_text("hoàn thành")
    expect(phone.get_by_text("Đã phát 48 tin, bài").first).to_be_visible()
    no_overflow(phone)
    screenshot(phone, "94-task-done-390")

    phone.goto(plan_url)
    expect(phone.get_by_text("Đã phát 48 tin, bài").first).to_be_visible()
    no_overflow(phone)
    screenshot(phone, "95-plan-tasks-390")


def test_a_commune_updates_a_duty_to_every_commune_on_a_phone(demo_site, phone, screenshot):
    """ "UBND các xã, phường": the plan page counts the communes; the reporting officer of
    one marks her commune's line done on a phone; the count moves."""
    base = demo_site.url
    plan_url = _demo_plan_url(base)
    login(phone, base, "reporter")
    phone.goto(plan_url)
    summary = phone.locator("details.duty .kind-duty-summary").first
    summary.locator("xpath=ancestor::details").locator("summary").click()
    expect(summary).to_contain_text("0/")
    before = summary.inner_text()
    no_overflow(phone)
    summary.scroll_into_view_if_needed()
    screenshot(phone, "98-kind-duty-summary-390", full_page=False)

    phone.goto(f"{base}/plans/mine/")
    phone.locator("a[href*='/plans/progress/duty/']").first.click()
    expect(phone).to_have_url(re.compile(r"/plans/progress/duty/\d+/\d+/$"))
    phone.locator("#id_status").select_option("done")
    phone.locator("#id_result").fill("Đã ban hành kế hoạch, tổ chức 04 buổi tuyên truyền")
    no_overflow(phone)
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("#task-status")).to_have_text("hoàn thành")

    phone.goto(plan_url)
    summary = phone.locator("details.duty .kind-duty-summary").first
    summary.locator("xpath=ancestor::details").locator("summary").click()
    expect(summary).to_contain_text("1/")
    assert summary.inner_text() != before
    summary.locator("a").click()
    expect(phone).to_have_url(re.compile(r"/plans/duty/\d+/agencies/$"))
    phone.locator("#id_status").select_option("done")
    phone.locator("main form.filters button[type=submit]").click()
    expect(phone.locator("tr.duty-agency")).to_have_count(1)
    expect(phone.get_by_text("04 buổi tuyên truyền")).to_be_visible()
    no_overflow(phone)
    screenshot(phone, "99-kind-duty-agencies-390")


def test_a_2024_plan_is_kept_as_history(demo_site, page, screenshot, shared_dir):
    base = demo_site.url
    login(page, base, "coordinator")
    page.goto(f"{base}/plans/import/")
    page.locator("#id_file").set_input_files(os.path.join(shared_dir, "seeds", SEED))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/review/$"))
    expect(page.locator("input[name=keep_as][value=history]")).to_be_checked()
    create = page.locator("input[name=create_missing]")
    if create.count():
        create.check()
    page.locator(".keep-as").scroll_into_view_if_needed()
    screenshot(page, "96-confirm-as-history", full_page=False)
    page.locator("button[name=confirm]").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))
    expect(page.locator(".status-closed")).to_be_visible()
    duty = page.locator("details.duty", has_text="Ủy ban nhân dân các huyện")
    duty.locator("summary").click()
    expect(duty.locator(".district-map li", has_text="Thành phố Vinh (nay:")).to_be_visible()
    duty.scroll_into_view_if_needed()
    screenshot(page, "97-district-duty-successors", full_page=False)
