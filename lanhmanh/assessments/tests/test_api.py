"""The assessments API: list with filters, one with scores and history, open and score,
submit, review — scoped like the pages, 4xx with a reason."""

import pytest
from django.test import Client

from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token
from lanhmanh.assessments.models import Assessment, Status
from lanhmanh.places.models import Level, UnitSuccession
from lanhmanh.testing import unit

from .factories import default_set, make_assessment

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments"


def client_for(user):
    _token, secret = create_token(user)
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def records(cast):
    default_set()
    coordinator = cast.inside[Role.COORDINATOR]
    ha_tinh = cast.other_province.children.filter(level=Level.COMMUNE).first()
    return {
        "there": make_assessment(coordinator, unit("16681", Level.COMMUNE), 2025, healthy=False),
        "far": make_assessment(cast.outside[Role.COORDINATOR], ha_tinh, 2025),
    }


def test_list_is_scoped_and_filtered(cast, records):
    api = client_for(cast.inside[Role.VIEWER])
    body = api.get(URL).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["commune_name"] == "Phường Thành Vinh"
    assert (item["healthy"], item["classification"], item["threshold"]) == (False, "Chưa đạt", 80)
    assert api.get(URL, {"healthy": "true"}).json()["count"] == 0
    assert api.get(URL, {"year": 2024}).json()["count"] == 0
    assert api.get(URL, {"q": "thanh vinh"}).json()["count"] == 1
    # A role that may not read assessments is refused, as on the web (not an empty list).
    assert client_for(cast.inside[Role.POLICE]).get(URL).status_code == 403


def test_detail_has_scores_and_history(cast, records):
    api = client_for(cast.inside[Role.VIEWER])
    body = api.get(f"{URL}/{records['there'].pk}").json()
    assert len(body["scores"]) == 10
    assert body["scores"][0]["code"] == "1.1"
    assert [e["action"] for e in body["history"]] == ["created", "saved", "submitted", "approved"]
    assert api.get(f"{URL}/{records['far'].pk}").status_code == 404


def test_the_commune_opens_scores_and_submits(cast):
    criteria = list(default_set().criteria.order_by("order"))
    api = client_for(cast.in_commune[Role.REPORTER])
    scores = [
        {"criterion_id": c.pk, "points": c.max_points, "evidence": "Có biên bản"} for c in criteria
    ]
    response = api.post(
        URL,
        {"commune": cast.commune.pk, "year": 2025, "scores": scores[:5]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["total"] == sum(c.max_points for c in criteria[:5])
    url = f"{URL}/{body['id']}"
    refused = api.patch(url, {"submit": True}, content_type="application/json")
    assert refused.status_code == 400 and "3.2" in refused.json()["detail"]
    too_many = api.patch(
        url,
        {"scores": [{"criterion_id": criteria[0].pk, "points": 99}]},
        content_type="application/json",
    )
    assert too_many.status_code == 400 and "scores" in too_many.json()["errors"]
    done = api.patch(url, {"scores": scores[5:], "submit": True}, content_type="application/json")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["total"], done.json()["healthy"]) == (
        "submitted",
        100,
        True,
    )
    # The commune does not review its own assessment; the province office does.
    review = {"decision": "approve", "comment": ""}
    assert api.post(f"{url}/review", review, content_type="application/json").status_code == 403
    office = client_for(cast.inside[Role.COORDINATOR])
    approved = office.post(f"{url}/review", review, content_type="application/json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert api.patch(url, {"summary": "x"}, content_type="application/json").status_code == 400


def test_bad_requests_get_a_reason(cast, records):
    default_set()
    api = client_for(cast.in_commune[Role.REPORTER])
    outside = api.post(
        URL, {"commune": records["far"].commune_id, "year": 2025}, content_type="application/json"
    )
    assert outside.status_code == 400 and "commune" in outside.json()["errors"]
    # Before the merger the new ward did not exist: the old ward is assessed.
    before = api.post(
        URL, {"commune": cast.commune.pk, "year": 2024}, content_type="application/json"
    )
    assert before.status_code == 400
    old = UnitSuccession.objects.filter(successor=cast.commune).first().predecessor
    ok = api.post(URL, {"commune": old.pk, "year": 2024}, content_type="application/json")
    assert ok.status_code == 201
    twice = api.post(URL, {"commune": old.pk, "year": 2024}, content_type="application/json")
    assert twice.status_code == 400 and "year" in twice.json()["errors"]
    assert api.post(URL, {"year": 2024}, content_type="application/json").status_code == 422
    viewer = client_for(cast.inside[Role.VIEWER])
    assert (
        viewer.post(
            URL, {"commune": old.pk, "year": 2023}, content_type="application/json"
        ).status_code
        == 403
    )
    pk = records["there"].pk
    assert viewer.patch(f"{URL}/{pk}", {}, content_type="application/json").status_code == 403
    assert Assessment.objects.filter(status=Status.DRAFT).count() == 1
