import pytest
from django.test import Client

from lanhmanh.agencies.models import AgencyKind
from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token
from lanhmanh.inspections.models import Establishment, LegalBasis
from lanhmanh.places.models import Level
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db


def client_for(user):
    _token, secret = create_token(user)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_establishments_and_inspections_through_the_api(cast):
    commune = unit("16690", Level.COMMUNE)
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178")
    inspector = client_for(cast.inside[Role.INSPECTOR])
    created = inspector.post(
        "/api/v1/establishments",
        {"kind": "hotel", "name": "Khách sạn Sông Lam", "commune_id": commune.pk},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert inspector.get("/api/v1/establishments", {"q": "song lam"}).json()["count"] == 1
    far = inspector.post(
        "/api/v1/establishments",
        {"kind": "hotel", "name": "X", "commune_id": unit("42").pk},
        content_type="application/json",
    )
    assert far.status_code == 403
    buying = LegalBasis.objects.get(decree="282/2025/NĐ-CP", behaviour="Mua dâm")
    payload = {
        "establishment_id": pk,
        "team_id": team.pk,
        "inspected_on": "2026-03-02",
        "kind": "surprise",
        "violations": [{"legal_basis_id": buying.pk, "proposed": "fine", "fine_amount": 9000000}],
    }
    assert (
        inspector.post("/api/v1/inspections", payload, content_type="application/json").status_code
        == 400
    )
    payload["violations"][0]["fine_amount"] = 1200000
    assert (
        inspector.post("/api/v1/inspections", payload, content_type="application/json").status_code
        == 201
    )
    assert inspector.get("/api/v1/inspections", {"establishment": pk}).json()["count"] == 1
    outsider = client_for(cast.outside[Role.INSPECTOR])
    assert outsider.get(f"/api/v1/establishments/{pk}").status_code == 404
    assert outsider.get("/api/v1/establishments").json()["count"] == 0
    coordinator = client_for(cast.inside[Role.COORDINATOR])
    assert (
        coordinator.post(
            "/api/v1/inspections", payload, content_type="application/json"
        ).status_code
        == 403
    )
    assert Establishment.objects.count() == 1


def test_bad_input_is_422(cast):
    api = client_for(cast.inside[Role.INSPECTOR])
    bad = api.post(
        "/api/v1/establishments", {"kind": "casino", "name": ""}, content_type="application/json"
    )
    assert bad.status_code == 422


def test_corrections_through_the_api_are_versioned(cast):
    commune = unit("16690", Level.COMMUNE)
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178")
    inspector = client_for(cast.inside[Role.INSPECTOR])
    venue = Establishment.objects.create(kind="bar", name="Bar Trăng Xanh", commune=commune)
    body = {"kind": "bar", "name": "Bar Trăng Xanh", "commune_id": commune.pk, "version": 1}
    renamed = inspector.patch(
        f"/api/v1/establishments/{venue.pk}",
        {**body, "name": "Bar Trăng Vàng"},
        content_type="application/json",
    )
    assert renamed.status_code == 200 and renamed.json()["version"] == 2
    stale = inspector.patch(
        f"/api/v1/establishments/{venue.pk}", body, content_type="application/json"
    )
    assert stale.status_code == 409
    bad = inspector.patch(
        f"/api/v1/establishments/{venue.pk}",
        {**body, "version": 2, "name": "x" * 300},
        content_type="application/json",
    )
    assert bad.status_code in (400, 422)
    made = inspector.post(
        "/api/v1/inspections",
        {
            "establishment_id": venue.pk,
            "team_id": team.pk,
            "inspected_on": "2026-03-02",
            "kind": "periodic",
        },
        content_type="application/json",
    ).json()
    url = f"/api/v1/inspections/{made['id']}"
    assert inspector.get(url).json()["violations"] == []
    fixed = inspector.patch(
        url, {"findings": "Không vi phạm", "version": 1}, content_type="application/json"
    )
    assert fixed.status_code == 200 and fixed.json()["findings"] == "Không vi phạm"
    assert (
        inspector.patch(
            url, {"findings": "x", "version": 1}, content_type="application/json"
        ).status_code
        == 409
    )
    future = inspector.patch(url, {"inspected_on": "2099-01-01"}, content_type="application/json")
    assert future.status_code == 400
    police = client_for(cast.inside[Role.POLICE])
    assert police.patch(url, {"findings": "y"}, content_type="application/json").status_code == 403
    outsider = client_for(cast.outside[Role.INSPECTOR])
    assert outsider.get(url).status_code == 404
