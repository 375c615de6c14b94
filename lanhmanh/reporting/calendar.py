"""Reporting periods: their keys, bounds and due dates (pure Python, no Django import).

Period keys:

- ``2024``     annual
- ``2024-H1``  semiannual (H1 = January–June, H2 = July–December)
- ``2024-Q3``  quarterly
- ``2024-05``  monthly

Due dates follow a plan's reporting rule (``frequency``, ``due_day``, ``due_month`` as the
extraction engine gives them):

- monthly: ``due_day`` of the month itself, else the month's last day;
- quarterly: ``due_day`` of the quarter's last month ("trước ngày 15 tháng cuối quý"), else the
  quarter's last day;
- semiannual: with ``due_day``/``due_month`` ("25/6"), H1 is due on that day and month and H2 on
  the same day six months later (25/12; a month past June rolls H2 into the next January–June);
- annual: with ``due_day``/``due_month`` ("25/12") that date in the period's year;
- semiannual/annual with a day only: that day of the period's last month; with a month only:
  that month's last day;
- nothing given: the period's last day.

Days are clamped to the month's length (31 → 30 in June, 28/29 in February).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MONTHLY = "monthly"
QUARTERLY = "quarterly"
SEMIANNUAL = "semiannual"
ANNUAL = "annual"
AD_HOC = "ad_hoc"

#: Frequencies that produce periods, from the shortest to the longest.
PERIODIC_FREQUENCIES = (MONTHLY, QUARTERLY, SEMIANNUAL, ANNUAL)
FREQUENCIES = (*PERIODIC_FREQUENCIES, AD_HOC)

#: Number of periods per year and months per period.
_PER_YEAR = {MONTHLY: 12, QUARTERLY: 4, SEMIANNUAL: 2, ANNUAL: 1}
_MONTHS = {MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12}

_KEY_PATTERNS = (
    (re.compile(r"^(\d{4})$"), ANNUAL),
    (re.compile(r"^(\d{4})-H([12])$"), SEMIANNUAL),
    (re.compile(r"^(\d{4})-Q([1-4])$"), QUARTERLY),
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), MONTHLY),
)


@dataclass(frozen=True)
class Period:
    """One reporting period of one frequency, with the date its report is due."""

    key: str
    frequency: str
    start: date
    end: date
    due: date

    @property
    def year(self) -> int:
        return self.start.year

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _last_day(year: int, month: int) -> int:
    return _stdlib_calendar.monthrange(year, month)[1]


def _clamped(year: int, month: int, day: int) -> date:
    """``day`` of ``month``, clamped to the month's length (31 June → 30 June)."""
    return date(year, month, min(day, _last_day(year, month)))


def _check_frequency(frequency: str, *, periodic: bool = True) -> None:
    allowed = PERIODIC_FREQUENCIES if periodic else FREQUENCIES
    if frequency not in allowed:
        raise ValueError(
            f"unknown reporting frequency {frequency!r}: expected one of {', '.join(allowed)}"
        )


def _check_year(year: int) -> None:
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9998:
        raise ValueError(f"invalid year {year!r}: expected an integer between 1 and 9998")


def period_key(frequency: str, year: int, index: int) -> str:
    """The key of the ``index``-th (1-based) period of ``frequency`` in ``year``."""
    _check_frequency(frequency)
    _check_year(year)
    if not 1 <= index <= _PER_YEAR[frequency]:
        raise ValueError(f"{frequency} period index must be 1–{_PER_YEAR[frequency]}: {index}")
    if frequency == ANNUAL:
        return f"{year:04d}"
    if frequency == SEMIANNUAL:
        return f"{year:04d}-H{index}"
    if frequency == QUARTERLY:
        return f"{year:04d}-Q{index}"
    return f"{year:04d}-{index:02d}"


def _split_key(key: str) -> tuple[str, int, int]:
    """(frequency, year, 1-based index) of a period key, or ValueError."""
    if not isinstance(key, str):
        raise ValueError(f"a period key is a string, not {type(key).__name__}")
    for pattern, frequency in _KEY_PATTERNS:
        match = pattern.match(key)
        if match:
            year = int(match.group(1))
            if year == 0:
                raise ValueError(f"invalid period key {key!r}: year 0000 does not exist")
            index = int(match.group(2)) if frequency != ANNUAL else 1
            return frequency, year, index
    raise ValueError(
        f"invalid period key {key!r}: expected YYYY (year), YYYY-H1/H2 (half-year), "
        "YYYY-Q1…Q4 (quarter) or YYYY-MM (month), e.g. 2024, 2024-H1, 2024-Q3, 2024-05"
    )


