"""Encryption at rest of the sender's contact, with a key derived from ``SECRET_KEY``.

Tokens carry a scheme prefix so that both schemes stay readable:

- ``f1:`` Fernet (AES-128-CBC + HMAC-SHA256) from the ``cryptography`` package, used for
  new values whenever that package is installed;
- ``s1:`` the standard-library scheme used when it is not: a keystream of
  HMAC-SHA256(encryption key, nonce ‖ counter) XORed with the text, then
  HMAC-SHA256(authentication key, prefix ‖ nonce ‖ ciphertext) appended (encrypt then MAC).

Keys are derived per purpose from ``SECRET_KEY``; ``SECRET_KEY_FALLBACKS`` are tried on
reading, so a rotated secret key can still open older values. A value that no key opens
reads as ``None`` (never an exception carrying the token to an error page).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets

from django.conf import settings

log = logging.getLogger("lanhmanh.audit")
PURPOSE = b"lanhmanh.tips.sender-contact.v1"
NONCE_BYTES = 16
TAG_BYTES = 32

try:  # pragma: no cover - depends on the environment
    from cryptography.fernet import Fernet, InvalidToken
except ImportError:  # pragma: no cover
    Fernet = None
    InvalidToken = ValueError


def _master(secret: str) -> bytes:
    return hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()


def _subkey(master: bytes, label: bytes) -> bytes:
    return hmac.new(master, label, hashlib.sha256).digest()


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    for counter in range((length + 31) // 32):
        blocks.append(hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def _seal_stdlib(data: bytes, master: bytes) -> str:
    nonce = secrets.token_bytes(NONCE_BYTES)
    stream = _keystream(_subkey(master, b"enc"), nonce, len(data))
    body = nonce + bytes(a ^ b for a, b in zip(data, stream, strict=True))
    tag = hmac.new(_subkey(master, b"mac"), b"s1:" + body, hashlib.sha256).digest()
    return "s1:" + base64.urlsafe_b64encode(body + tag).decode()


def _open_stdlib(token: str, master: bytes) -> bytes | None:
    try:
        raw = base64.urlsafe_b64decode(token.encode())
    except ValueError:
        return None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        return None
    body, tag = raw[:-TAG_BYTES], raw[-TAG_BYTES:]
    expected = hmac.new(_subkey(master, b"mac"), b"s1:" + body, hashlib.sha256).digest()
    if not hmac.compare_digest(tag, expected):
        return None
    nonce, cipher = body[:NONCE_BYTES], body[NONCE_BYTES:]
    stream = _keystream(_subkey(master, b"enc"), nonce, len(cipher))
    return bytes(a ^ b for a, b in zip(cipher, stream, strict=True))


def _fernet(master: bytes):
    return Fernet(base64.urlsafe_b64encode(_subkey(master, b"fernet")))


def encrypt(text: str) -> str:
    """A token for ``text``; a different token each time."""
    master = _master(settings.SECRET_KEY)
    data = text.encode()
    if Fernet is not None:
        return "f1:" + _fernet(master).encrypt(data).decode()
    return _seal_stdlib(data, master)


def decrypt(token: str) -> str | None:
    """The text behind ``token``, or None when no key (current or fallback) opens it."""
    if not token:
        return None
    scheme, _sep, rest = token.partition(":")
    for secret in _secrets():
        master = _master(secret)
        data = None
        if scheme == "s1":
            data = _open_stdlib(rest, master)
        elif scheme == "f1" and Fernet is not None:
            try:
                data = _fernet(master).decrypt(rest.encode())
            except InvalidToken:
                data = None
        if data is not None:
            return data.decode()
    log.warning("encrypted value could not be opened scheme=%s", scheme or "?")
    return None
