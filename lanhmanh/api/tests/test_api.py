import pytest
from django.test import Client

from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token, revoke_tokens
from lanhmanh.api.models import ApiToken
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(cast):
    """A client that sends the inside coordinator's bearer token."""
    _token, secret = create_token(cast.inside[Role.COORDINATOR])
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_unauthenticated_is_401(client):
    response = client.get("/api/v1/units")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Bearer nonsense", "Bearer ", "Basic abc", "Bearer " + "x" * 5000]
)
def test_bad_tokens_are_401(client, header):
    assert client.get("/api/v1/units", headers={"Authorization": header}).status_code == 401


def test_provinces(api):
    response = api.get("/api/v1/units", {"level": "province", "limit": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 34
    assert len(body["items"]) == 34
    assert {"id", "code", "name", "level", "parent_id", "valid_from", "valid_to"} <= set(
        body["items"][0]
    )


def test_paging(api):
    first = api.get("/api/v1/units", {"level": "province", "limit": 10}).json()
    second = api.get("/api/v1/units", {"level": "province", "limit": 10, "offset": 10}).json()
    assert first["count"] == second["count"] == 34
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {u["id"] for u in first["items"]} & {u["id"] for u in second["items"]}


@pytest.mark.parametrize("q", ["ha noi", "Hà Nội", "HÀ NỘI"])
def test_unit_search(api, q):
    items = api.get("/api/v1/units", {"q": q, "level": "province"}).json()["items"]
    assert [u["name"] for u in items] == ["Thành phố Hà Nội"]


def test_units_of_a_parent_and_historic_units(api):
    nghe_an = unit("40")
    assert api.get("/api/v1/units", {"parent": nghe_an.pk}).json()["count"] == 130
    before = api.get("/api/v1/units", {"level": "province", "as_of": "2024-01-01"}).json()
    assert before["count"] == 63
    assert api.get("/api/v1/units", {"level": "district"}).json()["count"] == 0


def test_one_unit(api):
    nghe_an = unit("40")
    assert api.get(f"/api/v1/units/{nghe_an.pk}").json()["name"] == "Tỉnh Nghệ An"
    assert api.get("/api/v1/units/999999999").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"level": "hamlet"},
        {"as_of": "31/12/2024"},
        {"as_of": "2024-13-01"},
        {"limit": "0"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"parent": "abc"},
        {"q": "x" * 500},
    ],
)
def test_bad_parameters_are_422_with_a_reason(api, params):
    response = api.get("/api/v1/units", params)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == set(params) and all(errors.values()), errors


def test_agencies_are_scoped(api, cast):
    national = make_agency(None, name="Bộ Y tế")
    names = {a["name"] for a in api.get("/api/v1/agencies", {"limit": 500}).json()["items"]}
    assert {cast.province_agency.name, cast.commune_agency.name, national.name} <= names
    assert cast.other_agency.name not in names


def test_agency_out_of_scope_is_404(api, cast):
    assert api.get(f"/api/v1/agencies/{cast.province_agency.pk}").status_code == 200
    assert api.get(f"/api/v1/agencies/{cast.other_agency.pk}").status_code == 404
    assert api.get("/api/v1/agencies/0").status_code == 404


def test_agency_filters(api, cast):
    found = api.get("/api/v1/agencies", {"q": "truong vinh"}).json()
    assert [a["name"] for a in found["items"]] == [cast.commune_agency.name]
    by_unit = api.get("/api/v1/agencies", {"jurisdiction": cast.commune.pk}).json()
    assert by_unit["count"] == 1
    assert api.get("/api/v1/agencies", {"kind": "spaceship"}).status_code == 422


def test_revoked_token_is_refused(client, cast):
    user = cast.inside[Role.VIEWER]
    _token, secret = create_token(user)
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    assert revoke_tokens(user) == 1
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_inactive_user_token_is_refused(client, cast):
    user = cast.inside[Role.VIEWER]
    _token, secret = create_token(user)
    user.is_active = False
    user.save()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_only_a_digest_is_stored(cast):
    token, secret = create_token(cast.inside[Role.VIEWER])
    stored = ApiToken.objects.filter(pk=token.pk).values()[0]
    assert secret not in {str(v) for v in stored.values()}
    assert secret.startswith(token.prefix)


def test_me(api, cast):
    body = api.get("/api/v1/me").json()
    assert body["username"] == cast.inside[Role.COORDINATOR].username
    assert body["memberships"] == [
        {
            "agency_id": cast.province_agency.pk,
            "agency_name": cast.province_agency.name,
            "role": "coordinator",
        }
    ]


def test_session_auth_works_for_a_logged_in_browser(client, cast):
    client.force_login(cast.inside[Role.REPORTER])
    assert client.get("/api/v1/units", {"level": "province"}).json()["count"] == 34


def test_openapi_document_and_docs_page(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/units", "/api/v1/agencies", "/api/v1/units/{unit_id}"} <= set(spec["paths"])
    assert "BearerToken" in spec["components"]["securitySchemes"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_list_query_counts(api, cast, django_assert_num_queries):
    api.get("/api/v1/agencies")
    for i in range(20):
        make_agency(cast.province, name=f"Cơ quan {i}")
    # token lookup, grants, count, page
    with django_assert_num_queries(4):
        assert api.get("/api/v1/agencies").status_code == 200
    with django_assert_num_queries(3):  # token, count, page: units are not scoped
        assert api.get("/api/v1/units", {"level": "province"}).status_code == 200
