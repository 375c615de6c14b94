"""A citizen sends a tip on the public form and gets a reference; the police officer
assigns, verifies and closes it; the citizen's status page then says "handled" and
shows nothing else of the tip."""

import re

from playwright.sync_api import expect

from lanhmanh.demo.loader import DEMO_PASSWORD
from lanhmanh.tips.models import Tip

CONTENT = "Quán karaoke trên đường Lê Lợi có dấu hiệu môi giới mại dâm vào buổi tối."


def test_public_tip_handled_by_the_police(quiet_demo_site, page, screenshot):
    base = quiet_demo_site.url
    page.goto(f"{base}/tips/report/")
    page.locator("#id_province").select_option(label="Tỉnh Nghệ An")
    page.locator("main form button[type=submit]").click()
    page.locator("#id_commune").select_option(label="Phường Trường Vinh")
    page.locator("#id_content").fill(CONTENT)
    screenshot(page, "30-public-tip", full_page=False)
    page.locator("main form[method=post] button[type=submit]").click()
    code = page.locator(".reference code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{10}", code)
    tip = Tip.objects.get(reference=code)

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("police")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/tips/{tip.pk}/")
    expect(page.get_by_text(CONTENT)).to_be_visible()
    page.locator("form[action$='/assign/'] select").select_option(label="Công an tỉnh Nghệ An")
    page.locator("form[action$='/assign/'] button").click()
    page.locator("form[action$='/verify/'] button").click()
    page.locator("form[action$='/close/'] select").select_option("administrative")
    page.locator("form[action$='/close/'] textarea").fill("Đã chuyển Đội 178 kiểm tra, xử phạt.")
    page.locator("form[action$='/close/'] button").click()
    screenshot(page, "31-tip-closed")
    page.get_by_role("button", name="Đăng xuất").click()

    page.goto(f"{base}/tips/status/")
    page.locator("#id_code").fill(code)
    page.locator("main form button[type=submit]").click()
    status = page.locator("[role=status]").first
    expect(status).to_contain_text("Đã xử lý")
    body = page.locator("main").inner_text()
    assert CONTENT not in body and "Trường Vinh" not in body
    screenshot(page, "32-tip-status")
