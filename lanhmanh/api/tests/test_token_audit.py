"""Making and revoking a token each write one audit row naming who did it."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token, revoke_tokens
from lanhmanh.api.models import ApiToken
from lanhmanh.audit.models import Change, ChangeAction

pytestmark = pytest.mark.django_db


def rows_of(token):
    kind = ContentType.objects.get_for_model(ApiToken)
    return list(Change.objects.filter(content_type=kind, object_id=token.pk).order_by("pk"))


def test_the_account_page_records_who_made_and_revoked_a_token(client, cast):
    user = cast.inside[Role.VIEWER]
    client.force_login(user)
    client.post(reverse("token_create"), {"name": "bảng tính"})
    secret = client.get(reverse("account")).context["new_token"]
    token = ApiToken.objects.get(user=user)
    [made] = rows_of(token)
    assert made.action == ChangeAction.CREATED and made.actor == user
    assert made.fields["prefix"] == [None, token.prefix]
    assert made.fields["name"] == [None, "bảng tính"]
    assert "expires_at" in made.fields
    assert secret not in str(made.fields) and token.digest not in str(made.fields)
    client.post(reverse("token_revoke", args=[token.pk]))
    made_again, revoked = rows_of(token)
    assert made_again == made
    assert revoked.action == ChangeAction.UPDATED and revoked.actor == user
    assert revoked.fields["revoked_at"][0] is None and revoked.fields["revoked_at"][1]


def test_the_command_line_records_the_operator(cast, capsys):
    user = cast.inside[Role.VIEWER]
    call_command("create_token", user.username, name="cron")
    [made] = rows_of(ApiToken.objects.get(user=user))
    assert made.actor is None and "command line" in made.note
    call_command("revoke_token", user.username)
    _made, revoked = rows_of(ApiToken.objects.get(user=user))
    assert revoked.actor is None and "command line" in revoked.note


def test_revoking_all_writes_a_row_per_token(cast):
    user = cast.inside[Role.VIEWER]
    tokens = [create_token(user, f"t{i}")[0] for i in range(3)]
    admin = cast.inside[Role.ADMIN]
    assert revoke_tokens(user, acting_user=admin) == 3
    for token in tokens:
        assert [c.actor for c in rows_of(token)] == [user, admin]


def test_nobody_makes_or_revokes_tokens_for_someone_else(cast):
    owner = cast.inside[Role.POLICE]
    token, _secret = create_token(owner, "script")
    with pytest.raises(PermissionDenied):
        create_token(owner, "theirs", acting_user=cast.inside[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        revoke_tokens(owner, acting_user=cast.inside[Role.COORDINATOR])
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.filter(user=owner).count() == 1
    assert len(rows_of(token)) == 1
