"""The coordinator's and the leader's dashboards and the map on the demo, offline: every
request stays on the site (no CDN, no tile), nothing is refused by the CSP, and the
leader's dashboard fits one screen and one printed A4 page."""

from urllib.parse import urlparse

from playwright.sync_api import expect

from lanhmanh.demo.loader import DEMO_PASSWORD
from tests.browser.two_factor import enter_code_if_needed

A4_HEIGHT_PX = 1123  # 297 mm at 96 dpi


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)
    expect(page).to_have_url(f"{base}/")


def watch(page, base):
    """Requests leaving the site and console errors (a CSP refusal is one)."""
    seen = {"foreign": [], "errors": []}
    host = urlparse(base).netloc
    page.on(
        "request",
        lambda r: (
            seen["foreign"].append(r.url)
            if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:")
            else None
        ),
    )
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    return seen


def test_coordinator_dashboard_and_drill_down(demo_site, page, screenshot):
    base = demo_site.url
    seen = watch(page, base)
    log_in(page, base, "coordinator")
    page.locator("#main-nav a[href='/monitoring/']").click()
    expect(page.locator("h1")).to_contain_text("Nghệ An")
    expect(page.locator("table.targets").first).to_be_visible()
    expect(page.locator("table.units")).to_be_visible()
    screenshot(page, "70-dashboard-coordinator")
    # Drill down: the figure's number opens the register list with as many records.
    figure = page.locator("[data-figure=establishments_inspected] a")
    value = int(figure.inner_text().replace(".", ""))
    figure.click()
    assert "/establishments/" in page.url and "inspected_from=" in page.url
    expect(page.locator("p[role=status]").first).to_contain_text(str(value))
    assert seen["foreign"] == []
    assert [e for e in seen["errors"] if "Content Security Policy" in e] == []


def test_leader_dashboard_fits_one_screen_and_one_page(demo_site, page, screenshot):
    base = demo_site.url
    seen = watch(page, base)
    log_in(page, base, "viewer")
    page.goto(f"{base}/monitoring/")
    expect(page.locator(".dash-leader")).to_be_visible()
    screenshot(page, "71-dashboard-leader", full_page=False)
    # The nine figures (people reached, open cases, communes lành mạnh among them) and
    # the targets, all within the 1280×800 screen: no scrolling.
    for key in ("people_reached", "open_cases", "communes_healthy", "tips_overdue"):
        expect(page.locator(f"[data-figure={key}]")).to_be_visible()
    height = page.evaluate("document.querySelector('main').getBoundingClientRect().bottom")
    assert height <= page.viewport_size["height"] == 800, height
    assert page.evaluate("document.documentElement.scrollHeight") <= 800 + footer_height(page)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": A4_HEIGHT_PX})
    screenshot(page, "72-dashboard-leader-print")
    printed = page.evaluate("document.body.scrollHeight")
    assert printed <= A4_HEIGHT_PX, printed
    assert seen["foreign"] == []


def footer_height(page) -> float:
    return page.evaluate("document.querySelector('footer').getBoundingClientRect().height")


def test_map_and_trend(demo_site, page, phone, screenshot):
    base = demo_site.url
    seen = watch(page, base)
    log_in(page, base, "coordinator")
    page.goto(f"{base}/monitoring/map/?measure=inspection_coverage")
    expect(page.locator(".map-box svg")).to_be_visible()
    assert page.locator(".map-box svg rect").count() == 34
    expect(page.locator("table.ranked tbody tr").first).to_be_visible()
    screenshot(page, "73-map")
    page.goto(f"{base}/monitoring/trend/tips_received/")
    expect(page.locator(".chart-box svg")).to_be_visible()
    screenshot(page, "74-trend")
    page.goto(f"{base}/monitoring/")
    page.locator("a.target-text").first.click()
    expect(page.locator(".chart-box svg").first).to_be_visible()
    screenshot(page, "76-target")
    assert seen["foreign"] == []
    assert [e for e in seen["errors"] if "Content Security Policy" in e] == []

    log_in(phone, base, "viewer")
    phone.goto(f"{base}/monitoring/")
    screenshot(phone, "75-dashboard-leader-phone", full_page=False)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, width


def test_targets_say_how_many_units_reported_on_a_screen_and_a_phone(
    demo_site, page, phone, screenshot
):
    base = demo_site.url
    for name, viewer in (("73-dashboard-targets-1280", page), ("74-dashboard-targets-390", phone)):
        log_in(viewer, base, "coordinator")
        viewer.goto(f"{base}/monitoring/")
        notes = viewer.locator("table.targets [data-note]")
        expect(notes.first).to_be_visible()
        assert any("đơn vị đã báo cáo" in text for text in notes.all_inner_texts())
        viewer.locator("table.targets").first.scroll_into_view_if_needed()
        screenshot(viewer, name, full_page=False)
        # Nothing wider than the screen but the tables' own scrolling box.
        width = viewer.evaluate("document.documentElement.scrollWidth")
        assert width <= viewer.viewport_size["width"], width
