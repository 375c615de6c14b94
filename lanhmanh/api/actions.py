"""Issuing, using and revoking API tokens."""

from __future__ import annotations

import datetime
import logging
import secrets

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, token_digest

log = logging.getLogger("lanhmanh.audit")
PREFIX = "lm_"
# Writing last_used_at on every call would turn each GET into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


@transaction.atomic
def create_token(user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``: the record, and the token text to show once."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=secret[:10], digest=token_digest(secret)
    )
    log.info("api token created user=%s prefix=%s", user.pk, token.prefix)
    return token, secret


def user_for_token(secret: str):
    """The active user behind a token, or None."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.usable().select_related("user").filter(digest=token_digest(secret)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def revoke_tokens(user, prefix: str | None = None, token_id: int | None = None) -> int:
    """Revoke the user's active tokens: all, one by id, or those starting with ``prefix``."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    if prefix:
        tokens = tokens.filter(prefix=prefix[:10])
    count = tokens.update(revoked_at=timezone.now())
    log.info("api tokens revoked user=%s count=%s", user.pk, count)
    return count
