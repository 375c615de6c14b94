"""Encryption at rest of the sender's contact: Fernet (AES-128-CBC + HMAC-SHA256, from
the ``cryptography`` package) with a key derived from ``SECRET_KEY``.

``SECRET_KEY_FALLBACKS`` are tried on reading, so a rotated secret key still opens older
values. A value that no key opens reads as ``None`` (never an exception carrying the
token to an error page).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

log = logging.getLogger("lanhmanh.audit")
PURPOSE = b"lanhmanh.tips.sender-contact.v1"
PREFIX = "f1:"


def _fernet(secret: str) -> Fernet:
    key = hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(text: str) -> str:
    """A token for ``text``; a different token each time."""
    return PREFIX + _fernet(settings.SECRET_KEY).encrypt(text.encode()).decode()


def decrypt(token: str) -> str | None:
    """The text behind ``token``, or None when no key (current or fallback) opens it."""
    if not token or not token.startswith(PREFIX):
        return None
    body = token.removeprefix(PREFIX).encode()
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            return _fernet(secret).decrypt(body).decode()
        except InvalidToken:
            continue
    log.warning("encrypted value could not be opened")
    return None
