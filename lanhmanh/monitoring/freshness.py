"""The dashboards' figures, kept for a while and recomputed after any change.

A dashboard counts the registers live (1–2 s for the whole country on a million
inspections); many people open the same dashboard between two changes. So a computed
dashboard is kept in the cache under the current *generation*, a counter bumped after
every request that wrote (``FiguresGenerationMiddleware``) and every command
that loads data (``changed()``); the next dashboard after a change reads a new
generation and counts again. Keys also carry the database, the user, the area, the day
(late reports and overdue tips change at midnight) and the language. Why a bump after the response,
not inside the writer's transaction: a reader that counted before the commit must not
keep its figures under the new generation, and a counter row locked until commit would
queue every writer behind every other.

The figures are kept in the ``figures`` cache (files under var/, shared by the server's
processes). ``LANHMANH_FIGURES_CACHE_SECONDS`` (default 600) bounds how long figures are kept even
without a change; 0 turns the cache off (the test suite, except the tests of this).
"""

from __future__ import annotations

import hashlib
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation

from .models import FiguresGeneration

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def changed() -> None:
    """Records may have changed: figures counted before now are not kept."""
    if FiguresGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        return
    try:
        with transaction.atomic():
            FiguresGeneration.objects.create(pk=1, value=1)
    except IntegrityError:  # created by a concurrent writer meanwhile
        FiguresGeneration.objects.filter(pk=1).update(value=F("value") + 1)


def generation() -> int:
    return FiguresGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0


_counting: dict[str, threading.Lock] = {}
_counting_guard = threading.Lock()


def kept(parts: tuple, compute):
    """``compute()``, or what it returned for the same ``parts`` since the last change.
    Threads of one process asking for the same figures at once wait for the one counting
    them, rather than each counting (a dashboard opened by many right after a change)."""
    seconds = settings.LANHMANH_FIGURES_CACHE_SECONDS
    if not seconds:
        return compute()
    database = (connection.settings_dict["HOST"], connection.settings_dict["NAME"])
    raw = repr((database, generation(), timezone.localdate(), translation.get_language(), *parts))
    key = "figures:" + hashlib.sha256(raw.encode()).hexdigest()
    store = caches["figures"]
    value = store.get(key)
    if value is not None:
        return value
    with _counting_guard:
        lock = _counting.setdefault(key, threading.Lock())
    try:
        with lock:
            value = store.get(key)
            if value is None:
                value = compute()
                store.set(key, value, seconds)
    finally:
        with _counting_guard:
            _counting.pop(key, None)
    return value


class _Writes:
    """Notes whether a statement that changes rows ran (a database execute wrapper)."""

    def __init__(self):
        self.seen = False

    def __call__(self, execute, sql, params, many, context):
        if not self.seen and sql.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}:
            self.seen = True
        return execute(sql, params, many, context)


class FiguresGenerationMiddleware:
    """After a request that wrote (a POST, PUT, PATCH or DELETE that ran an INSERT, UPDATE
    or DELETE), whatever it wrote is committed: bump the generation. Junk posted at the
    site writes nothing and bumps nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        writes = _Writes()
        with connection.execute_wrapper(writes):
            response = self.get_response(request)
        if writes.seen:
            changed()
        return response
