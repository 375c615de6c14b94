"""The community models' API: list with the page's filters and paging, one, register,
correct — scoped (another province's model is a 404), behind the door (403 with a
reason), 4xx with a reason for bad input, and in the OpenAPI document."""

import datetime

import pytest

from lanhmanh.activities.models import CommunityModel
from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change

from .factories import make_model, other_commune

pytestmark = pytest.mark.django_db
URL = "/api/v1/community-models"


def _post(api, body):
    return api.post(URL, body, content_type="application/json")


def _patch(api, model, body):
    return api.patch(f"{URL}/{model.pk}", body, content_type="application/json")


def test_list_is_scoped_filtered_and_paged(cast, programme, api_as):
    api = api_as(cast.inside[Role.VIEWER])
    body = api.get(URL).json()
    assert body["count"] == 3
    assert programme["far_model"].name not in {m["name"] for m in body["items"]}
    assert {m["status"] for m in body["items"]} == {"active", "stopped"}
    assert api.get(URL, {"kind": "peer_group"}).json()["count"] == 1
    assert api.get(URL, {"area": cast.commune.pk}).json()["count"] == 1
    assert api.get(URL, {"from": "2026-01-01"}).json()["count"] == 1
    assert api.get(URL, {"active_from": "2026-01-01"}).json()["count"] == 2
    page = api.get(URL, {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert api.get(URL, {"kind": "no-such-kind"}).status_code in (400, 422)
    one = api.get(f"{URL}/{programme['club'].pk}").json()
    assert one["communes"] == [cast.commune.pk] and one["attachments"] == []
    assert api.get(f"{URL}/{programme['far_model'].pk}").status_code == 404


@pytest.mark.parametrize("role", [Role.POLICE, Role.INSPECTOR, Role.CASE_WORKER])
def test_a_role_that_cannot_read_activities_is_refused(cast, programme, role, api_as):
    api = api_as(cast.inside[role])
    answer = api.get(URL)
    assert answer.status_code == 403 and answer.json()["detail"]
    assert programme["club"].name not in answer.content.decode()


def test_the_list_s_queries_do_not_grow_with_its_rows(
    cast, programme, django_assert_num_queries, api_as
):
    api = api_as(cast.inside[Role.COORDINATOR])
    api.get(URL)
    # The token with its user, the user's areas, the count, one page of models with their
    # unit and organiser joined.
    with django_assert_num_queries(4) as first:
        api.get(URL)
    for _n in range(15):
        make_model(cast.inside[Role.COORDINATOR], cast.province_agency, cast.province)
    with django_assert_num_queries(len(first.captured_queries)):
        assert len(api.get(URL).json()["items"]) == 18


def test_register_through_the_api(cast, api_as):
    api = api_as(cast.in_commune[Role.REPORTER])
    body = {
        "name": "Câu lạc bộ phụ nữ phường (thử)",
        "kind": "club",
        "unit": cast.commune.pk,
        "organiser": cast.commune_agency.pk,
        "started_on": "2026-03-01",
    }
    made = _post(api, body)
    assert made.status_code == 201, made.content
    assert made.json()["communes"] == [cast.commune.pk] and made.json()["status"] == "active"
    # Field errors with a reason, never a 500.
    bad = _post(api, {**body, "stopped_on": "2026-02-01"})
    assert bad.status_code == 400 and "stopped_on" in bad.json()["errors"]
    future = _post(api, {**body, "started_on": "2999-01-01"})
    assert future.status_code == 400 and "started_on" in future.json()["errors"]
    far = _post(api, {**body, "unit": other_commune().pk})
    assert far.status_code == 400 and "unit" in far.json()["errors"]
    stray = _post(api, {**body, "communes": [other_commune().pk]})
    assert stray.status_code == 400 and "communes" in stray.json()["errors"]
    assert _post(api, {**body, "kind": "karaoke"}).status_code in (400, 422)
    viewer = _post(api_as(cast.inside[Role.VIEWER]), body)
    assert viewer.status_code == 403 and viewer.json()["detail"]
    assert CommunityModel.objects.count() == 1


def test_correct_a_model_through_the_api(cast, api_as):
    reporter = cast.in_commune[Role.REPORTER]
    model = make_model(reporter, cast.commune_agency, started_on=datetime.date(2026, 1, 10))
    api = api_as(reporter)
    before = Change.objects.count()
    done = _patch(api, model, {"stopped_on": "2026-06-01", "reviewed_on": "2026-05-15"})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "stopped" and done.json()["name"] == model.name
    model.refresh_from_db()
    assert str(model.reviewed_on) == "2026-05-15" and model.communes.get() == cast.commune
    assert Change.objects.count() == before + 1
    # A correction that does not hold is refused by field, and nothing changes.
    bad = _patch(api, model, {"reviewed_on": "2025-01-01"})
    assert bad.status_code == 400 and "reviewed_on" in bad.json()["errors"]
    assert _patch(api, model, {"name": None}).status_code == 400
    assert _patch(api, model, {"organiser": cast.other_agency.pk}).status_code == 400
    model.refresh_from_db()
    assert str(model.reviewed_on) == "2026-05-15" and Change.objects.count() == before + 1
    # A viewer reads it but may not correct it; another province does not see it.
    viewer = _patch(api_as(cast.inside[Role.VIEWER]), model, {"review": "x"})
    assert viewer.status_code == 403 and viewer.json()["detail"]
    far = _patch(api_as(cast.outside[Role.COORDINATOR]), model, {"review": "x"})
    assert far.status_code == 404
    model.refresh_from_db()
    assert model.review == ""


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths[URL]) >= {"get", "post"}
    assert set(paths[URL + "/{model_id}"]) >= {"get", "patch"}
