"""The public forms' rate limit is shared by every server process.

A deployment runs several processes (gunicorn workers, several machines) behind one
database: a limit kept in one process's memory lets a sender multiply it by the number of
processes, and a restart forgets it. Here every post is made as if by a fresh process:
each process-local cache is emptied and the limiter module loaded anew in between.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from lanhmanh.tips import ratelimit
from lanhmanh.tips.models import Tip

from .test_public import post_tip

pytestmark = pytest.mark.django_db


def as_a_new_process():
    """Forget whatever one process keeps in memory."""
    for alias in caches:
        if isinstance(caches[alias], LocMemCache):
            caches[alias].clear()
    importlib.reload(ratelimit)


def from_address(address: str):
    return RequestFactory().post("/tips/report/", REMOTE_ADDR=address)


def test_the_report_limit_holds_across_processes(cast):
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        as_a_new_process()
        assert post_tip(client, cast.province, cast.commune).status_code == 200
    as_a_new_process()
    blocked = post_tip(client, cast.province, cast.commune)
    assert blocked.status_code == 429
    assert Tip.objects.count() == 5
    as_a_new_process()
    other = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.9")
    assert post_tip(other, cast.province, cast.commune).status_code == 200


@override_settings(TIP_RATE_LIMITS={"status": (2, 3600)})
def test_two_limiters_count_together(db):
    request = from_address("198.51.100.7")
    assert not ratelimit.exceeded("status", request)
    ratelimit.hit("status", request)
    as_a_new_process()
    assert not ratelimit.exceeded("status", request)
    ratelimit.hit("status", request)
    as_a_new_process()
    assert ratelimit.exceeded("status", request)
    # Another address and another form have their own allowance.
    assert not ratelimit.exceeded("status", from_address("198.51.100.8"))
    assert not ratelimit.exceeded("report", request)


@override_settings(TIP_RATE_LIMITS={"status": (2, 3600)})
def test_a_window_ends_and_old_entries_are_cleaned(db):
    from lanhmanh.security.models import RateLimitWindow

    request = from_address("198.51.100.7")
    for _ in range(2):
        ratelimit.hit("status", request)
    ratelimit.hit("report", from_address("198.51.100.9"))
    assert ratelimit.exceeded("status", request)
    assert RateLimitWindow.objects.count() == 2
    # The stored key tells nothing of the address.
    assert not RateLimitWindow.objects.filter(key__contains="198.51.100").exists()
    # An hour later both windows have ended: the allowance is back, and the next count
    # removes the ended windows, whoever they were for.
    RateLimitWindow.objects.update(ends_at=timezone.now() - datetime.timedelta(seconds=1))
    assert not ratelimit.exceeded("status", request)
    ratelimit.hit("status", from_address("198.51.100.10"))
    assert RateLimitWindow.objects.count() == 1
    ratelimit.hit("status", request)
    assert not ratelimit.exceeded("status", request)
    assert RateLimitWindow.objects.count() == 2
