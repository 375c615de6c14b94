"""The commune's reporting officer finishes the 2026 self-assessment of Phường Trường
Vinh and submits it; the coordinating office approves it; the trend shows the ward's
years before the 2025 merger through its old wards."""

from playwright.sync_api import expect

from lanhmanh.assessments.demo import load_demo_assessments
from lanhmanh.assessments.models import Assessment, Status
from lanhmanh.demo.loader import DEMO_PASSWORD
from tests.browser.two_factor import enter_code_if_needed


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    enter_code_if_needed(page, username)


def test_self_assessment_reviewed_and_trend(quiet_demo_site, page, phone, screenshot):
    load_demo_assessments()
    draft = Assessment.objects.get(commune__code="16690", commune__system="2025", year=2026)
    assert draft.status == Status.DRAFT
    base = quiet_demo_site.url

    log_in(phone, base, "reporter")
    phone.goto(f"{base}/assessments/")
    expect(phone.locator("h1")).to_contain_text("Đánh giá xã, phường lành mạnh năm 2026")
    phone.get_by_role("link", name="Phường Trường Vinh").click()
    phone.get_by_role("link", name="Chấm điểm và gửi").click()
    for score in draft.scores.select_related("criterion").filter(points__isnull=True):
        phone.locator(f"#id_points_{score.criterion_id}").fill(str(score.criterion.max_points))
        phone.locator(f"#id_evidence_{score.criterion_id}").fill("Biên bản họp ngày 10/11/2026.")
    screenshot(phone, "60-assessment-self-assessment-phone")
    phone.get_by_role("button", name="Lưu và gửi thẩm định").click()
    expect(phone.locator(".messages")).to_contain_text("Đã gửi phiếu đánh giá để thẩm định")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert phone.get_by_role("link", name="Thẩm định").count() == 0

    log_in(page, base, "coordinator")
    page.goto(f"{base}/assessments/{draft.pk}/")
    screenshot(page, "61-assessment-submitted")
    page.get_by_role("link", name="Thẩm định").click()
    page.get_by_label("Phê duyệt kết quả đánh giá").check()
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".messages")).to_contain_text("Đã phê duyệt kết quả đánh giá")
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED and draft.healthy

    page.goto(f"{base}/assessments/?year=2025")
    expect(page.locator(".tiles")).to_contain_text("xã, phường lành mạnh")
    screenshot(page, "62-assessment-list-2025")
    page.goto(f"{base}/assessments/trend/?commune={draft.commune_id}")
    expect(page.locator("#focus")).to_contain_text("Phường Trường Thi")
    screenshot(page, "63-assessment-trend", full_page=False)
    page.locator("#focus").scroll_into_view_if_needed()
    screenshot(page, "64-assessment-trend-commune", full_page=False)

    page.goto(f"{base}/assessments/criteria/")
    page.get_by_role("link", name="Tạo bộ tiêu chí").click()
    expect(page.locator("#id_jurisdiction")).to_contain_text("Tỉnh Nghệ An")
    screenshot(page, "65-assessment-criteria-form")
