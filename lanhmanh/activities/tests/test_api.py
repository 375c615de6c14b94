"""The activities API: list with the page's filters and paging, one, record; scoping, the
door, and 4xx with a reason."""

import pytest

from lanhmanh.activities.models import Activity
from lanhmanh.agencies.roles import Role

from .factories import other_commune

pytestmark = pytest.mark.django_db
URL = "/api/v1/activities"


def test_list_is_scoped_filtered_and_paged(cast, programme, api_as):
    api = api_as(cast.inside[Role.VIEWER])
    body = api.get(URL).json()
    assert body["count"] == Activity.objects.exclude(pk=programme["far"].pk).count()
    assert programme["far"].title not in {a["title"] for a in body["items"]}
    assert api.get(URL, {"kind": "training"}).json()["count"] == 2
    assert api.get(URL, {"kind": "events", "area": cast.commune.pk}).json()["count"] == 2
    assert (
        api.get(URL, {"area": cast.commune.pk, "from": "2026-01-01", "to": "2026-12-31"}).json()[
            "count"
        ]
        == 3
    )
    page = api.get(URL, {"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1
    one = api.get(f"{URL}/{programme['campaign'].pk}").json()
    assert one["communes"] == [programme["campaign"].communes.get().pk]
    assert api.get(f"{URL}/{programme['far'].pk}").status_code == 404


@pytest.mark.parametrize("role", [Role.POLICE, Role.INSPECTOR, Role.CASE_WORKER])
def test_a_role_that_cannot_read_activities_is_refused_as_on_the_page(
    client, cast, programme, role
):
    client.force_login(cast.inside[role])
    assert client.get("/activities/").status_code == 403
    answer = client.get(URL)
    assert answer.status_code == 403 and answer.json()["detail"]
    assert programme["talk"].title not in answer.content.decode()


def test_record_through_the_api(cast, api_as):
    api = api_as(cast.in_commune[Role.REPORTER])
    body = {
        "kind": "training",
        "title": "Tập huấn cho cán bộ phường",
        "held_on": "2026-03-02",
        "unit": cast.commune.pk,
        "organiser": cast.commune_agency.pk,
        "participants": 30,
        "women": 18,
        "men": 12,
    }
    made = api.post(URL, body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["communes"] == [cast.commune.pk]
    # Field errors with a reason, never a 500.
    bad = api.post(URL, {**body, "women": 40}, content_type="application/json")
    assert bad.status_code == 400 and "women" in bad.json()["errors"]
    far = api.post(URL, {**body, "unit": other_commune().pk}, content_type="application/json")
    assert far.status_code == 400 and "unit" in far.json()["errors"]
    province = api.post(URL, {**body, "unit": cast.province.pk}, content_type="application/json")
    assert province.status_code == 400
    viewer = api_as(cast.inside[Role.VIEWER])
    assert viewer.post(URL, body, content_type="application/json").status_code == 403
    assert Activity.objects.count() == 1


def test_ids_out_of_reach_are_a_4xx(cast, api_as):
    api = api_as(cast.inside[Role.COORDINATOR])
    huge = 10**20
    assert api.get(URL, {"area": huge}).status_code in (400, 422)
    body = {"kind": "talk", "title": "x", "held_on": "2026-03-02", "unit": huge, "organiser": huge}
    assert api.post(URL, body, content_type="application/json").status_code in (400, 422)
    # A commune that is not one of the area's: named, not dropped.
    body.update(unit=cast.province.pk, organiser=cast.province_agency.pk, communes=[999_999_999])
    refused = api.post(URL, body, content_type="application/json")
    assert refused.status_code == 400 and "communes" in refused.json()["errors"]
