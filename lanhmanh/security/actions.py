"""State changes of the security app: authenticators and recovery codes.

The audit log says who enrolled, used a recovery code or renewed them; never a key or
a code. Resetting someone's two-factor sign-in is an administrator's act (``user.manage``)
and writes an audit row naming them.
"""

from __future__ import annotations

import logging
import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lanhmanh.agencies import policy
from lanhmanh.audit.actions import record_change

from . import twofactor

log = logging.getLogger("lanhmanh.audit")


def start_enrolment(user) -> TOTPDevice:
    """An unconfirmed authenticator for ``user`` (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False, key=secrets.token_hex(20)
        )
    return device


@transaction.atomic
def confirm_enrolment(user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; the recovery codes, or None."""
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(twofactor.normalise(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    log.info("two-factor authenticator enrolled user=%s", user.pk)
    return renew_recovery_codes(user)


@transaction.atomic
def renew_recovery_codes(user) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [twofactor.new_recovery_code() for _ in range(twofactor.RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    log.info("two-factor recovery codes renewed user=%s", user.pk)
    return codes


@transaction.atomic
def reset_two_factor(user, *, acting_user) -> None:
    """An administrator's reset for a user who lost both phone and codes: the user
    enrols again at the next sign-in."""
    policy.require(acting_user, "user.manage")
    before = {
        "authenticator": twofactor.authenticator(user) is not None,
        "recovery_codes": twofactor.recovery_codes_left(user),
    }
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    after = {"authenticator": False, "recovery_codes": 0}
    record_change(acting_user, user, before, after, note="two-factor sign-in reset")
    log.info("two-factor reset user=%s by=%s", user.pk, acting_user.pk)


def give_authenticator(user, secret: str) -> TOTPDevice:
    """A confirmed authenticator with a known secret (the published demo logins only)."""
    key = twofactor.key_from_secret(secret)
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name="demo authenticator", defaults={"key": key, "confirmed": True}
    )
    return device
