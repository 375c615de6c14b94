"""The hotspots API: list with filters and paging, one with its history, register, correct;
scoping and 4xx with a reason."""

import datetime

import pytest
from django.test import Client

from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token
from lanhmanh.hotspots import actions
from lanhmanh.hotspots.models import Hotspot, HotspotStatus

from .factories import commune, make_hotspot, other_commune

pytestmark = [pytest.mark.django_db, pytest.mark.urls("lanhmanh.hotspots.tests.urls")]
URL = "/api/v1/hotspots"


def client_for(user):
    _token, secret = create_token(user)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def spots(cast):
    police = cast.inside[Role.POLICE]
    river = make_hotspot(police, name="Bờ kè sông Trường Vinh", address="Đường Nguyễn Du")
    hotel = make_hotspot(
        police, name="Phòng trọ sau chợ", kind="establishment", establishment_name="Hoa Hồng"
    )
    actions.change_status(police, hotel, HotspotStatus.BROKEN_UP, datetime.date(2025, 3, 1))
    far = make_hotspot(cast.outside[Role.POLICE], name="Bến xe Hà Tĩnh", place=other_commune())
    return {"river": river, "hotel": hotel, "far": far}


def test_list_is_scoped_filtered_and_paged(cast, spots):
    api = client_for(cast.inside[Role.COORDINATOR])
    body = api.get(URL).json()
    assert body["count"] == 2
    assert {h["name"] for h in body["items"]} == {"Bờ kè sông Trường Vinh", "Phòng trọ sau chợ"}
    assert api.get(URL, {"q": "truong vinh"}).json()["items"][0]["commune_name"]
    assert [h["name"] for h in api.get(URL, {"q": "TRƯỜNG VINH"}).json()["items"]] == [
        "Bờ kè sông Trường Vinh"
    ]
    assert api.get(URL, {"status": "broken_up"}).json()["count"] == 1
    assert api.get(URL, {"commune": commune().pk}).json()["count"] == 2
    assert api.get(URL, {"commune": other_commune().pk}).json()["count"] == 0
    page = api.get(URL, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    # A role that may not read hotspots is refused, as on the web (not an empty list).
    assert client_for(cast.inside[Role.REPORTER]).get(URL).status_code == 403


def test_one_hotspot_with_its_history(cast, spots):
    api = client_for(cast.inside[Role.INSPECTOR])
    body = api.get(f"{URL}/{spots['hotel'].pk}").json()
    assert [c["to_status"] for c in body["history"]] == ["active", "broken_up"]
    assert body["status"] == "broken_up" and body["establishment_name"] == "Hoa Hồng"
    assert api.get(f"{URL}/{spots['far'].pk}").status_code == 404
    assert api.get(f"{URL}/999999").status_code == 404


def test_police_register_and_correct(cast):
    api = client_for(cast.inside[Role.POLICE])
    created = api.post(
        URL,
        {
            "name": "Vườn hoa cửa Nam",
            "commune": commune().pk,
            "address": "Đường Trường Thi",
            "latitude": 18.6796,
            "longitude": 105.6813,
            "status_since": "2026-01-05",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "active" and body["history"][0]["on"] == "2026-01-05"
    patched = api.patch(
        f"{URL}/{body['id']}",
        {"name": "Vườn hoa Cửa Nam", "latitude": None, "longitude": None},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["name"] == "Vườn hoa Cửa Nam" and patched.json()["latitude"] is None
    hotspot = Hotspot.objects.get(pk=body["id"])
    assert hotspot.created_by == cast.inside[Role.POLICE] and hotspot.search.startswith("vuon")


def test_writes_are_scoped(cast, spots):
    outside = client_for(cast.outside[Role.POLICE])
    assert (
        outside.patch(
            f"{URL}/{spots['river'].pk}", {"name": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    coordinator = client_for(cast.inside[Role.COORDINATOR])
    refused = coordinator.patch(
        f"{URL}/{spots['river'].pk}", {"name": "x"}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["detail"]
    new = {"name": "x", "commune": commune().pk, "address": "y"}
    assert coordinator.post(URL, new, content_type="application/json").status_code == 403
    # police of Hà Tĩnh cannot register a hotspot in Nghệ An
    wrong_place = outside.post(URL, new, content_type="application/json")
    assert wrong_place.status_code == 400 and "commune" in wrong_place.json()["errors"]
    spots["river"].refresh_from_db()
    assert spots["river"].name == "Bờ kè sông Trường Vinh"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"name": "", "address": "y"}, 422, None),
        ({"name": "x", "address": "y", "kind": "brothel"}, 422, None),
        ({"name": "x", "address": "y", "latitude": 95, "longitude": 105}, 422, None),
        ({"name": "x", "address": "y", "latitude": 48.8, "longitude": 2.3}, 400, "latitude"),
        ({"name": "x", "address": "y", "latitude": 18.6}, 400, "longitude"),
        ({"name": "x", "address": "y", "kind": "establishment"}, 400, "establishment_name"),
        ({"name": "x", "address": "y", "status_since": "2099-01-01"}, 400, "status_since"),
        ({"name": "x", "address": "y", "status_since": "31/12/2025"}, 422, None),
        ({"address": "y"}, 422, None),
    ],
)
def test_bad_input_is_4xx_with_a_reason(cast, body, status, field):
    api = client_for(cast.inside[Role.POLICE])
    response = api.post(URL, {"commune": commune().pk, **body}, content_type="application/json")
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    if field:
        assert field in response.json()["errors"]
    assert not Hotspot.objects.exists()


def test_patch_refuses_bad_values(cast, spots):
    api = client_for(cast.inside[Role.POLICE])
    url = f"{URL}/{spots['river'].pk}"
    null_name = api.patch(url, {"name": None}, content_type="application/json")
    assert null_name.status_code == 400 and "name" in null_name.json()["errors"]
    status = api.patch(url, {"status": "broken_up"}, content_type="application/json")
    assert status.status_code == 200  # unknown fields are ignored: status moves elsewhere
    assert status.json()["status"] == "active"
    far = api.patch(url, {"commune": other_commune().pk}, content_type="application/json")
    assert far.status_code == 400


def test_list_query_count(cast, spots, django_assert_num_queries):
    police = cast.inside[Role.POLICE]
    api = client_for(police)
    api.get(URL)
    for i in range(20):
        make_hotspot(police, name=f"Tụ điểm {i}")
    with django_assert_num_queries(4):  # token, grants, count, page
        assert api.get(URL).json()["count"] == 22
