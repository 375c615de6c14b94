"""Encryption at rest of the sender's contact: Fernet (AES-128-CBC + HMAC-SHA256, from
the ``cryptography`` package) with a key derived from the data key
(``lanhmanh.security.datakey``: ``LANHMANH_DATA_KEY``, else ``SECRET_KEY``).

Former keys are tried on reading, so a rotated key still opens older values. A value
that no key opens reads as ``None`` (never an exception carrying the token to an error
page).
"""

from __future__ import annotations

import logging

from lanhmanh.security import datakey

log = logging.getLogger("lanhmanh.audit")
PURPOSE = b"lanhmanh.tips.sender-contact.v1"
PREFIX = "f1:"


def encrypt(text: str) -> str:
    """A token for ``text``; a different token each time."""
    return PREFIX + datakey.fernet(PURPOSE).encrypt(text.encode()).decode()


def decrypt(token: str) -> str | None:
    """The text behind ``token``, or None when no key (current or fallback) opens it."""
    if not token or not token.startswith(PREFIX):
        return None
    text = datakey.decrypt(PURPOSE, token.removeprefix(PREFIX))
    if text is None:
        log.warning("encrypted value could not be opened")
    return text
