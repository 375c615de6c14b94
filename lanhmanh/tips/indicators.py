"""The tip indicators the reporting catalogue computes (``tips.*``).

``area`` is a set of unit ids; each is expanded to everything inside it
(``UnitContainment``), so a province counts its communes, historic ones included.
Both counts are of the tips *received* between ``start`` and ``end`` (local dates,
inclusive), so the share of those handled on time is never above 100.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from lanhmanh.places.models import UnitContainment

from .models import Status, Tip


def received_between(start: datetime.date, end: datetime.date) -> Q:
    """Received on a local day from ``start`` to ``end``: bounds on the stored instant
    itself, not on its local date, so that an index on (commune, received_at) serves it."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    return Q(received_at__gte=first, received_at__lt=after)


def _received(area: Iterable[int], start: datetime.date, end: datetime.date):
    inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
    return Tip.objects.filter(received_between(start, end), commune__in=inside)


def received(area_unit_ids: Iterable[int], start: datetime.date, end: datetime.date) -> int:
    """Tips received in the area in the period."""
    return _received(area_unit_ids, start, end).count()


def handled_on_time(area: Iterable[int], start: datetime.date, end: datetime.date) -> int:
    """Of the tips received in the period, those verified, classified and closed by their
    deadline (closed on the deadline day counts as on time)."""
    return (
        _received(area, start, end)
        .filter(status=Status.HANDLED, closed_at__isnull=False)
        .annotate(closed_on=TruncDate("closed_at"))
        .filter(closed_on__lte=F("deadline"))
        .count()
    )


def on_time_share(area: Iterable[int], start: datetime.date, end: datetime.date) -> float | None:
    """100 × handled on time / received, in percent; None when nothing was received."""
    total = received(area, start, end)
    if not total:
        return None
    return 100.0 * handled_on_time(area, start, end) / total
