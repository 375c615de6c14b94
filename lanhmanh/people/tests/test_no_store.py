"""Point 9 of issue 19: no people API response and no page with an identity or notes may
be kept by a browser or a proxy (``Cache-Control: no-store``)."""

from django.urls import reverse
from ninja.testing import TestClient

from lanhmanh.people.api import router

api = TestClient(router)


def test_every_people_api_response_says_no_store(cast, case):
    worker = cast.in_commune["case_worker"]
    responses = {
        "person": api.get(f"/people/{case.person.pk}", user=worker),
        "people": api.get("/people", user=worker),
        "cases": api.get("/cases", user=worker),
        "case": api.get(f"/cases/{case.pk}", user=worker),
        "glass": api.post(
            f"/people/{case.person.pk}/break-glass",
            json={"reason": "Người này gọi đường dây nóng xin giúp đỡ"},
            user=cast.inside["coordinator"],
        ),
        "refused": api.post(
            f"/cases/{case.pk}/follow-ups",
            json={"due_on": "2030-01-01"},
            user=cast.inside["case_worker"],
        ),
        "missing": api.get("/people/999999", user=worker),
    }
    assert responses["person"].json()["identity"]["full_name"]
    assert responses["refused"].status_code == 403
    assert responses["missing"].status_code == 404
    for name, response in responses.items():
        assert "no-store" in response.headers.get("Cache-Control", ""), name


def test_pages_with_identity_or_notes_say_no_store(client, cast, case):
    client.force_login(cast.in_commune["case_worker"])
    for url in (
        reverse("people:case", args=[case.pk]),
        reverse("people:person", args=[case.person.pk]),
        reverse("people:identity_edit", args=[case.pk]),
        reverse("people:assess", args=[case.pk]),
        reverse("people:follow_up", args=[case.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
