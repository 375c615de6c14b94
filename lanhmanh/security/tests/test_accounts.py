"""Accounts: two-factor sign-in for the sensitive roles, recovery codes, lockout,
session expiry, password rules."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanhmanh.agencies.roles import Role
from lanhmanh.security import actions, twofactor
from lanhmanh.security.demo import DEMO_TOTP_SECRET, current_code
from lanhmanh.testing import PASSWORD, make_user

from .codes import code_of, enrolled, password_step

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", Role.values)
def test_who_needs_a_code(cast, role):
    assert twofactor.requires_two_factor(cast.inside[role]) == (
        role in {"admin", "coordinator", "case_worker"}
    )


def test_a_superuser_always_needs_a_code(db):
    assert twofactor.requires_two_factor(make_user(is_superuser=True, is_staff=True))


def test_other_roles_sign_in_with_the_password_alone(client, cast):
    response = password_step(client, cast.inside[Role.POLICE])
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200


def test_first_sign_in_enrols_an_authenticator_and_shows_recovery_codes(client, cast):
    user = cast.inside[Role.COORDINATOR]
    response = password_step(client, user, next="/plans/")
    assert response.url == reverse("security:setup")
    # The password alone does not open anything.
    assert client.get("/").status_code == 302
    page = client.get(reverse("security:setup"))
    secret = page.context["secret"]
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert page.context["qr"].startswith("data:image/svg+xml;base64,")
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert twofactor.secret_of(device) == secret

    wrong = client.post(reverse("security:setup"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    done = client.post(reverse("security:setup"), {"code": code_of(device)})
    assert done.url == reverse("security:recovery_codes")
    codes_page = client.get(done.url)
    codes = codes_page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert codes_page.context["next"] == "/plans/"
    # Shown once only.
    assert client.get(reverse("security:recovery_codes")).status_code == 302
    home = client.get("/")
    assert home.status_code == 200 and home.wsgi_request.user.is_verified()


def test_second_sign_in_asks_for_the_code(client, cast):
    user = cast.inside[Role.CASE_WORKER]
    device = enrolled(user)
    assert password_step(client, user).url == reverse("security:verify")
    assert client.get("/").status_code == 302
    response = client.post(reverse("security:verify"), {"code": code_of(device)})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").wsgi_request.user == user


def test_a_code_works_once(client, cast):
    user = cast.inside[Role.ADMIN]
    device = enrolled(user)
    code = code_of(device)
    password_step(client, user)
    assert client.post(reverse("security:verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    password_step(client, user)
    again = client.post(reverse("security:verify"), {"code": code})
    assert again.status_code == 200
    assert "code" in again.context["form"].errors


def test_a_recovery_code_signs_in_once(client, cast):
    user = cast.inside[Role.COORDINATOR]
    enrolled(user)
    codes = actions.renew_recovery_codes(user)
    password_step(client, user)
    response = client.post(reverse("security:verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert twofactor.recovery_codes_left(user) == 9
    client.post(reverse("logout"))
    password_step(client, user)
    assert client.post(reverse("security:verify"), {"code": codes[0]}).status_code == 200


def test_renewing_recovery_codes_needs_a_verified_session(client, cast):
    user = cast.inside[Role.COORDINATOR]
    device = enrolled(user)
    old = actions.renew_recovery_codes(user)
    client.force_login(user)  # not verified with a code
    assert client.post(reverse("security:renew_recovery_codes")).url == reverse("account")
    client.post(reverse("logout"))
    password_step(client, user)
    signed_in = client.post(reverse("security:verify"), {"code": code_of(device)})
    assert signed_in.status_code == 302 and signed_in.url == "/"
    response = client.post(reverse("security:renew_recovery_codes"))
    assert response.url == reverse("security:recovery_codes")
    new = client.get(response.url).context["codes"]
    assert set(new).isdisjoint(old)
    assert twofactor.verify(user, new[1]) is not None
    assert twofactor.verify(user, old[1]) is None


@override_settings(AXES_FAILURE_LIMIT=4)
def test_wrong_codes_end_the_sign_in_and_count_towards_the_lockout(client, cast):
    user = cast.inside[Role.COORDINATOR]
    device = enrolled(user)
    password_step(client, user)
    for _ in range(2):
        assert client.post(reverse("security:verify"), {"code": "123456"}).status_code == 200
    third = client.post(reverse("security:verify"), {"code": "123456"})
    assert third.status_code == 302 and third.url == reverse("login")
    # The pending sign-in is gone: even the right code needs the password again.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert client.post(reverse("security:verify"), {"code": code_of(device)}).status_code == 302
    assert client.get("/").status_code == 302
    # Three wrong codes and one wrong password: locked, right password or not.
    assert password_step(client, user, "wrong").status_code == 429
    assert password_step(client, user).status_code == 429


def test_repeated_wrong_codes_are_throttled(cast):
    user = cast.inside[Role.COORDINATOR]
    device = enrolled(user)
    assert twofactor.verify(user, "000000") is None
    # Right after a failure the device refuses even the right code for a while.
    assert twofactor.verify(user, code_of(device)) is None


def test_a_pending_sign_in_expires(client, cast, monkeypatch):
    user = cast.inside[Role.COORDINATOR]
    device = enrolled(user)
    password_step(client, user)
    import lanhmanh.security.views as views

    monkeypatch.setattr(views, "PENDING_SECONDS", -1)
    response = client.post(reverse("security:verify"), {"code": code_of(device)})
    assert response.url == reverse("login")
    assert client.get("/").status_code == 302


def test_code_pages_without_a_pending_sign_in_send_to_the_login(client):
    for name in ("security:verify", "security:setup"):
        assert client.get(reverse(name)).url == reverse("login")


def test_the_admin_site_signs_in_through_the_two_step_login(client, cast):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_demo_users_get_the_published_authenticator(db):
    from lanhmanh.demo.replay import load_demo

    load_demo(with_plans=False)
    devices = TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True)
    assert set(devices) == {"admin", "coordinator", "caseworker"}
    device = TOTPDevice.objects.get(user__username="coordinator")
    assert twofactor.secret_of(device) == DEMO_TOTP_SECRET
    assert device.verify_token(current_code())


def test_an_idle_session_expires(client, cast, settings):
    assert settings.SESSION_COOKIE_AGE == 120 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    user = cast.inside[Role.POLICE]
    password_step(client, user)
    assert client.get("/").status_code == 200
    session = Session.objects.get()
    assert session.expire_date > timezone.now() + datetime.timedelta(minutes=119)
    # A request right after another writes nothing: the end moves at most once a minute.
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/").status_code == 200
    assert not [
        q
        for q in seen.captured_queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]
    # Back after an hour (the session ends in an hour): the end is pushed again.
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=60))
    assert client.get("/").status_code == 200
    assert Session.objects.get().expire_date > timezone.now() + datetime.timedelta(minutes=119)
    # A session left idle past its end is over.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get("/").status_code == 302


def test_a_visitor_with_no_session_gets_none(client, db):
    client.cookies["sessionid"] = "no-such-session"
    assert client.get(reverse("login")).status_code == 200
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short-pw1", "too short"),
        ("123456789012345", "entirely numeric"),
        ("password12345", "too common"),
        ("police_in_2026", "too similar"),
    ],
)
def test_password_rules(client, cast, password, why):
    user = cast.inside[Role.POLICE]
    client.force_login(user)
    client.cookies["lanhmanh_language"] = "en"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["new_password2"])
    assert why in errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_the_session_store_tells_when_a_stored_session_ends(cast):
    from asgiref.sync import async_to_sync

    from lanhmanh.sessions import SessionStore

    store = SessionStore()
    store["x"] = 1
    store.save()
    ends = Session.objects.get(session_key=store.session_key).expire_date
    loaded = SessionStore(store.session_key)
    assert loaded["x"] == 1 and loaded.expires_at == ends
    loaded_async = SessionStore(store.session_key)
    assert async_to_sync(loaded_async.aload)() == {"x": 1}
    assert loaded_async.expires_at == ends
    assert SessionStore("no-such-session").load() == {}
