"""Signing in with codes in tests: the password step, an enrolled authenticator, the
code it shows now."""

from __future__ import annotations

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanhmanh.security import actions
from lanhmanh.testing import PASSWORD


def password_step(client, user, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": password, **extra})


def code_of(device: TOTPDevice, shift: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, t0=device.t0 - shift * device.step):06d}"


def reusable(device: TOTPDevice) -> TOTPDevice:
    """The device accepts its current code again (a test signs in twice in one step)."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    device.refresh_from_db()
    return device


def enrolled(user) -> TOTPDevice:
    device = actions.start_enrolment(user)
    actions.confirm_enrolment(user, device, code_of(device))
    device.refresh_from_db()
    return reusable(device)
