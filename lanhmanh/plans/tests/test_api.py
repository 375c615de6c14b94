import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lanhmanh.api.actions import create_token
from lanhmanh.demo.documents import demo_file
from lanhmanh.demo.replay import load_demo
from lanhmanh.plans import actions
from lanhmanh.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_user_model):
    load_demo(with_plans=False)
    users = {u.username: u for u in django_user_model.objects.all()}
    plan = actions.import_plan(users["coordinator"], *demo_file("ke-hoach-tinh-2026.txt")).plan
    actions.confirm_plan(users["coordinator"], plan, create_missing_agencies=True)
    old = actions.import_plan(users["coordinator"], *demo_file("ke-hoach-tinh-2021-2025.txt")).plan
    actions.confirm_plan(users["coordinator"], old, create_missing_agencies=True)
    return users


def client_for(user):
    _token, secret = create_token(user)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_list_and_filters(demo):
    api = client_for(demo["reporter"])
    assert api.get("/api/v1/plans").json()["count"] == 2
    assert api.get("/api/v1/plans", {"year": 2023}).json()["items"][0]["number"] == "207/KH-UBND"
    assert api.get("/api/v1/plans", {"number": "118/kh-ubnd"}).json()["count"] == 1
    assert api.get("/api/v1/plans", {"status": "draft"}).json()["count"] == 0
    assert api.get("/api/v1/plans", {"year": "abc"}).status_code == 422
    assert api.get("/api/v1/plans", {"status": "lost"}).status_code == 422


def test_one_plan_whole(demo):
    api = client_for(demo["police"])
    plan = Plan.objects.get(number="118/KH-UBND")
    body = api.get(f"/api/v1/plans/{plan.pk}").json()
    assert body["years"] == [2026]
    assert {"kind": "percent", "op": "ge", "value": 30.0}.items() <= next(
        t for t in body["targets"] if t["value"] == 30
    ).items()
    assert any(d["agency_name"] == "Công an tỉnh" for d in body["duties"])
    assert {r["frequency"] for r in body["reporting"]} >= {"quarterly", "annual", "ad_hoc"}


def test_out_of_area_plan_is_404(demo, django_user_model):
    from lanhmanh.testing import make_agency, make_user, unit

    outsider = make_user("coordinator", make_agency(unit("42")))
    api = client_for(outsider)
    plan = Plan.objects.get(number="118/KH-UBND")
    assert api.get(f"/api/v1/plans/{plan.pk}").status_code == 404
    assert api.get("/api/v1/plans").json()["count"] == 0


def test_extract_returns_json_and_saves_nothing(demo):
    api = client_for(demo["coordinator"])
    before = Plan.objects.count()
    filename, data = demo_file("ke-hoach-so-y-te-2026.md")
    response = api.post("/api/v1/plans/extract", {"file": SimpleUploadedFile(filename, data)})
    assert response.status_code == 200
    body = response.json()
    assert body["schema"] == "lanhmanh.plan/v1"
    assert body["document"]["number"] == "35/KH-SYT"
    assert Plan.objects.count() == before


@pytest.mark.parametrize(
    ("filename", "data", "status"),
    [("e.txt", b"", 400), ("a.doc", b"\xd0\xcf\x11\xe0", 400), ("x.zip", b"PK\x03\x04", 400)],
)
def test_extract_bad_files(demo, filename, data, status):
    api = client_for(demo["coordinator"])
    response = api.post("/api/v1/plans/extract", {"file": SimpleUploadedFile(filename, data)})
    assert response.status_code == status
    assert response.json()["detail"]


def test_extract_without_file_is_422(demo):
    assert client_for(demo["coordinator"]).post("/api/v1/plans/extract").status_code == 422


def test_plan_list_query_count(demo, django_assert_num_queries):
    api = client_for(demo["viewer"])
    api.get("/api/v1/plans")
    with django_assert_num_queries(4):  # token, grants, count, page
        assert api.get("/api/v1/plans").json()["count"] == 2
