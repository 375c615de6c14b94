"""Fixed-window counters shared by every server process (``RateLimitWindow`` rows).

``count(key)`` is how many times ``key`` was used in its current window; ``hit(key,
seconds)`` counts one more, opening a window of ``seconds`` if none is open. Counting is
one UPDATE of the row (atomic under concurrent processes); opening a window deletes the
ended ones, so the table holds only the windows still open. Callers make the keys (a
keyed hash of the client, never an address: see ``lanhmanh.tips.ratelimit``).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateLimitWindow


def count(key: str) -> int:
    """Uses of ``key`` in its open window (0 when none is open)."""
    row = (
        RateLimitWindow.objects.filter(key=key, ends_at__gt=timezone.now())
        .values_list("count", flat=True)
        .first()
    )
    return row or 0


def hit(key: str, seconds: int) -> None:
    """Count one use of ``key``; a window of ``seconds`` opens with the first."""
    now = timezone.now()
    with transaction.atomic():
        if RateLimitWindow.objects.filter(key=key, ends_at__gt=now).update(count=F("count") + 1):
            return
        RateLimitWindow.objects.filter(ends_at__lte=now).delete()
        ends_at = now + datetime.timedelta(seconds=seconds)
        try:
            with transaction.atomic():
                RateLimitWindow.objects.create(key=key, count=1, ends_at=ends_at)
        except IntegrityError:  # another process opened it in between
            RateLimitWindow.objects.filter(key=key).update(count=F("count") + 1)
