"""The API's lists answer as the pages do: a role that may not read a register gets a
403 with a reason, not an empty list (the web refuses the same user)."""

import pytest
from django.urls import reverse

from lanhmanh.agencies.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "api, page",
    [
        ("/api/v1/establishments", "inspections:list"),
        ("/api/v1/inspections", "inspections:inspections"),
    ],
)
@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.VIEWER, Role.REPORTER])
def test_a_register_the_role_cannot_read_is_refused_alike(client, cast, here, api, page, role):
    client.force_login(cast.inside[role])
    assert client.get(reverse(page)).status_code == 403
    answer = client.get(api)
    assert answer.status_code == 403
    assert answer.json()["detail"]
    assert "Karaoke" not in answer.content.decode()


def test_a_reader_still_gets_the_list(client, cast, here):
    client.force_login(cast.inside[Role.POLICE])
    answer = client.get("/api/v1/establishments")
    assert answer.status_code == 200
    assert [item["name"] for item in answer.json()["items"]] == ["Karaoke Hoa Mai"]
