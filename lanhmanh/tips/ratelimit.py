"""A fixed-window limit per client address on the public tip forms.

The count lives in the database (``lanhmanh.security.ratelimit``), which every server
process and machine shares: a limit kept in one process's memory would be multiplied by
the number of processes and forgotten at each restart. The address is hashed with the
secret key before it becomes a key, so the table holds no addresses.
Behind a reverse proxy REMOTE_ADDR is the proxy's: the proxy must set it to the client's
(e.g. with a trusted ``X-Forwarded-For`` rewritten by the WSGI server), never trust the
header here.
"""

import hashlib

from django.conf import settings

from lanhmanh.security import ratelimit as counters

HOUR = 3600
# name -> (how many, per how many seconds); settings.TIP_RATE_LIMITS overrides.
LIMITS = {"report": (5, HOUR), "status": (20, HOUR)}


def _limit(name: str) -> tuple[int, int]:
    return (getattr(settings, "TIP_RATE_LIMITS", {}) or {}).get(name, LIMITS[name])


def _key(name: str, request) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "-"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"tips:{name}:{digest}"


def exceeded(name: str, request) -> bool:
    """Whether the client has already used up its allowance (does not count this one)."""
    limit, _window = _limit(name)
    return counters.count(_key(name, request)) >= limit


def hit(name: str, request) -> None:
    _limit_count, window = _limit(name)
    counters.hit(_key(name, request), window)
