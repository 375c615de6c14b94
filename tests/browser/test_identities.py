"""Who sees who a person is, walked in the browser (issue 19): the police keep the identity
they recorded on their decision and refer the person; the case team accepts the referral
into its case; a coordinator of the area reads the identity only by break-glass, with a
reason in real words, and finds the read in the review. The names are invented."""

import datetime

import pytest
from playwright.sync_api import expect

from lanhmanh.audit.models import AccessLog
from lanhmanh.demo.loader import DEMO_PASSWORD
from lanhmanh.sanctions.models import Referral, ReferralStatus
from tests.browser.two_factor import enter_code_if_needed

SANCTIONED = "Hà Thị Thử Nghiệm"
SUPPORTED = "Lò Thị Giả Định"


@pytest.fixture
def identities_site(live_server, transactional_db):
    """The demo's agencies and users; a case of the Women's Union's case worker and a
    decision of the provincial police against an individual."""
    from django.contrib.auth import get_user_model

    from lanhmanh.agencies.models import Agency
    from lanhmanh.demo.replay import load_demo
    from lanhmanh.people import actions as people_actions
    from lanhmanh.people.models import Group
    from lanhmanh.places.models import AdministrativeUnit, Level
    from lanhmanh.sanctions.tests.factories import make_sanction

    load_demo(with_plans=False)
    users = get_user_model().objects
    commune = AdministrativeUnit.objects.current().get(
        level=Level.COMMUNE, name="Phường Trường Vinh"
    )
    case = people_actions.intake(
        users.get(username="caseworker"),
        commune=commune,
        groups=[Group.SELLS_SEX],
        full_name=SUPPORTED,
        id_number="000123456789",
        birth_date="1999",
    )
    police = users.get(username="police")
    day = datetime.date.today() - datetime.timedelta(days=3)
    sanction = make_sanction(
        police,
        commune,
        Agency.objects.get(memberships__user=police),
        full_name=SANCTIONED,
        id_number="000987654321",
        violated_on=day,
        decided_on=day,
    )
    return live_server, case, sanction


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()


def no_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width


def test_identities_stay_with_those_who_recorded_them(identities_site, page, phone, screenshot):
    server, case, sanction = identities_site
    base = server.url

    # The police read the identity on their own decision, and refer the person.
    login(page, base, "police")
    page.goto(f"{base}/sanctions/{sanction.pk}/")
    expect(page.locator("main")).to_contain_text(SANCTIONED)
    page.locator("#id_to_agency").select_option(label="Hội Liên hiệp Phụ nữ tỉnh Nghệ An")
    screenshot(page, "80-sanction-identity-and-referral")
    page.locator("#id_to_agency").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.PENDING
    # The support register is no door for the police: no menu entry, no person page.
    page.goto(f"{base}/people/cases/{case.pk}/")
    assert SUPPORTED not in page.content()
    logout(page)

    # The case worker answers on a phone: the referred identity, accepted into her case.
    login(phone, base, "caseworker")
    phone.goto(f"{base}/people/")
    phone.get_by_role("link", name="Người do công an chuyển gửi").click()
    phone.locator(f"a[href$='/sanctions/referrals/{referral.pk}/']").click()
    expect(phone.locator("main")).to_contain_text(SANCTIONED)
    phone.locator("input[name=answer][value=accept]").check()
    phone.locator("#id_case").select_option(str(case.pk))
    screenshot(phone, "81-referral-answer-390")
    no_overflow(phone)
    phone.locator("main form[method=post] button[type=submit]").last.click()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    logout(phone)

    # The coordinator of the area is not on the team: codes and facts, then break-glass.
    login(page, base, "coordinator")
    page.goto(f"{base}/people/cases/{case.pk}/")
    assert SUPPORTED not in page.locator("main").inner_text()
    page.locator("#id_reason").fill("aaaaaaaaaa")
    page.get_by_role("button", name="Xem thông tin nhân thân").click()
    expect(page.locator("main")).to_contain_text("lý do")
    assert SUPPORTED not in page.locator("main").inner_text()
    assert not AccessLog.objects.filter(actor__username="coordinator").exists()
    page.locator("#id_reason").fill("Xác minh hồ sơ theo yêu cầu của Ban chỉ đạo tỉnh")
    page.get_by_role("button", name="Xem thông tin nhân thân").click()
    expect(page.locator("main")).to_contain_text(SUPPORTED)
    screenshot(page, "82-break-glass")
    page.goto(f"{base}/people/access-review/")
    expect(page.locator("main")).to_contain_text("Xác minh hồ sơ theo yêu cầu")
    expect(page.locator("main")).to_contain_text(case.person.code)
    screenshot(page, "83-break-glass-review")
    read = AccessLog.objects.get(actor__username="coordinator")
    assert read.subject == case.person.code and read.access == AccessLog.Access.BREAK_GLASS
