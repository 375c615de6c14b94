"""Browser tests: Playwright driving Debian's Chromium against a live server.

Screenshots go to var/screenshots/ (not committed) so that people can look at them.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("LANHMANH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# fixtures happen between browser steps, never concurrently with them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _timeouts(page):
    """15 s for what a page shows; 30 s to load a page, as the suite runs one worker per
    core and another worker may be loading the demo beside this live server."""
    page.set_default_timeout(15000)
    page.set_default_navigation_timeout(30000)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    page = context.new_page()
    _timeouts(page)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    page = context.new_page()
    _timeouts(page)
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The live server with units and the demo loaded (transactional tests see it)."""
    from lanhmanh.demo.replay import load_demo

    load_demo()
    return live_server


@pytest.fixture
def quiet_demo_site(live_server, transactional_db):
    """The demo with its plans but before any unit has reported."""
    from lanhmanh.demo.replay import load_demo

    load_demo(with_reports=False)
    return live_server


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name, full_page=True):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
