"""The demo's two-factor devices: one published secret for every demo login that needs a
code, so that anyone can try the demo with an authenticator app (or ``oathtool``).
Never on a server: the secret is in the source code."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from . import actions, twofactor

DEMO_TOTP_SECRET = "LANHMANHDEMOTOTPSECRETKEY2345672"  # noqa: S105 - published demo only


def give_demo_devices(usernames) -> list[str]:
    """A confirmed authenticator with the demo secret for those of ``usernames`` who need
    one; their names."""
    given = []
    for user in get_user_model().objects.filter(username__in=list(usernames)).order_by("pk"):
        if twofactor.requires_two_factor(user):
            actions.give_authenticator(user, DEMO_TOTP_SECRET)
            given.append(user.username)
    return given


def current_code(secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator app shows now for ``secret``."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(twofactor.key_from_secret(secret))):06d}"
