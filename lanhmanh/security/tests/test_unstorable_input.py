"""Input no database column can hold (NUL, numbers past 64 bits) is refused at the door
with a 4xx, on SQLite and PostgreSQL alike — these were 500s before (found by fuzzing)."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize(
    "path",
    [f"/plans/{HUGE}/", f"/establishments/{HUGE}/", f"/reports/periods/{HUGE}/export.docx"],
)
def test_a_page_number_past_64_bits_is_not_found(cast, client, path):
    client.force_login(cast.inside["coordinator"])
    assert client.get(path).status_code == 404


def test_api_numbers_past_64_bits_and_nul_are_refused(cast, client):
    client.force_login(cast.inside["police"])
    assert client.get(f"/api/v1/agencies?jurisdiction=-{HUGE}").status_code == 400
    assert client.get(f"/api/v1/agencies/{HUGE}").status_code == 404
    assert client.get("/api/v1/hotspots?q=a%00b").status_code == 400
    response = client.post(
        "/api/v1/hotspots",
        '{"name": "Tụ điểm\\u0000", "commune_id": 1}',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    response = client.post(
        "/api/v1/hotspots", f'{{"commune_id": {HUGE}}}', content_type="application/json"
    )
    assert response.status_code == 400


def test_forms_with_nul_are_refused_before_the_view(cast, client):
    client.force_login(cast.inside["police"])
    response = client.post("/tips/report/", {"content": "x\x00y"})
    assert response.status_code == 400
    assert client.get("/establishments/?q=%00").status_code == 400


def test_ordinary_numbers_and_text_pass(cast, client):
    client.force_login(cast.inside["coordinator"])
    assert client.get("/api/v1/agencies?jurisdiction=9223372036854775807").status_code == 200
    assert client.get("/units/?q=Ngh%E1%BB%87+An").status_code == 200
