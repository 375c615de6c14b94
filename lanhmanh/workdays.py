"""Working days in Vietnam: Monday to Friday, less the public holidays (Tết by the lunar
calendar, Hùng Kings, 30/4, 1/5, 2/9, 24/11 …) and the compensatory days off the
government declares, plus the Saturdays it declares working days in exchange.

The holidays come from the maintained ``holidays`` package (``country_holidays("VN")``),
so a deadline counted in working days ("acknowledge within 2 working days") skips Tết.
Every working-day rule of the project goes through ``add_working_days``.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

COUNTRY = "VN"


@lru_cache(maxsize=64)
def _calendar(year: int):
    return holidays.country_holidays(COUNTRY, years=year)


def is_working_day(day: datetime.date) -> bool:
    calendar = _calendar(day.year)
    if day in getattr(calendar, "weekend_workdays", ()):
        return True
    return day.weekday() < 5 and day not in calendar


def holiday_name(day: datetime.date) -> str | None:
    """The holiday's name (in Vietnamese), or None on an ordinary day."""
    return _calendar(day.year).get(day)


def add_working_days(day: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``day`` (``day`` itself not counted)."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day
