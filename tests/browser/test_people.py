"""A case worker walks a person through intake, consent, a referral that the provider
(the Department of Health) accepts, a follow-up and closure. The names are invented."""

import datetime

import pytest
from playwright.sync_api import expect

from lanhmanh.audit.models import AccessLog
from lanhmanh.demo.loader import DEMO_PASSWORD
from lanhmanh.people.models import Case, ServiceStatus
from tests.browser.two_factor import enter_code_if_needed

NAME = "Lò Thị Giả Định"


@pytest.fixture
def people_site(live_server, transactional_db):
    """Agencies and users of the demo, without plans or registers."""
    from lanhmanh.demo.replay import load_demo

    load_demo(with_plans=False)
    return live_server


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)


def submit(page):
    page.locator("main form[method=post] button[type=submit]").last.click()


def test_case_worker_walks_a_case_from_intake_to_closure(people_site, page, screenshot):
    base = people_site.url
    today = datetime.date.today().isoformat()
    login(page, base, "caseworker")
    page.goto(f"{base}/people/")
    page.locator("a[href$='/people/new/']").click()
    page.locator("#id_full_name").fill(NAME)
    page.locator("#id_id_number").fill("000123456789")
    page.locator("#id_birth_date").fill("1999")
    page.locator("#id_phone").fill("0900 000 999")
    page.locator("#id_commune").select_option(label="Phường Trường Vinh")
    page.locator("input[name=groups][value=sells_sex]").check()
    screenshot(page, "60-people-intake")
    submit(page)

    # Straight to the consent form: nothing can be recorded without it.
    case = Case.objects.get()
    code = case.person.code
    expect(page.locator("main")).to_contain_text(code)
    page.locator("#id_purpose").select_option("case_management")
    page.locator("#id_given_on").fill(today)
    page.locator("#id_method").select_option("written")
    submit(page)
    expect(page.locator("main")).to_contain_text(NAME)  # the team sees the identity

    page.goto(f"{base}/people/cases/{case.pk}/consent/")
    page.locator("#id_purpose").select_option("referral")
    page.locator("#id_agency").select_option(label="Sở Y tế tỉnh Nghệ An")
    page.locator("#id_given_on").fill(today)
    page.locator("#id_method").select_option("verbal")
    page.locator("#id_witness").fill("Cán bộ Hội Phụ nữ phường")
    submit(page)

    page.goto(f"{base}/people/cases/{case.pk}/service/")
    page.locator("#id_kind").select_option("hiv_sti")
    page.locator("#id_provider").select_option(label="Sở Y tế tỉnh Nghệ An")
    submit(page)
    service = case.services.get()
    assert service.status == ServiceStatus.REFERRED
    screenshot(page, "61-people-referred")
    page.get_by_role("button", name="Đăng xuất").click()

    # The provider (a user of the Department of Health) accepts, seeing only the code.
    login(page, base, "coordinator")
    page.goto(f"{base}/people/referrals/")
    expect(page.locator("main")).to_contain_text(code)
    assert NAME not in page.locator("main").inner_text()
    page.locator(f"a[href$='/people/referrals/{service.pk}/answer/']").click()
    page.locator("input[name=answer][value=accept]").check()
    submit(page)
    service.refresh_from_db()
    assert service.status == ServiceStatus.ACCEPTED
    screenshot(page, "62-people-provider-accepted")
    page.get_by_role("button", name="Đăng xuất").click()

    login(page, base, "caseworker")
    page.goto(f"{base}/people/cases/{case.pk}/follow-up/")
    page.locator("#id_due_on").fill(today)
    page.locator("#id_note").fill("Hẹn gặp sau khi khám.")
    submit(page)
    follow_up = case.follow_ups.get()
    page.locator(f"a[href$='/follow-up/{follow_up.pk}/done/']").click()
    page.locator("#id_done_on").fill(today)
    submit(page)
    page.locator(f"a[href$='/people/cases/{case.pk}/close/']").click()
    page.locator("#id_outcome").select_option("reintegrated")
    page.locator("#id_closed_on").fill(today)
    submit(page)
    case.refresh_from_db()
    assert case.status == "closed" and case.outcome == "reintegrated"
    follow_up.refresh_from_db()
    assert follow_up.done_on is not None
    screenshot(page, "63-people-closed")
    # Every page that showed the identity wrote a line; the provider's pages none.
    assert AccessLog.objects.filter(subject=code, actor__username="caseworker").exists()
    assert not AccessLog.objects.filter(actor__username="coordinator").exists()
