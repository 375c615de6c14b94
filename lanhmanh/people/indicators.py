"""The indicators of the reporting catalogue computed from this register (``people.*``).

Counts of 1 to 4 leave the register as unknown (``counts.suppressed_value``): a report
shows no figure rather than one that could point at a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from . import counts
from .models import Group, ServiceKind


def _reached(area, start, end, group, kind="") -> int:
    return counts.reached(counts.services_in(area, start, end), group=group, kind=kind)


def in_need(area: Iterable[int], start: datetime.date, end: datetime.date) -> int | None:
    """People who sell sex with a support case open in the year up to ``end``."""
    return counts.suppressed_value(counts.open_people(area, end, Group.SELLS_SEX))


def supported(area: Iterable[int], start: datetime.date, end: datetime.date) -> int | None:
    return counts.suppressed_value(_reached(area, start, end, Group.SELLS_SEX))


def supported_share(area, start, end) -> float | None:
    need = in_need(area, start, end)
    done = supported(area, start, end)
    if not need or done is None:
        return None
    return 100.0 * done / need


def vocational_training(area, start, end) -> int | None:
    return counts.suppressed_value(
        _reached(area, start, end, Group.SELLS_SEX, ServiceKind.VOCATIONAL_TRAINING)
    )


def jobs_provided(area, start, end) -> int | None:
    return counts.suppressed_value(
        _reached(area, start, end, Group.SELLS_SEX, ServiceKind.JOB_PLACEMENT)
    )


def returnees_supported(area, start, end) -> int | None:
    return counts.suppressed_value(_reached(area, start, end, Group.TRAFFICKING_RETURNEE))
