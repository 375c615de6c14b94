"""A ward's reporting officer records a training course on the web, on a desk and on a
phone; it shows in the activities list, and the ward's report takes the count of courses
from the register (locked, linked to the list behind it)."""

import datetime

from playwright.sync_api import expect

from lanhmanh.activities.models import Activity
from tests.browser.test_reporting import log_in, log_out

TITLE = "Lớp tập huấn kỹ năng cho cán bộ phường"


def _record(page, base, title, participants):
    page.goto(f"{base}/activities/new/")
    page.locator("#id_kind").select_option("training")
    page.locator("#id_title").fill(title)
    page.locator("#id_held_on").fill("2026-03-12")
    page.locator("#id_audience").select_option("officials")
    page.locator("#id_participants").fill(str(participants))
    page.locator("#id_women").fill("20")
    page.locator("#id_men").fill("35")  # more than the participants: refused by field
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_men_error, #id_women_error").first).to_be_visible()
    page.locator("#id_men").fill(str(participants - 20))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)


def test_record_an_activity_and_see_it_in_the_list(quiet_demo_site, page, phone, screenshot):
    base = quiet_demo_site.url
    before = Activity.objects.count()
    log_in(page, base, "reporter")
    page.get_by_role("link", name="Hoạt động", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Hoạt động")
    _record(page, base, TITLE, 45)
    screenshot(page, "40-activity-recorded")
    page.goto(f"{base}/activities/?kind=training")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    screenshot(page, "41-activities-list")
    log_out(page)

    log_in(phone, base, "reporter")
    _record(phone, base, f"{TITLE} (đợt 2)", 30)
    screenshot(phone, "42-activity-phone")
    phone.goto(f"{base}/activities/?kind=training")
    expect(phone.get_by_role("link", name=f"{TITLE} (đợt 2)")).to_be_visible()
    screenshot(phone, "43-activities-list-phone")
    assert Activity.objects.count() == before + 2
    mine = Activity.objects.filter(title__startswith=TITLE)
    assert {a.unit.name for a in mine} == {"Phường Trường Vinh"}
    assert {a.held_on for a in mine} == {datetime.date(2026, 3, 12)}
