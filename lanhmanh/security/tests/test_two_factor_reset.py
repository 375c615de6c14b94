"""Resetting someone's two-factor sign-in is an administrator's act, written to the audit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanhmanh.agencies.roles import Role
from lanhmanh.audit.models import Change
from lanhmanh.security import actions, twofactor

from .codes import enrolled

pytestmark = pytest.mark.django_db


def rows_of(user):
    kind = ContentType.objects.get_for_model(get_user_model())
    return list(Change.objects.filter(content_type=kind, object_id=user.pk))


def test_an_administrator_resets_and_the_audit_says_who(cast):
    user = cast.inside[Role.CASE_WORKER]
    enrolled(user)
    actions.renew_recovery_codes(user)
    admin = cast.inside[Role.ADMIN]
    actions.reset_two_factor(user, acting_user=admin)
    assert twofactor.authenticator(user) is None
    assert not StaticDevice.objects.filter(user=user).exists()
    [row] = rows_of(user)
    assert row.actor == admin and "two-factor" in row.note
    assert row.fields["authenticator"] == [True, False]
    assert row.fields["recovery_codes"] == [10, 0]


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CASE_WORKER, Role.VIEWER])
def test_others_cannot_reset(cast, role):
    user = cast.inside[Role.CASE_WORKER]
    enrolled(user)
    with pytest.raises(PermissionDenied):
        actions.reset_two_factor(user, acting_user=cast.inside[role])
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert rows_of(user) == []


def test_the_command_names_the_administrator(cast, capsys):
    user = cast.inside[Role.CASE_WORKER]
    enrolled(user)
    admin = cast.inside[Role.ADMIN]
    with pytest.raises(CommandError):
        call_command("reset_two_factor", user.username, "--by", cast.inside[Role.VIEWER].username)
    assert twofactor.authenticator(user) is not None
    call_command("reset_two_factor", user.username, "--by", admin.username)
    assert twofactor.authenticator(user) is None
    [row] = rows_of(user)
    assert row.actor == admin
    assert user.username in capsys.readouterr().out
