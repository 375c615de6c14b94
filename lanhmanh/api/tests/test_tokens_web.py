import pytest
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.api.models import ApiToken

pytestmark = pytest.mark.django_db


def test_create_show_once_and_revoke(client, cast):
    user = cast.inside[Role.REPORTER]
    client.force_login(user)
    response = client.post(reverse("token_create"), {"name": "bảng tính thống kê"})
    assert response.status_code == 302
    page = client.get(reverse("account"))
    secret = page.context["new_token"]
    assert secret and secret in page.content.decode()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    )
    # Shown once only.
    again = client.get(reverse("account"))
    assert again.context["new_token"] is None
    assert secret not in again.content.decode()
    token = ApiToken.objects.get(user=user)
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 302
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_cannot_revoke_someone_elses_token(client, cast):
    from lanhmanh.api.actions import create_token

    token, _secret = create_token(cast.inside[Role.POLICE])
    client.force_login(cast.inside[Role.REPORTER])
    assert client.post(reverse("token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_needs_a_name(client, cast):
    client.force_login(cast.inside[Role.REPORTER])
    response = client.post(reverse("token_create"), {"name": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()
