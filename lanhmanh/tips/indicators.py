"""The tip indicators the reporting catalogue computes (``tips.*``).

``area`` is a set of unit ids; each is expanded to everything inside it
(``UnitContainment``), so a province counts its communes, historic ones included.
Both counts are of the tips *received* between ``start`` and ``end`` (local dates,
inclusive), so the share of those handled on time is never above 100.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import F
from django.db.models.functions import TruncDate

from lanhmanh.places.models import UnitContainment

from .models import Status, Tip


def _received(area: Iterable[int], start: datetime.date, end: datetime.date):
    inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
    return Tip.objects.filter(
        commune__in=inside, received_at__date__gte=start, received_at__date__lte=end
    )


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
