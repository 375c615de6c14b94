import pytest

from lanhmanh.agencies.roles import Role

from .factories import make_sanction, police_of

pytestmark = pytest.mark.django_db


def _auth(user):
    from lanhmanh.api.actions import create_token

    _token, secret = create_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_api_lists_creates_and_corrects(client, cast):
    police = police_of(cast.province)
    officer = cast.inside[Role.POLICE]
    existing = make_sanction(officer, cast.commune, police, full_name="Người Thử Một")
    body = {
        "subject": "individual",
        "full_name": "Người Thử Hai",
        "id_number": "040195001111",
        "behaviour": "selling",
        "legal_basis": existing.legal_basis_id,
        "commune": cast.commune.pk,
        "violated_on": "2026-05-02",
        "form": "fine",
        "amount": 900000,
        "issuing_agency": police.pk,
        "decision_number": "77/QĐ-API",
        "decided_on": "2026-05-03",
    }
    headers = _auth(officer)
    bad = client.post("/api/v1/sanctions", body, content_type="application/json", **headers)
    assert bad.status_code == 400 and "amount" in bad.json()["errors"]
    body["amount"] = 300000
    made = client.post("/api/v1/sanctions", body, content_type="application/json", **headers)
    assert made.status_code == 201, made.json()
    created = made.json()
    assert created["version"] == 1 and "full_name" not in created
    assert created["recording_agency_id"] == cast.province_agency.pk
    shown = client.get(f"/api/v1/sanctions/{created['id']}/identity", **headers)
    assert shown.json()["full_name"] == "Người Thử Hai"
    assert shown["Cache-Control"] == "no-store, private"
    listed = client.get("/api/v1/sanctions", {"behaviour": "selling"}, **headers).json()
    assert listed["count"] == 2
    patch = client.patch(
        f"/api/v1/sanctions/{created['id']}",
        {"paid_on": "2026-05-10", "version": 1},
        content_type="application/json",
        **headers,
    )
    assert patch.status_code == 200 and patch.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/sanctions/{created['id']}",
        {"note": "x", "version": 1},
        content_type="application/json",
        **headers,
    )
    assert stale.status_code == 409

    coordinator = _auth(cast.inside[Role.COORDINATOR])
    assert client.get(f"/api/v1/sanctions/{created['id']}", **coordinator).status_code == 200
    hidden = client.get(f"/api/v1/sanctions/{created['id']}/identity", **coordinator)
    assert hidden.status_code == 403 and "Người Thử" not in hidden.text
    denied = client.post("/api/v1/sanctions", body, content_type="application/json", **coordinator)
    assert denied.status_code == 403
    outsider = _auth(cast.outside[Role.POLICE])
    assert client.get(f"/api/v1/sanctions/{created['id']}", **outsider).status_code == 404
    assert client.get("/api/v1/sanctions", **outsider).json()["count"] == 0
    body.update(decision_number="78/QĐ-API", commune=cast.other_province.pk)
    foreign = client.post("/api/v1/sanctions", body, content_type="application/json", **headers)
    assert foreign.status_code == 400 and "commune" in foreign.json()["errors"]
