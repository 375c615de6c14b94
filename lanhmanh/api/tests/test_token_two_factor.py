"""A token that reaches identities is made only right after a two-factor check.

A password (or a session left open) is not enough to mint a long-lived key to people's
identities: the token page asks for a fresh code from the authenticator app — enrolling
one first for a role that signs in without it (police, inspectors) — and one code makes
one token. Users who read no identities make tokens as before.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.api.models import ApiToken
from lanhmanh.security import twofactor
from lanhmanh.security.tests.codes import code_of, enrolled, password_step, reusable

pytestmark = pytest.mark.django_db

CONFIRM = reverse("security:confirm")


def make_token(client, name="script"):
    return client.post(reverse("token_create"), {"name": name})


def test_a_session_without_a_fresh_code_is_sent_to_confirm(client, cast):
    user = cast.inside[Role.CASE_WORKER]
    enrolled(user)
    client.force_login(user)  # e.g. a session left open, or signed in hours ago
    page = client.get(reverse("account"))
    assert page.context["needs_code"]
    assert 'name="name"' not in page.text and CONFIRM in page.text
    response = make_token(client)
    assert response.status_code == 302
    assert response.url == f"{CONFIRM}?next={reverse('account')}"
    assert not ApiToken.objects.exists()


def test_a_fresh_code_allows_one_token(client, cast):
    user = cast.inside[Role.CASE_WORKER]
    device = enrolled(user)
    client.force_login(user)
    form = client.get(f"{CONFIRM}?next=/accounts/")
    assert form.status_code == 200 and 'name="code"' in form.text
    confirmed = client.post(CONFIRM, {"code": code_of(device), "next": "/accounts/"})
    assert confirmed.status_code == 302 and confirmed.url == "/accounts/"
    assert 'name="name"' in client.get(reverse("account")).text
    assert make_token(client).url == reverse("account")
    token = ApiToken.objects.get(user=user)
    assert token.identity_access
    # The code is spent: a second token needs another one.
    assert make_token(client, "another").url.startswith(CONFIRM)
    assert ApiToken.objects.count() == 1


def test_signing_in_with_a_code_counts_as_the_check(client, cast):
    user = cast.inside[Role.COORDINATOR]
    device = enrolled(user)
    password_step(client, user)
    client.post(reverse("security:verify"), {"code": code_of(device)})
    assert make_token(client).url == reverse("account")
    assert ApiToken.objects.filter(user=user).count() == 1


def test_the_check_is_fresh_for_a_few_minutes_only(client, cast, settings):
    assert settings.TWO_FACTOR_FRESH_MINUTES == 5
    user = cast.inside[Role.CASE_WORKER]
    device = enrolled(user)
    client.force_login(user)
    client.post(CONFIRM, {"code": code_of(device)})
    session = client.session
    session[twofactor.CHECKED_AT] -= 5 * 60 + 1
    session.save()
    assert make_token(client).url.startswith(CONFIRM)
    assert not ApiToken.objects.exists()


def test_an_open_redirect_is_not_followed(client, cast):
    user = cast.inside[Role.CASE_WORKER]
    device = enrolled(user)
    client.force_login(user)
    response = client.post(CONFIRM, {"code": code_of(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("account")


def test_wrong_codes_are_refused_and_count_as_failed_logins(client, cast):
    user = cast.inside[Role.CASE_WORKER]
    enrolled(user)
    client.force_login(user)
    response = client.post(CONFIRM, {"code": "000000"})
    assert response.status_code == 200 and "code" in response.context["form"].errors
    assert AccessAttempt.objects.get(username=user.username).failures_since_start == 1
    assert make_token(client).url.startswith(CONFIRM)


def test_a_locked_account_is_signed_out_at_the_check(client, cast, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = cast.inside[Role.CASE_WORKER]
    device = enrolled(user)
    client.force_login(user)
    client.post(CONFIRM, {"code": "000000"})
    locked = client.post(CONFIRM, {"code": "000001"})
    assert locked.status_code == 429
    reusable(device)
    assert client.post(CONFIRM, {"code": code_of(device)}).status_code == 302
    assert client.get(reverse("account")).status_code == 302  # signed out
    assert not ApiToken.objects.exists()


def test_police_enrol_an_authenticator_before_their_first_token(client, cast):
    user = cast.inside[Role.POLICE]
    assert twofactor.authenticator(user) is None
    client.force_login(user)  # police sign in with the password alone
    page = client.get(f"{CONFIRM}?next=/accounts/")
    assert page.status_code == 200 and page.context["secret"]
    device = twofactor.authenticator(user) or user.totpdevice_set.get()
    done = client.post(CONFIRM, {"code": code_of(device), "next": "/accounts/"})
    assert done.url == reverse("security:recovery_codes")
    codes = client.get(done.url)
    assert len(codes.context["codes"]) == 10 and codes.context["next"] == "/accounts/"
    assert twofactor.authenticator(user) is not None
    assert make_token(client).url == reverse("account")
    assert ApiToken.objects.get(user=user).identity_access


def test_users_who_read_no_identities_need_no_code(client, cast):
    user = cast.inside[Role.VIEWER]
    client.force_login(user)
    page = client.get(reverse("account"))
    assert not page.context["needs_code"] and 'name="name"' in page.text
    assert make_token(client).url == reverse("account")
    assert not ApiToken.objects.get(user=user).identity_access
