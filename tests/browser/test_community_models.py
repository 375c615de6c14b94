"""The province's coordinator opens the community models on a desk and on a phone,
narrows the list to clubs, opens one, attaches its founding decision and finds it on the
model's page; the list's download is the filtered list."""

import io
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import expect

from lanhmanh.activities.models import CommunityModel
from tests.browser.test_reporting import log_in, log_out


def _open_a_club(page, base):
    page.goto(f"{base}/activities/models/?kind=club")
    expect(page.locator("h1")).to_have_text("Mô hình")
    club = CommunityModel.objects.filter(kind="club").order_by("-started_on", "-pk").first()
    page.get_by_role("link", name=club.name).click()
    expect(page.locator("h1")).to_have_text(club.name)
    return club


def test_community_models_list_detail_and_a_document(quiet_demo_site, page, phone, screenshot):
    from lanhmanh.activities.demo import load_demo_activities

    load_demo_activities()  # the quiet demo has no registers of its own
    base = quiet_demo_site.url
    log_in(page, base, "coordinator")
    page.goto(f"{base}/activities/")
    page.get_by_role("link", name="Mô hình", exact=True).click()
    expect(page.get_by_role("link", name="XLSX")).to_be_visible()
    screenshot(page, "44-models-list")
    club = _open_a_club(page, base)
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "quyet-dinh-thanh-lap.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 synthetic",
            }
        ]
    )
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_role("link", name="quyet-dinh-thanh-lap.pdf")).to_be_visible()
    screenshot(page, "45-model-detail")
    assert club.attachments.get().name == "quyet-dinh-thanh-lap.pdf"
    with page.expect_download() as download:
        page.goto(f"{base}/activities/models/?kind=club")
        page.get_by_role("link", name="XLSX").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    names = {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == set(CommunityModel.objects.filter(kind="club").values_list("name", flat=True))
    log_out(page)

    log_in(phone, base, "coordinator")
    phone.goto(f"{base}/activities/models/")
    screenshot(phone, "46-models-list-phone")
    _open_a_club(phone, base)
    expect(phone.get_by_role("link", name="quyet-dinh-thanh-lap.pdf")).to_be_visible()
    screenshot(phone, "47-model-detail-phone")
