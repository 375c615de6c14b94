"""Issuing, using and revoking API tokens.

A token of a user who may read identities or contacts (``reads_identities``: any role
that the policy lets do one of ``IDENTITY_ACTIONS`` somewhere) reaches the most
dangerous data of the system without a code at each use, so it is short-lived
(``settings.API_TOKEN_DAYS_SENSITIVE``, 90 days) and the web page makes one only right
after a two-factor check (``security.twofactor.fresh``); the command line is the
server operator's door and needs none. Other tokens end after
``settings.API_TOKEN_DAYS`` (365; 0: until revoked). A token made before its user could
read identities is refused at use: it was made without that check.

Only the owner makes their tokens; the owner, an administrator (``user.manage``) or
the operator (``acting_user=None``) revokes them. Each made or revoked token writes
one audit row naming who did it; never the token or its digest.
"""

from __future__ import annotations

import datetime
import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies import policy
from lanhmanh.audit.actions import record_change, snapshot

from .models import ApiToken, token_digest

log = logging.getLogger("lanhmanh.audit")
PREFIX = "lm_"
# Writing last_used_at on every call would turn each GET into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)
# What makes a user's token sensitive: reading an identity or a contact anywhere.
IDENTITY_ACTIONS = (
    "case.read_identity",
    "case.break_glass",
    "sanction.read_identity",
    "tip.reveal_contact",
)
AUDITED_FIELDS = ["user", "name", "prefix", "expires_at", "identity_access"]
COMMAND_LINE = "command line"


class _Owner:
    """The default acting user: the token's owner, on their own account page."""

    def __repr__(self) -> str:
        return "OWNER"


OWNER = _Owner()


def reads_identities(user) -> bool:
    """Whether ``user`` may read identities or contacts anywhere, by the policy."""
    return any(policy.can(user, action) for action in IDENTITY_ACTIONS)


def lifetime(user) -> datetime.timedelta | None:
    """How long a token made now for ``user`` lasts (None: until revoked)."""
    if reads_identities(user):
        days = settings.API_TOKEN_DAYS_SENSITIVE
        if days < 1:
            raise ValueError("tokens that reach identities must end: set a number of days")
        return datetime.timedelta(days=days)
    days = settings.API_TOKEN_DAYS
    return datetime.timedelta(days=days) if days > 0 else None


def _actor(user, acting_user):
    return user if acting_user is OWNER else acting_user


def _note(actor) -> str:
    return COMMAND_LINE if actor is None else ""


@transaction.atomic
def create_token(user, name: str = "", *, acting_user=OWNER) -> tuple[ApiToken, str]:
    """A new token for ``user``: the record, and the token text to show once.

    ``acting_user``: the owner (the default) or None for the server's command line;
    nobody makes a token for someone else. The web page checks the two-factor
    freshness before calling this (``api.views.token_create``).
    """
    actor = _actor(user, acting_user)
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied("a token is made by its owner")
    sensitive = reads_identities(user)
    span = lifetime(user)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=secret[:10],
        digest=token_digest(secret),
        expires_at=timezone.now() + span if span else None,
        identity_access=sensitive,
    )
    record_change(actor, token, None, snapshot(token, AUDITED_FIELDS), note=_note(actor))
    log.info("api token created user=%s prefix=%s", user.pk, token.prefix)
    return token, secret


def check_token(secret: str) -> tuple[object | None, str]:
    """The active user behind a token and "", or None and why it is refused ("" for a
    token nobody has: unknown, revoked, or of a closed account)."""
    refused = ""
    if not secret or len(secret) > 200:
        return None, refused
    token = (
        ApiToken.objects.filter(digest=token_digest(secret), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None, refused
    if token.is_expired:
        when = timezone.localtime(token.expires_at).strftime("%d/%m/%Y")
        return None, (
            f"The token {token.prefix}… expired on {when}: make a new one on your account page."
        )
    if not token.identity_access and reads_identities(token.user):
        return None, (
            f"The token {token.prefix}… was made before your role could read identities, "
            "without a two-factor check: make a new one on your account page."
        )
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, ""


def user_for_token(secret: str):
    """The active user behind a usable token, or None."""
    return check_token(secret)[0]


@transaction.atomic
def revoke_tokens(
    user, prefix: str | None = None, token_id: int | None = None, *, acting_user=OWNER
) -> int:
    """Revoke the user's active tokens: all, one by id, or those starting with ``prefix``.

    ``acting_user``: the owner (the default), an administrator, or None for the
    server's command line."""
    actor = _actor(user, acting_user)
    if actor is not None and actor.pk != user.pk and not policy.can(actor, "user.manage"):
        raise PermissionDenied("only the owner or an administrator revokes a token")
    tokens = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    if prefix:
        tokens = tokens.filter(prefix=prefix[:10])
    now = timezone.now()
    count = 0
    for token in tokens:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
        record_change(
            actor, token, {"revoked_at": None}, {"revoked_at": now.isoformat()}, note=_note(actor)
        )
        count += 1
    log.info("api tokens revoked user=%s count=%s", user.pk, count)
    return count