def _bounds(frequency: str, year: int, index: int) -> tuple[date, date]:
    months = _MONTHS[frequency]
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    return date(year, first_month, 1), date(year, last_month, _last_day(year, last_month))


def parse_period(key: str) -> tuple[str, date, date]:
    """(frequency, first day, last day) of a period key; ValueError for a malformed key."""
    frequency, year, index = _split_key(key)
    start, end = _bounds(frequency, year, index)
    return frequency, start, end


def _check_due(due_day: int | None, due_month: int | None) -> None:
    if due_day is not None and (
        isinstance(due_day, bool) or not isinstance(due_day, int) or not 1 <= due_day <= 31
    ):
        raise ValueError(f"due_day must be an integer 1–31 or None: {due_day!r}")
    if due_month is not None and (
        isinstance(due_month, bool) or not isinstance(due_month, int) or not 1 <= due_month <= 12
    ):
        raise ValueError(f"due_month must be an integer 1–12 or None: {due_month!r}")


def due_date(
    frequency: str, start: date, end: date, due_day: int | None, due_month: int | None
) -> date:
    """The due date of the period [start, end] of ``frequency`` under a reporting rule."""
    _check_frequency(frequency)
    _check_due(due_day, due_month)
    if frequency in (MONTHLY, QUARTERLY):
        # A month in a monthly or quarterly rule has no meaning beyond "this period".
        if due_day is None:
            return end
        return _clamped(end.year, end.month, due_day)
    if due_month is None:
        if due_day is None:
            return end
        return _clamped(end.year, end.month, due_day)
    if frequency == ANNUAL:
        month, year = due_month, start.year
    else:
        # The rule's month is H1's; H2 is six months later (25/6 → 25/12; 15/7 → 15/1 next year).
        offset = 0 if start.month == 1 else 6
        month0 = due_month - 1 + offset
        year, month = start.year + month0 // 12, month0 % 12 + 1
    if due_day is None:
        return date(year, month, _last_day(year, month))
    return _clamped(year, month, due_day)


def build_period(key: str, due_day: int | None = None, due_month: int | None = None) -> Period:
    """The :class:`Period` of ``key`` with its due date under the rule (due_day, due_month)."""
    frequency, start, end = parse_period(key)
    return Period(key, frequency, start, end, due_date(frequency, start, end, due_day, due_month))


def periods_for_rule(
    frequency: str, due_day: int | None, due_month: int | None, years: Iterable[int]
) -> list[Period]:
    """Every period of ``frequency`` in the calendar ``years``, in date order.

    ``ad_hoc`` rules have no calendar and give ``[]``; an unknown frequency is a ValueError.
    """
    _check_frequency(frequency, periodic=False)
    _check_due(due_day, due_month)
    if frequency == AD_HOC:
        return []
    result = []
    for year in sorted(set(years)):
        _check_year(year)
        for index in range(1, _PER_YEAR[frequency] + 1):
            result.append(build_period(period_key(frequency, year, index), due_day, due_month))
    return result


def period_containing(frequency: str, day: date) -> str:
    """The key of the period of ``frequency`` that contains ``day``."""
    _check_frequency(frequency)
    index = (day.month - 1) // _MONTHS[frequency] + 1
    return period_key(frequency, day.year, index)


def previous_period(key: str) -> str:
    """The period of the same kind one step earlier (2024-Q1 → 2023-Q4, 2024 → 2023)."""
    frequency, year, index = _split_key(key)
    if index > 1:
        return period_key(frequency, year, index - 1)
    if year <= 1:
        raise ValueError(f"no period before {key!r}")
    return period_key(frequency, year - 1, _PER_YEAR[frequency])


def next_period(key: str) -> str:
    """The period of the same kind one step later (2023-Q4 → 2024-Q1)."""
    frequency, year, index = _split_key(key)
    if index < _PER_YEAR[frequency]:
        return period_key(frequency, year, index + 1)
    return period_key(frequency, year + 1, 1)


def elapsed_fraction(year: int, today: date) -> float:
    """Share of calendar ``year`` elapsed by the end of ``today``, in [0, 1].

    0.0 before 1 January, 1.0 from 31 December on; 1 January counts as one day elapsed.
    """
    _check_year(year)
    if today.year < year:
        return 0.0
    if today.year > year:
        return 1.0
    days_in_year = 366 if _stdlib_calendar.isleap(year) else 365
    elapsed = (today - date(year, 1, 1)).days + 1
    return min(1.0, max(0.0, elapsed / days_in_year))
