"""An inspector plans the month's inspections, records one with a violation and a fine
from the plan, and the plan's progress and the coverage figure move; the police then
record the sanction decision on that violation."""

from playwright.sync_api import expect

from lanhmanh.demo.loader import DEMO_PASSWORD
from lanhmanh.inspections.models import Establishment, Inspection, InspectionPlan
from lanhmanh.places.models import AdministrativeUnit
from lanhmanh.sanctions.identity import decrypt_identity
from lanhmanh.sanctions.models import Sanction
from tests.browser.two_factor import enter_code_if_needed


def login(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)


def test_plan_then_inspection_with_a_fine_moves_coverage(quiet_demo_site, page, screenshot):
    base = quiet_demo_site.url
    commune = AdministrativeUnit.objects.current().get(level="commune", code="16690")
    venue = Establishment.objects.create(
        kind="karaoke", name="Karaoke Hoa Sen", commune=commune, risk=3
    )
    Establishment.objects.create(kind="hotel", name="Khách sạn Sông Lam", commune=commune)
    login(page, base, "inspector")
    page.goto(f"{base}/establishments/")
    coverage = page.locator("main section.card").first
    expect(coverage).to_contain_text("0 ")

    page.get_by_role("link", name="Kế hoạch kiểm tra").first.click()
    page.get_by_role("link", name="Lập kế hoạch kiểm tra").click()
    page.locator("#id_team").select_option(label="Đội kiểm tra liên ngành 178 tỉnh Nghệ An")
    page.get_by_role("button", name="Chọn đội").click()
    expect(page.get_by_label("Karaoke Hoa Sen", exact=False)).to_be_checked()
    page.locator("#id_title").fill("Kiểm tra đột xuất tháng 3/2026")
    page.locator("#id_starts_on").fill("01/03/2026")
    page.locator("#id_ends_on").fill("31/03/2026")
    screenshot(page, "40-inspection-plan-form")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator("main")).to_contain_text("Đã kiểm tra 0/2 cơ sở")
    plan = InspectionPlan.objects.get()

    page.get_by_role("link", name="Karaoke Hoa Sen").click()
    page.locator("#id_inspected_on").fill("02/03/2026")
    page.locator("#id_kind").select_option("surprise")
    page.locator("#id_findings").fill("Phát hiện hành vi mua dâm tại phòng hát số 3.")
    page.locator("#id_legal_basis").select_option(label="282/2025/NĐ-CP: Mua dâm")
    page.locator("#id_proposed").select_option("fine")
    page.locator("#id_fine_amount").fill("5000000")
    page.locator("#id_follow_up_by").fill("02/04/2026")
    page.locator("#record form button[type=submit]").click()
    expect(page.locator("main .errors, main .error").first).to_contain_text("2.000.000")
    page.locator("#id_fine_amount").fill("1500000")
    screenshot(page, "41-inspection-form", full_page=False)
    page.locator("#record form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("1.500.000")
    screenshot(page, "42-inspection-detail")
    inspection = Inspection.objects.get(establishment=venue)
    assert inspection.plan == plan and inspection.violations.count() == 1

    page.goto(f"{base}/establishments/plans/{plan.pk}/")
    expect(page.locator("main")).to_contain_text("Đã kiểm tra 1/2 cơ sở")
    page.goto(f"{base}/establishments/")
    expect(page.locator("main section.card").first).to_contain_text("50")
    screenshot(page, "43-coverage")

    page.context.clear_cookies()
    login(page, base, "police")
    page.goto(f"{base}/establishments/inspections/{inspection.pk}/")
    page.get_by_role("link", name="Nhập quyết định xử phạt").click()
    page.locator("#id_full_name").fill("Người Thử Nghiệm Trình Duyệt")
    page.locator("#id_id_number").fill("040195001234")
    page.locator("#id_issuing_agency").select_option(label="Công an tỉnh Nghệ An")
    page.locator("#id_decision_number").fill("15/QĐ-XPHC")
    page.locator("#id_decided_on").fill("2026-03-04")
    screenshot(page, "44-sanction-form")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_contain_text("15/QĐ-XPHC")
    expect(page.locator("main")).to_contain_text("1.500.000")
    decision = Sanction.objects.get()
    assert decision.violation.inspection == inspection
    assert decrypt_identity(decision)["full_name"] == "Người Thử Nghiệm Trình Duyệt"
    page.goto(f"{base}/sanctions/statistics/?period=2026-Q1")
    expect(page.locator("main tfoot")).to_contain_text("1.500.000")
    screenshot(page, "45-sanction-statistics")
