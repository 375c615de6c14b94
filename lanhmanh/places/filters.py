"""The ``area``, ``from`` and ``to`` query parameters a register list accepts, so that other
pages (a report's computed figure) can link to the records behind a number.

``area`` is an administrative unit id (everything inside it counts), ``from``/``to`` are
ISO dates (2026-01-01). A value that does not parse is ignored, never an error page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class AreaPeriod:
    area: int | None
    start: datetime.date | None
    end: datetime.date | None


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def area_period(params) -> AreaPeriod:
    area = (params.get("area") or "").strip()
    return AreaPeriod(
        area=int(area) if area.isdigit() and len(area) < 10 else None,
        start=_date(params.get("from")),
        end=_date(params.get("to")),
    )
