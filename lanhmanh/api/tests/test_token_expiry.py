"""API tokens end: soon for a user who may read identities or contacts, later for others.

A token of a user whose role reads identities (a case's team, break-glass, the issuing
agency of a sanction, the agency handling a tip: ``api.actions.IDENTITY_ACTIONS`` by the
policy) lasts ``LANHMANH_TOKEN_DAYS_SENSITIVE`` days (90); others ``LANHMANH_TOKEN_DAYS``
(365, 0 for no end). An ended token answers 401 with the reason, and so does a token
made before its user could read identities (made without a two-factor check).
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from lanhmanh.agencies.models import Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.api.actions import create_token, reads_identities, user_for_token
from lanhmanh.api.models import ApiToken

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def me(secret):
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})


def days_left(token) -> float:
    return (token.expires_at - timezone.now()) / DAY


@pytest.mark.parametrize(
    ("role", "sensitive"),
    [
        (Role.CASE_WORKER, True),  # a case's team
        (Role.COORDINATOR, True),  # break-glass
        (Role.POLICE, True),  # tip senders' contacts, sanctioned people
        (Role.INSPECTOR, True),  # sanctioned people
        (Role.VIEWER, False),
        (Role.REPORTER, False),
        (Role.ADMIN, False),
    ],
)
def test_who_reads_identities_by_the_policy(cast, role, sensitive):
    assert reads_identities(cast.inside[role]) is sensitive


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.POLICE, Role.INSPECTOR])
def test_a_token_that_reaches_identities_lasts_90_days(cast, role):
    token, secret = create_token(cast.inside[role], "script")
    assert token.identity_access
    assert 89.9 < days_left(token) <= 90
    assert me(secret).status_code == 200


def test_other_tokens_last_a_year_or_as_set(cast, settings):
    token, _secret = create_token(cast.inside[Role.VIEWER], "bảng tính")
    assert not token.identity_access and 364.9 < days_left(token) <= 365
    settings.API_TOKEN_DAYS = 0
    endless, secret = create_token(cast.inside[Role.VIEWER], "bảng tính")
    assert endless.expires_at is None and me(secret).status_code == 200
    settings.API_TOKEN_DAYS_SENSITIVE = 30
    short, _secret = create_token(cast.inside[Role.POLICE], "script")
    assert 29.9 < days_left(short) <= 30


@pytest.mark.parametrize("role", [Role.POLICE, Role.VIEWER])
def test_an_ended_token_answers_401_with_the_reason(cast, role):
    token, secret = create_token(cast.inside[role], "script")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - DAY)
    response = me(secret)
    assert response.status_code == 401
    detail = response.json()["detail"]
    assert "expired" in detail and token.prefix in detail
    assert user_for_token(secret) is None


def test_a_token_made_before_the_user_could_read_identities_is_refused(cast):
    user = cast.inside[Role.VIEWER]
    _token, secret = create_token(user, "bảng tính")
    assert me(secret).status_code == 200
    Membership.objects.create(user=user, agency=cast.province_agency, role=Role.POLICE)
    response = me(secret)
    assert response.status_code == 401
    assert "two-factor" in response.json()["detail"]
    assert user_for_token(secret) is None


@override_settings(API_TOKEN_DAYS_SENSITIVE=0)
def test_identity_tokens_cannot_be_made_endless(cast):
    with pytest.raises(ValueError):
        create_token(cast.inside[Role.POLICE], "script")


def test_the_token_list_shows_when_each_token_ends(client, cast, settings):
    user = cast.inside[Role.VIEWER]
    dated, _secret = create_token(user, "bảng tính")
    settings.API_TOKEN_DAYS = 0
    create_token(user, "vô hạn")
    client.force_login(user)
    client.cookies["lanhmanh_language"] = "en"
    page = client.get(reverse("account")).text
    assert "Expires" in page
    assert timezone.localtime(dated.expires_at).strftime("%d/%m/%Y") in page
    assert "never" in page
