"""A coordinator imports a real plan, corrects a target, confirms; a commune reporter
then finds the plan's duties for communes under "My duties"."""

import os
import re

from playwright.sync_api import expect

from lanhmanh.demo.loader import DEMO_PASSWORD
from tests.browser.two_factor import enter_code_if_needed

SEED = "001_b23892a0df21ecaf.txt"  # Nghệ An, 2024


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)
    expect(page).to_have_url(f"{base}/")


def test_import_review_confirm_and_my_duties(demo_site, page, screenshot, shared_dir):
    base = demo_site.url
    log_in(page, base, "coordinator")
    page.goto(f"{base}/plans/import/")
    screenshot(page, "10-plan-import")
    page.locator("#id_file").set_input_files(os.path.join(shared_dir, "seeds", SEED))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/review/$"))
    expect(page.locator("mark.mark-t").first).to_be_visible()
    screenshot(page, "11-plan-review", full_page=False)

    first_value = page.locator("#id_targets-0-value")
    first_value.fill("75")
    create = page.locator("input[name=create_missing]")
    if create.count():
        create.check()
    page.locator("button[name=confirm]").click()
    expect(page).to_have_url(re.compile(r"/plans/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nghệ An")
    expect(page.get_by_text("Công an tỉnh Nghệ An").first).to_be_visible()
    expect(page.locator("table").first).to_contain_text("75")
    screenshot(page, "12-plan-detail")

    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, base, "reporter")
    page.goto(f"{base}/plans/mine/")
    expect(page.get_by_role("heading", level=3).first).to_contain_text("Ủy ban nhân dân các")
    screenshot(page, "13-my-duties-reporter")
