"""Two-factor sign-in: who needs it, and checking a code (django-otp's devices).

Roles that reach people's identities or the whole system (``settings.TWO_FACTOR_ROLES``:
admin, coordinator, case_worker, and any Django superuser) sign in with a password and
then a six-digit code from an authenticator app (TOTP, RFC 6238). Ten single-use
recovery codes stand in for a lost phone.

A code also opens a few minutes (``settings.TWO_FACTOR_FRESH_MINUTES``) in which a
session may do what needs a *fresh* check, such as making an API token that reaches
identities (``mark_fresh``, ``fresh``, ``spend_fresh``): a session that signed in
with a code hours ago, or never did, is asked for one again.
"""

from __future__ import annotations

import base64
import secrets
import time

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
CHECKED_AT = "lanhmanh_two_factor_at"  # session key: when a code was last accepted


def requires_two_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    roles = set(getattr(settings, "TWO_FACTOR_ROLES", ()))
    return user.memberships.filter(role__in=roles).exists()


def authenticator(user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def secret_of(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app takes."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def key_from_secret(secret: str) -> str:
    """django-otp's hex key for a base32 secret."""
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded).hex()


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str:
    return "".join(code.split()).lower()


def verify(user, code: str):
    """The device that accepts ``code`` for ``user`` (a recovery code is used up), or None."""
    code = normalise(code)
    if not code:
        return None
    if code.isdigit():
        device = authenticator(user)
        if device is not None and device.verify_token(code):
            return device
        return None
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def recovery_codes_left(user) -> int:
    return sum(d.token_set.count() for d in StaticDevice.objects.filter(user=user))


def mark_fresh(request) -> None:
    """The session's user just gave a right code."""
    request.session[CHECKED_AT] = time.time()


def fresh(request) -> bool:
    """Whether the session's user gave a right code within the last few minutes."""
    at = request.session.get(CHECKED_AT)
    window = settings.TWO_FACTOR_FRESH_MINUTES * 60
    return isinstance(at, int | float) and 0 <= time.time() - at <= window


def spend_fresh(request) -> None:
    """One code, one sensitive act: the next needs another code."""
    request.session.pop(CHECKED_AT, None)
