"""An inspector records an inspection with a violation and a fine on an establishment's
page; the coverage figure of the establishments page moves."""

from playwright.sync_api import expect

from lanhmanh.demo.loader import DEMO_PASSWORD
from lanhmanh.inspections.models import Establishment, Inspection
from lanhmanh.places.models import AdministrativeUnit


def test_inspection_with_a_fine_moves_coverage(quiet_demo_site, page, screenshot):
    base = quiet_demo_site.url
    commune = AdministrativeUnit.objects.current().get(level="commune", code="16690")
    venue = Establishment.objects.create(kind="karaoke", name="Karaoke Hoa Sen", commune=commune)
    Establishment.objects.create(kind="hotel", name="Khách sạn Sông Lam", commune=commune)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("inspector")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/establishments/")
    coverage = page.locator("main section.card").first
    expect(coverage).to_contain_text("0 ")
    page.goto(f"{base}/establishments/{venue.pk}/")
    page.locator("#id_team").select_option(label="Đội kiểm tra liên ngành 178 tỉnh Nghệ An")
    page.locator("#id_inspected_on").fill("02/03/2026")
    page.locator("#id_kind").select_option("surprise")
    page.locator("#id_findings").fill("Phát hiện hành vi mua dâm tại phòng hát số 3.")
    page.locator("#id_legal_basis").select_option(label="282/2025/NĐ-CP: Mua dâm")
    page.locator("#id_proposed").select_option("fine")
    page.locator("#id_fine_amount").fill("1500000")
    screenshot(page, "40-inspection-form", full_page=False)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("1.500.000")
    assert Inspection.objects.filter(establishment=venue).count() == 1
    page.goto(f"{base}/establishments/")
    expect(page.locator("main section.card").first).to_contain_text("50")
    screenshot(page, "41-coverage")
