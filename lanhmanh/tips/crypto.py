"""Encryption at rest of the sender's contact, under the data keys (``lanhmanh.crypto``:
``LANHMANH_DATA_KEYS`` or ``var/data_keys``, rotated by ``lanhmanh rotate-key``).

Older values ("f1:" tokens) were encrypted with a key derived from ``SECRET_KEY``; they
are still read here (``SECRET_KEY_FALLBACKS`` tried too) until ``rotate-key`` re-encrypts
them under the data keys. A value that no key opens reads as ``None`` (never an exception
carrying the token to an error page).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from lanhmanh import crypto as data_crypto

log = logging.getLogger("lanhmanh.audit")
PURPOSE = b"lanhmanh.tips.sender-contact.v1"
PREFIX = data_crypto.PREFIX
OLD_PREFIX = "f1:"


def _fernet(secret: str) -> Fernet:
    key = hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(text: str) -> str:
    """A token for ``text``; a different token each time."""
    return data_crypto.encrypt(text)


def decrypt(token: str) -> str | None:
    """The text behind ``token``, or None when no key opens it."""
    if token and token.startswith(PREFIX):
        return data_crypto.decrypt(token)
    if not token or not token.startswith(OLD_PREFIX):
        return None
    body = token.removeprefix(OLD_PREFIX).encode()
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            return _fernet(secret).decrypt(body).decode()
        except InvalidToken:
            continue
    log.warning("encrypted value could not be opened")
    return None


def encrypt_old(text: str) -> str:
    """An "f1:" token as written before the data keys (tests of the migration path)."""
    return OLD_PREFIX + _fernet(settings.SECRET_KEY).encrypt(text.encode()).decode()
