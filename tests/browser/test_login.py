"""A coordinator logs in, sees the home page in Vietnamese, switches to English, logs out."""

import re

from playwright.sync_api import expect

from lanhmanh.demo.loader import DEMO_PASSWORD
from tests.browser.two_factor import enter_code_if_needed


def log_in(page, base, username):
    page.goto(f"{base}/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)


def test_coordinator_logs_in_switches_language_and_logs_out(demo_site, page, screenshot):
    base = demo_site.url
    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    screenshot(page, "01-login-vi")

    log_in(page, base, "coordinator")
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    expect(page.get_by_text("Sở Y tế tỉnh Nghệ An").first).to_be_visible()
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Cơ quan", exact=True)).to_be_visible()
    screenshot(page, "02-home-vi")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    expect(page.get_by_role("navigation").get_by_role("link", name="Agencies")).to_be_visible()
    screenshot(page, "03-home-en")

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    screenshot(page, "04-logged-out")


def test_keyboard_only_login(demo_site, page):
    """The login form starts focused, Tab moves on, Enter submits: no mouse needed."""
    page.goto(f"{demo_site.url}/accounts/login/")
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()
    page.keyboard.type("viewer")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mật khẩu")).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{demo_site.url}/")
    # On other pages the first Tab reaches the skip link, which jumps to the content.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_pages_on_a_phone(demo_site, phone, screenshot):
    log_in(phone, demo_site.url, "coordinator")
    expect(phone).to_have_url(f"{demo_site.url}/")
    menu = phone.get_by_role("button", name="Menu")
    nav = phone.get_by_role("navigation", name="Điều hướng chính")
    expect(nav).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Đơn vị hành chính", exact=True).click()
    phone.get_by_label("Tên hoặc mã").fill("nghe an")
    phone.get_by_role("button", name="Tìm kiếm").click()
    expect(phone.get_by_role("link", name="Tỉnh Nghệ An")).to_be_visible()
    # Nothing wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "05-units-phone")
