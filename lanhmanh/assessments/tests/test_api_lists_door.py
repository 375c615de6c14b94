"""The assessments list of the API refuses, as its page does, a role that may not read it."""

import pytest
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.assessments import actions

from .factories import default_set

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.POLICE, Role.INSPECTOR])
def test_a_role_that_cannot_read_assessments_is_refused_alike(client, cast, role):
    default_set()
    actions.create_assessment(cast.in_commune[Role.REPORTER], cast.commune, 2025, "Tự đánh giá")
    client.force_login(cast.inside[role])
    assert client.get(reverse("assessments:list")).status_code == 403
    answer = client.get("/api/v1/assessments")
    assert answer.status_code == 403 and answer.json()["detail"]
    assert "Tự đánh giá" not in answer.content.decode()
    client.force_login(cast.inside[Role.VIEWER])
    assert client.get("/api/v1/assessments").json()["count"] == 1
