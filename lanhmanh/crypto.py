"""Encryption at rest of people's identities and tip senders' contacts, and keyed hashes
to find a repeat record without decrypting anything.

Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``) under ``settings.DATA_KEYS``: the
first key encrypts, every key decrypts (``MultiFernet``), so a new key can be put in front
and the old values re-encrypted at leisure (``lanhmanh rotate-key``). A value that no key
opens reads as ``None``: never an exception that would carry the token to an error page.

Keyed hashes (HMAC-SHA256) use a key derived from the *first* data key and a purpose, so
that the same ID number hashes differently in different registers; rotating the data key
means recomputing them, which the rotation does while it re-encrypts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

log = logging.getLogger("lanhmanh.audit")
PREFIX = "k1:"


def _fernets(keys=None) -> list[Fernet]:
    return [
        Fernet(key.encode() if isinstance(key, str) else key) for key in keys or settings.DATA_KEYS
    ]


def encrypt(text: str | None, keys=None) -> str:
    """A token for ``text`` (a different one each time); empty stays empty."""
    if not text:
        return ""
    return PREFIX + _fernets(keys)[0].encrypt(text.encode()).decode()


def decrypt(token: str | None, keys=None) -> str | None:
    """The text behind ``token``; "" for empty; None when no key opens it."""
    if not token:
        return ""
    if not token.startswith(PREFIX):
        return None
    try:
        return MultiFernet(_fernets(keys)).decrypt(token.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        log.warning("encrypted value could not be opened")
        return None


def reencrypt(token: str, keys=None) -> str:
    """The same text under the first key (``MultiFernet.rotate``); raises on a bad token."""
    if not token:
        return token
    fernet = MultiFernet(_fernets(keys))
    return PREFIX + fernet.rotate(token.removeprefix(PREFIX).encode()).decode()


def normalised(value: str) -> str:
    """Case, spacing and Unicode composition do not change a hash ("Lê  Thị" = "lê thị")."""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def keyed_hash(purpose: str, value: str | None, keys=None) -> str:
    """A hex HMAC of the normalised value; "" for an empty value."""
    if not value:
        return ""
    first = (keys or settings.DATA_KEYS)[0]
    first = first.encode() if isinstance(first, str) else first
    hash_key = hmac.new(base64.urlsafe_b64decode(first), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(hash_key, normalised(value).encode(), hashlib.sha256).hexdigest()


def new_key() -> str:
    return Fernet.generate_key().decode()
