import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from lanhmanh.tips import actions
from lanhmanh.tips.models import Outcome, SenderContactView, Status, Tip

from .conftest import CONTENT, EMAIL, NAME, PHONE, at, commune_of

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tip(cast, make_tip):
    tip = make_tip(contact={"name": NAME, "phone": PHONE, "email": EMAIL})
    actions.assign_tip(cast.inside["police"], tip, cast.commune_agency)
    return tip


def test_scoping_of_the_register(cast, tip):
    url = f"/tips/{tip.pk}/"
    assert login(cast.inside["police"]).get(url).status_code == 200
    assert login(cast.in_commune["police"]).get(url).status_code == 200
    assert login(cast.inside["coordinator"]).get(url).status_code == 200
    assert login(cast.outside["police"]).get(url).status_code == 404
    assert login(cast.outside["coordinator"]).get(url).status_code == 404
    assert login(cast.inside["reporter"]).get(url).status_code == 404
    assert login(cast.inside["reporter"]).get("/tips/").status_code == 403
    assert tip.reference not in login(cast.outside["police"]).get("/tips/").text
    assert tip.reference in login(cast.inside["coordinator"]).get("/tips/").text


def test_handling_police_write_coordinator_read_only_outside_404(cast, tip):
    verify = f"/tips/{tip.pk}/verify/"
    assert login(cast.inside["coordinator"]).post(verify, {}).status_code == 403
    assert login(cast.outside["police"]).post(verify, {}).status_code == 404
    # The province's police do not work a tip the commune's agency handles.
    assert login(cast.inside["police"]).post(verify, {"note": "x"}).status_code == 403
    tip.refresh_from_db()
    assert tip.status == Status.RECEIVED
    police = login(cast.in_commune["police"])
    assert police.post(verify, {"note": "Cử tổ xác minh"}).status_code == 302
    close = police.post(f"/tips/{tip.pk}/close/", {"outcome": "administrative", "note": "Xử phạt"})
    assert close.status_code == 302
    tip.refresh_from_db()
    assert tip.status == Status.HANDLED and tip.outcome == Outcome.ADMINISTRATIVE
    assert (
        police.post(f"/tips/{tip.pk}/close/", {"outcome": "crime", "note": "x"}).status_code == 302
    )
    assert Tip.objects.get(pk=tip.pk).outcome == Outcome.ADMINISTRATIVE  # refused, not changed


def test_staff_intake(cast):
    police = login(cast.inside["police"])
    assert police.get("/tips/new/").status_code == 200
    assert login(cast.inside["coordinator"]).get("/tips/new/").status_code == 403
    response = police.post(
        "/tips/new/",
        {
            "channel": "hotline",
            "received_at": "2026-03-02T08:30",
            "commune": cast.commune.pk,
            "category": "brokering",
            "content": CONTENT,
            "sender_phone": PHONE,
        },
    )
    assert response.status_code == 302, response.content
    tip = Tip.objects.get()
    assert tip.deadline == datetime.date(2026, 4, 1) and tip.created_by == cast.inside["police"]
    hatinh = commune_of(cast.other_province)
    refused = police.post("/tips/new/", {"channel": "hotline", "commune": hatinh.pk})
    assert refused.status_code == 400 and Tip.objects.count() == 1


def test_contact_only_for_the_handling_agency_and_each_view_logged(cast, tip):
    detail = f"/tips/{tip.pk}/"
    reveal = f"/tips/{tip.pk}/contact/"
    for user in (cast.inside["police"], cast.inside["coordinator"], cast.in_commune["police"]):
        page = login(user).get(detail).text
        assert PHONE not in page and NAME not in page and EMAIL not in page
    assert login(cast.inside["police"]).post(reveal, {"reason": "x"}).status_code == 403
    assert login(cast.outside["police"]).post(reveal, {"reason": "x"}).status_code == 404
    assert not SenderContactView.objects.exists()
    handler = login(cast.in_commune["police"])
    assert f'action="/tips/{tip.pk}/contact/"' in handler.get(detail).text
    assert handler.post(reveal, {"reason": ""}).status_code == 400
    shown = handler.post(reveal, {"reason": "Liên hệ bổ sung thông tin"})
    assert shown.status_code == 200 and PHONE in shown.text and NAME in shown.text
    assert "no-store" in shown["Cache-Control"]
    view = SenderContactView.objects.get()
    assert view.user == cast.in_commune["police"] and view.tip == tip
    assert PHONE not in view.reason


def test_list_filters_and_diacritics_insensitive_search(cast, make_tip):
    make_tip(content="Có người môi giới mại dâm tại nhà nghỉ Hoa Hồng gần chợ.")
    other = make_tip(content="Quán cà phê có phòng riêng, nghi chứa chấp hoạt động mua bán dâm.")
    old = make_tip(received_at=at(timezone.localdate() - datetime.timedelta(days=40)))
    client = login(cast.inside["coordinator"])
    found = client.get("/tips/", {"q": "NHA NGHI hoa hong"}).text
    assert "1 tin báo" in found
    assert other.reference not in client.get("/tips/", {"q": "nhà nghỉ"}).text
    overdue = client.get("/tips/", {"overdue": "on"}).text
    assert old.reference in overdue and other.reference not in overdue
    assert "3 tin báo" in client.get("/tips/", {"status": "received"}).text
    assert "0 tin báo" in client.get("/tips/", {"category": "trafficking"}).text
    assert PHONE not in client.get("/tips/").text


def test_list_query_count_does_not_grow(cast, make_tip, django_assert_max_num_queries):
    client = login(cast.inside["police"])
    for _ in range(3):
        actions.assign_tip(cast.inside["police"], make_tip(), cast.province_agency)
    client.get("/tips/")
    with django_assert_max_num_queries(12) as few:
        client.get("/tips/")
    for _ in range(12):
        actions.assign_tip(cast.inside["police"], make_tip(), cast.province_agency)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/tips/")
    assert "15 tin báo" in response.text


def test_export_has_no_content_nor_contact(cast, tip):
    police = cast.in_commune["police"]
    actions.start_verification(police, tip)
    actions.close_tip(police, tip, Outcome.UNFOUNDED, "Xác minh tại địa chỉ, không thấy vi phạm")
    client = login(cast.inside["coordinator"])
    csv = client.get("/tips/export.csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert tip.reference in text and cast.commune.name in text
    for secret in (PHONE, NAME, EMAIL, CONTENT[:20], "karaoke", "không thấy vi phạm"):
        assert secret not in text
    xlsx = client.get("/tips/export.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert tip.reference in cells
    for secret in (PHONE, NAME, EMAIL, "karaoke"):
        assert secret not in cells
    assert (
        login(cast.outside["police"])
        .get("/tips/export.csv")
        .content.decode("utf-8-sig")
        .count("\n")
        == 1
    )
    assert login(cast.inside["reporter"]).get("/tips/export.csv").status_code == 403
