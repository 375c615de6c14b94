"""The people router: identities only to those allowed, each read logged."""

import pytest
from ninja.testing import TestClient

from lanhmanh.audit.models import AccessLog
from lanhmanh.people.api import router
from lanhmanh.people.models import Person, Purpose
from lanhmanh.people.suppression import SUPPRESSED

pytestmark = pytest.mark.django_db
client = TestClient(router)
NAME = "Phạm Thị Hồng Thử"
ID_NUMBER = "040195009876"


def payload(cast, **extra):
    return {
        "full_name": NAME,
        "id_number": ID_NUMBER,
        "birth_year": 1995,
        "commune_code": cast.commune.code,
        "groups": ["sells_sex", "at_risk"],
        **extra,
    }


@pytest.fixture
def created(cast):
    response = client.post("/people", json=payload(cast), user=cast.in_commune["case_worker"])
    assert response.status_code == 201, response.content
    return response.json()


def secrets_absent(body: str):
    assert NAME not in body and ID_NUMBER not in body and "Hồng" not in body


def test_post_creates_a_person_and_case_without_echoing_the_identity(cast, created):
    assert created["code"].startswith("NA-")
    assert set(created["groups"]) == {"sells_sex", "at_risk"}
    person = Person.objects.get(code=created["code"])
    assert person.cases.get().pk == created["case_id"]
    secrets_absent(str(created))


def test_team_read_returns_identity_and_logs(cast, created):
    worker = cast.in_commune["case_worker"]
    response = client.get(f"/people/{created['id']}", user=worker)
    assert response.json()["identity"]["full_name"] == NAME
    assert response.json()["identity"]["birth_date"] == "1995"
    assert AccessLog.objects.filter(subject=created["code"], actor=worker).count() == 1
    client.get(f"/people/{created['id']}", user=worker)
    assert AccessLog.objects.filter(subject=created["code"], actor=worker).count() == 2


def test_viewer_and_coordinator_get_no_identity(cast, created):
    viewer = cast.inside["viewer"]
    assert client.get(f"/people/{created['id']}", user=viewer).status_code == 404
    secrets_absent(client.get("/people", user=viewer).content.decode())
    stats = client.get("/people/stats", user=viewer)
    assert stats.status_code == 200
    secrets_absent(stats.content.decode())
    coordinator = cast.inside["coordinator"]
    for url in ("/people", f"/people/{created['id']}", "/cases", f"/cases/{created['case_id']}"):
        response = client.get(url, user=coordinator)
        assert response.status_code == 200, url
        secrets_absent(response.content.decode())
    assert client.get(f"/people/{created['id']}", user=coordinator).json()["identity"] is None
    assert not AccessLog.objects.exists()
    glass = client.post(
        f"/people/{created['id']}/break-glass",
        json={"reason": "Police request about a missing person"},
        user=coordinator,
    )
    assert glass.status_code == 200 and glass.json()["identity"]["id_number"] == ID_NUMBER
    assert AccessLog.objects.get().access == AccessLog.Access.BREAK_GLASS


def test_only_case_workers_create_and_bad_input_is_400(cast):
    refused = client.post("/people", json=payload(cast), user=cast.inside["coordinator"])
    assert refused.status_code == 403
    bad = client.post(
        "/people",
        json=payload(cast, commune_code="99999", id_number="12"),
        user=cast.in_commune["case_worker"],
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"commune", "id_number"}
    outside = client.post("/people", json=payload(cast), user=cast.outside["case_worker"])
    assert outside.status_code == 400
    assert not Person.objects.exists()


def test_service_needs_consent_through_the_api(cast, created):
    worker = cast.in_commune["case_worker"]
    case_id = created["case_id"]
    team = Person.objects.get(pk=created["id"]).cases.get().team_id
    service = {"kind": "counselling", "provider": team}
    refused = client.post(f"/cases/{case_id}/services", json=service, user=worker)
    assert refused.status_code == 400
    consent = client.post(
        f"/cases/{case_id}/consents",
        json={"purpose": Purpose.CASE_MANAGEMENT, "given_on": "2025-01-02", "method": "written"},
        user=worker,
    )
    assert consent.status_code == 201
    saved = client.post(f"/cases/{case_id}/services", json=service, user=worker)
    assert saved.status_code == 201 and saved.json()["status"] == "delivered"
    referral = {"kind": "legal_aid", "provider": cast.province_agency.pk}
    assert client.post(f"/cases/{case_id}/services", json=referral, user=worker).status_code == 400
    client.post(
        f"/cases/{case_id}/consents",
        json={
            "purpose": "referral",
            "agency": cast.province_agency.pk,
            "given_on": "2025-01-02",
            "method": "written",
        },
        user=worker,
    )
    made = client.post(f"/cases/{case_id}/services", json=referral, user=worker)
    assert made.status_code == 201
    answer = client.post(
        f"/services/{made.json()['id']}/answer",
        json={"accepted": True},
        user=cast.inside["reporter"],
    )
    assert answer.status_code == 200 and answer.json()["status"] == "accepted"
    detail = client.get(f"/cases/{case_id}", user=worker).json()
    assert len(detail["services"]) == 2 and len(detail["consents"]) == 2
    assert (
        client.post(
            f"/cases/{case_id}/follow-ups", json={"due_on": "2030-01-01"}, user=worker
        ).status_code
        == 201
    )
    closed = client.post(f"/cases/{case_id}/close", json={"outcome": "reintegrated"}, user=worker)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert client.post(
        f"/cases/{case_id}/close", json={"outcome": "reintegrated"}, user=cast.inside["viewer"]
    ).status_code in (403, 404)


def test_stats_suppress_small_counts(cast, created):
    response = client.get("/people/stats", user=cast.inside["viewer"])
    body = response.json()
    assert body["open_cases"] == SUPPRESSED  # one open case
    assert body["total"] == 0  # nobody reached: a true zero is published


def test_stats_take_a_calendar_period_only(cast, created):
    viewer = cast.inside["viewer"]
    body = client.get("/people/stats?period=2026-Q2", user=viewer).json()
    assert (body["period"], body["start"], body["end"]) == ("2026-Q2", "2026-04-01", "2026-06-30")
    assert body["period_label"] == "Quý II/2026"
    assert client.get("/people/stats?period=2026-H1", user=viewer).json()["period_label"] == (
        "6 tháng đầu năm 2026"
    )
    for key in ("2026-05-07", "2026-13", "2026-Q5", "26", "2026-W19", "1999"):
        refused = client.get(f"/people/stats?period={key}", user=viewer)
        assert refused.status_code == 422, key
        assert "2026-Q2" in refused.json()["detail"]  # the reason names the accepted forms
    # Free dates are not a way around it: they are not read at all.
    free = client.get("/people/stats?period=2026&start=2026-05-01&end=2026-05-07", user=viewer)
    assert (free.json()["start"], free.json()["end"]) == ("2026-01-01", "2026-12-31")
    outside = client.get(f"/people/stats?unit={cast.other_province.pk}", user=viewer)
    assert outside.status_code == 404
