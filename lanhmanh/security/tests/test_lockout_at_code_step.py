"""A locked account cannot finish a sign-in that already passed the password step.

The lockout (django-axes) counts wrong passwords and wrong codes per user name. A sign-in
waiting at the code step when the lock falls — from wrong codes of this very session, or
from guesses elsewhere — must not complete, even with the right code.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanhmanh.agencies.roles import Role
from lanhmanh.security import actions

from .codes import code_of, enrolled, password_step

pytestmark = pytest.mark.django_db


def failures(user) -> int:
    return sum(
        AccessAttempt.objects.filter(username=user.get_username()).values_list(
            "failures_since_start", flat=True
        )
    )


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=3)
def test_lock_from_elsewhere_stops_a_sign_in_waiting_for_its_code(client, cast):
    user = cast.inside[Role.COORDINATOR]
    device = enrolled(user)
    assert password_step(client, user).url == reverse("security:verify")
    # Someone else guesses the password until the account locks.
    guesser = Client()
    for _ in range(3):
        password_step(guesser, user, "wrong password")
    assert password_step(guesser, user).status_code == 429
    # The session that already passed the password step gets no further.
    response = client.post(reverse("security:verify"), {"code": code_of(device)})
    assert response.status_code == 429
    assert "security/verify.html" not in [t.name for t in response.templates]
    assert not signed_in(client)
    # Nor once the device would accept the code again: the pending sign-in is gone.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, last_t=-1)
    again = client.post(reverse("security:verify"), {"code": code_of(device)})
    assert again.status_code == 302 and again.url == reverse("login")
    assert not signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_wrong_codes_that_lock_the_account_end_the_waiting_sign_in(client, cast):
    user = cast.inside[Role.CASE_WORKER]
    device = enrolled(user)
    password_step(client, user)
    first = client.post(reverse("security:verify"), {"code": "000000"})
    assert first.status_code == 200 and "code" in first.context["form"].errors
    assert failures(user) == 1
    locking = client.post(reverse("security:verify"), {"code": "000001"})
    assert failures(user) == 2  # wrong codes keep counting: now locked
    assert locking.status_code == 429
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, last_t=-1)
    response = client.post(reverse("security:verify"), {"code": code_of(device)})
    assert response.status_code == 302 and response.url == reverse("login")
    assert not signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=2)
def test_lock_stops_a_first_sign_in_at_the_enrolment_step(client, cast):
    user = cast.inside[Role.ADMIN]
    assert password_step(client, user).url == reverse("security:setup")
    device = actions.start_enrolment(user)
    guesser = Client()
    for _ in range(2):
        password_step(guesser, user, "wrong password")
    response = client.post(reverse("security:setup"), {"code": code_of(device)})
    assert response.status_code == 429
    device.refresh_from_db()
    assert not device.confirmed and not signed_in(client)
