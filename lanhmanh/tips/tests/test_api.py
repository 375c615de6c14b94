"""The tips router, mounted on a test API (the project's api.py registers it)."""

import pytest
from ninja.testing import TestClient

from lanhmanh.tips import actions
from lanhmanh.tips.api import router
from lanhmanh.tips.models import Status, Tip

from .conftest import CONTENT, EMAIL, NAME, PHONE, commune_of

pytestmark = pytest.mark.django_db
client = TestClient(router)
SECRETS = (PHONE, NAME, EMAIL, "sender_contact", "s1:", "f1:")


@pytest.fixture
def tip(cast, make_tip):
    return make_tip(contact={"name": NAME, "phone": PHONE, "email": EMAIL})


def no_contact(body: str):
    for secret in SECRETS:
        assert secret not in body


def test_list_and_detail_without_contact(cast, tip):
    police = cast.inside["police"]
    listed = client.get("/tips", user=police)
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 1 and body["items"][0]["reference"] == tip.reference
    assert body["items"][0]["anonymous"] is False and "content" not in body["items"][0]
    no_contact(listed.content.decode())
    detail = client.get(f"/tips/{tip.pk}", user=police)
    assert (
        detail.json()["content"] == CONTENT and detail.json()["events"][0]["action"] == "received"
    )
    no_contact(detail.content.decode())
    assert client.get(f"/tips/{tip.pk}", user=cast.outside["police"]).status_code == 404
    assert client.get("/tips", user=cast.outside["police"]).json()["count"] == 0
    assert client.get("/tips", user=cast.inside["reporter"]).json()["count"] == 0
    assert client.get("/tips?q=KARAOKE", user=police).json()["count"] == 1
    assert client.get("/tips?status=handled", user=police).json()["count"] == 0


def test_create_and_patch_through_the_cycle(cast):
    police = cast.inside["police"]
    created = client.post(
        "/tips",
        json={
            "channel": "referral",
            "category": "trafficking",
            "commune_id": cast.commune.pk,
            "content": CONTENT,
            "sender_phone": PHONE,
            "assigned_agency_id": cast.province_agency.pk,
        },
        user=police,
    )
    assert created.status_code == 201, created.content
    no_contact(created.content.decode())
    tip_id = created.json()["id"]
    assert Tip.objects.get(pk=tip_id).has_contact
    url = f"/tips/{tip_id}"
    assert client.patch(url, json={"status": "verifying"}, user=police).json()["status"] == (
        Status.VERIFYING
    )
    missing = client.patch(url, json={"status": "handled"}, user=police)
    assert missing.status_code == 400 and "outcome" in missing.json()["detail"]
    closed = client.patch(
        url, json={"status": "handled", "outcome": "crime", "note": "Khởi tố"}, user=police
    )
    assert closed.status_code == 200 and closed.json()["outcome"] == "crime"
    assert closed.json()["on_time"] is True
    again = client.patch(url, json={"assigned_agency_id": cast.commune_agency.pk}, user=police)
    assert again.status_code == 400


def test_api_refusals(cast, tip):
    url = f"/tips/{tip.pk}"
    body = {"status": "verifying"}
    assert client.patch(url, json=body, user=cast.inside["coordinator"]).status_code == 403
    assert client.patch(url, json=body, user=cast.outside["police"]).status_code == 404
    unassigned = client.patch(url, json=body, user=cast.inside["police"])
    assert unassigned.status_code == 400 and unassigned.json()["detail"]
    assert client.patch(url, json={}, user=cast.inside["police"]).status_code == 400
    # Assign and close in one request with a bad outcome: nothing of it is kept.
    partial = client.patch(
        url,
        json={"assigned_agency_id": cast.province_agency.pk, "status": "handled"},
        user=cast.inside["police"],
    )
    assert partial.status_code == 400
    assert Tip.objects.get(pk=tip.pk).assigned_agency_id is None
    new = {"channel": "hotline", "category": "other", "content": CONTENT}
    outside = {**new, "commune_id": commune_of(cast.other_province).pk}
    assert client.post("/tips", json=outside, user=cast.inside["police"]).status_code == 400
    mine = {**new, "commune_id": cast.commune.pk}
    assert client.post("/tips", json=mine, user=cast.inside["coordinator"]).status_code == 403
    short = {**mine, "content": "ngắn"}
    assert client.post("/tips", json=short, user=cast.inside["police"]).status_code == 400
    assert Tip.objects.count() == 1


def test_api_list_query_count_does_not_grow(cast, make_tip, django_assert_max_num_queries):
    police = cast.inside["police"]
    for _ in range(3):
        actions.assign_tip(police, make_tip(), cast.province_agency)
    client.get("/tips", user=police)
    with django_assert_max_num_queries(8) as few:
        client.get("/tips", user=police)
    for _ in range(12):
        make_tip(contact={"phone": PHONE})
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/tips", user=police)
    assert response.json()["count"] == 15
