"""The data key: one secret for everything encrypted at rest (tips' sender contacts, the
people register's identities, backups), kept apart from Django's ``SECRET_KEY``.

- ``LANHMANH_DATA_KEY``: the key (any long random text; ``lanhmanh`` never prints it).
  Unset, the data key is ``SECRET_KEY``, as it was before this helper existed, so values
  written then still open.
- ``LANHMANH_DATA_KEY_FALLBACKS``: comma-separated former keys, tried when reading
  (rotate: put the old key here, set the new one, re-save the records).
  ``SECRET_KEY_FALLBACKS`` are tried as well.

Each use derives its own Fernet key (AES-128-CBC + HMAC-SHA256) with a *purpose*
string, so a key leaked from one use opens nothing else::

    from lanhmanh.security import datakey

    token = datakey.encrypt("lanhmanh.people.identity.v1", "Nguyễn Văn A")
    datakey.decrypt("lanhmanh.people.identity.v1", token)  # "Nguyễn Văn A" or None
    datakey.keyed_hash("lanhmanh.people.lookup.v1", "012345678901")  # for repeat lookups

The deploying province keeps the data key outside the database and its backups (a
backup without its key cannot be read — that is the point).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _secrets() -> list[str]:
    current = os.environ.get("LANHMANH_DATA_KEY", "") or settings.SECRET_KEY
    fallbacks = [
        k.strip() for k in os.environ.get("LANHMANH_DATA_KEY_FALLBACKS", "").split(",") if k.strip()
    ]
    fallbacks += list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])
    if os.environ.get("LANHMANH_DATA_KEY"):
        fallbacks.append(settings.SECRET_KEY)  # values written before the data key was set
    seen, out = set(), []
    for key in [current, *fallbacks]:
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def derive(secret: str, purpose: str | bytes) -> bytes:
    """The 32-byte key of ``purpose`` under ``secret``."""
    label = purpose.encode() if isinstance(purpose, str) else purpose
    return hmac.new(secret.encode(), label, hashlib.sha256).digest()


def fernet(purpose: str | bytes) -> MultiFernet:
    """Encrypts with the current key, decrypts with the current or a former one."""
    return MultiFernet([Fernet(base64.urlsafe_b64encode(derive(s, purpose))) for s in _secrets()])


def encrypt(purpose: str, text: str) -> str:
    return fernet(purpose).encrypt(text.encode()).decode()


def decrypt(purpose: str, token: str) -> str | None:
    """The text, or None when no key opens the token (never an exception with it)."""
    try:
        return fernet(purpose).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError, TypeError):
        return None


def keyed_hash(purpose: str, text: str) -> str:
    """A stable HMAC of ``text`` under the current key: equal texts, equal hashes; the
    text cannot be read back or guessed without the key."""
    return hmac.new(derive(_secrets()[0], purpose), text.encode(), hashlib.sha256).hexdigest()
