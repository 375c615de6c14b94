"""A fixed-window limit per client address, kept in Django's cache.

The address is hashed before it becomes a cache key, so the cache holds no addresses.
Behind a reverse proxy REMOTE_ADDR is the proxy's: the proxy must set it to the client's
(e.g. with a trusted ``X-Forwarded-For`` rewritten by the WSGI server), never trust the
header here.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR = 3600
# name -> (how many, per how many seconds); settings.TIP_RATE_LIMITS overrides.
LIMITS = {"report": (5, HOUR), "status": (20, HOUR)}


def _limit(name: str) -> tuple[int, int]:
    return (getattr(settings, "TIP_RATE_LIMITS", {}) or {}).get(name, LIMITS[name])


def _key(name: str, request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "-"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"lanhmanh:tips:rate:{name}:{digest}"


def exceeded(name: str, request) -> bool:
    """Whether the client has already used up its allowance (does not count this one)."""
    limit, _window = _limit(name)
    return (cache.get(_key(name, request)) or 0) >= limit


def hit(name: str, request) -> None:
    _limit_count, window = _limit(name)
    key = _key(name, request)
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
