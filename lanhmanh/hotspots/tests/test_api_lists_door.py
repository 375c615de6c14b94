"""The hotspots list of the API refuses, as its page does, a role that may not read it."""

import pytest
from django.urls import reverse

from lanhmanh.agencies.roles import Role

from .factories import make_hotspot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.VIEWER, Role.REPORTER])
def test_a_role_that_cannot_read_hotspots_is_refused_alike(client, cast, role):
    make_hotspot(cast.inside[Role.POLICE], name="Tụ điểm Bến Thủy")
    client.force_login(cast.inside[role])
    assert client.get(reverse("hotspots:list")).status_code == 403
    answer = client.get("/api/v1/hotspots")
    assert answer.status_code == 403 and answer.json()["detail"]
    assert "Bến Thủy" not in answer.content.decode()
    client.force_login(cast.inside[Role.INSPECTOR])
    assert client.get("/api/v1/hotspots").json()["count"] == 1
