"""Target status: how a target stands against its plan, given the elapsed part of the year.

Pure Python, no Django import. A target has an ``op`` (as the extraction engine gives it):

- ``ge``        reach at least ``value``
- ``eq``        reach ``value`` ("đạt 85%", "Tổ chức 05 hội nghị"): plans state what is to be
                achieved, so exceeding the value also meets an ``eq`` target
- ``le``        stay at or below ``value``
- ``range``     between ``value`` and ``value_max`` (both bounds inclusive)
- ``increase``  raise the value by ``value`` % (or ``value``–``value_max`` %) over ``previous``
- ``decrease``  cut the value by ``value`` % (or ``value``–``value_max`` %) from ``previous``

``increase``/``decrease`` turn into a level to reach or stay under: ``previous × (1 + value/100)``
(``ge``) and ``previous × (1 − value/100)`` (``le``), so the rest of the rules apply to them. The
lower percentage of a range is the commitment; more improvement than its upper percentage
still meets it.

Two kinds of values:

**Cumulative** (``cumulative=True``): counts that accumulate over the year (conferences held,
inspections, people reached), or a percent whose numerator accumulates (share of
establishments inspected so far). The year's target is compared pro rata with the elapsed part
of the year (``expected = target × elapsed``):

- ``ge``/``eq``/``range``: ``current ≥ target`` → MET (a range's upper bound caps nothing for a
  count that is still running); else ``current ≥ expected`` → ON_TRACK; ``current ≥ 75 %`` of
  ``expected`` → AT_RISK; else OFF_TRACK. A zero target is met at once.
- ``le`` (a ceiling on a running count): ``current > value`` → OFF_TRACK (a running count
  cannot come back down); at the end of the year (``elapsed ≥ 1``) → MET; before it, ON_TRACK
  while the current pace (``current / elapsed``) stays within the ceiling, else AT_RISK.

**Levels** (``cumulative=False``): percents and other values measured as they stand (share of
communes assessed "lành mạnh", share of tips handled on time). Compared directly, with a
tolerance of 10 % of the target (relative: 90 % against a target of 100 %, 63 % against 70 %):

- the condition holds → MET, whatever the date;
- at the end of the year: a miss within the tolerance → AT_RISK, a larger miss → OFF_TRACK;
- before the end of the year, there is still time to close the gap: a miss within the
  tolerance → ON_TRACK, within 2.5 × the tolerance (25 %) → AT_RISK, else OFF_TRACK.

A miss is measured as the relative shortfall below a floor (``ge``, ``eq``, a range's lower
bound) or the relative excess above a ceiling (``le``, a range's upper bound). Any excess over
a zero ceiling is a large miss.

``current`` None → NO_DATA; ``increase``/``decrease`` without ``previous`` → NO_DATA.

**Completeness.** A figure rolled up from the units' reports stands only for the units that
reported. Below ``threshold`` (a share, 0.8 by default) of the units expected for its period a
target is NOT_ENOUGH ("chưa đủ số liệu") instead of met or behind (:func:`judged`). A period
with partial data never silently replaces the last complete one: :func:`shown_periods` keeps
the latest complete period as the figure, and the later partial one beside it.
"""

from __future__ import annotations

import math
from enum import Enum

OPS = ("eq", "ge", "le", "range", "increase", "decrease")

#: Relative tolerance of a level's miss before it counts as off track.
TOLERANCE = 0.10
#: Before the year's end a level's miss up to this multiple of TOLERANCE is "at risk".
EARLY_TOLERANCE_FACTOR = 2.5
#: A running count at this share of its pro-rata expectation is "at risk", below it off track.
AT_RISK_SHARE = 0.75
#: Share of the expected units that must have reported before a target is judged.
COMPLETENESS = 0.8


class Status(str, Enum):  # noqa: UP042 - the brief fixes the str mixin for templates and JSON
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_ENOUGH = "not_enough_data"
    NO_DATA = "no_data"

    def __str__(self) -> str:
        return self.value


def _number(name: str, value: float | None) -> float:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, not {value!r}")
    if math.isnan(value):
        raise ValueError(f"{name} must be a number, not NaN")
    return float(value)


def _check(op: str, value, value_max, elapsed: float) -> None:
    if op not in OPS:
        raise ValueError(f"unknown target op {op!r}: expected one of {', '.join(OPS)}")
    _number("value", value)
    if op == "range" or value_max is not None:
        _number("value_max", value_max)
        if value_max < value:
            raise ValueError(f"value_max {value_max!r} is below value {value!r}")
    elapsed = _number("elapsed", elapsed)
    if not 0.0 <= elapsed <= 1.0:
        raise ValueError(f"elapsed must be within [0, 1], not {elapsed!r}")


def _level(op: str, value: float, previous: float) -> tuple[str, float]:
    """An increase/decrease as a floor (``ge``) or a ceiling (``le``) on this year's value."""
    if op == "increase":
        return "ge", previous * (1 + value / 100)
    return "le", max(0.0, previous * (1 - value / 100))


def _shortfall(target: float, current: float) -> float:
    """Relative miss below a floor (0 when reached)."""
    if current >= target:
        return 0.0
    return (target - current) / target if target > 0 else math.inf


def _excess(ceiling: float, current: float) -> float:
    """Relative miss above a ceiling (0 when within it)."""
    if current <= ceiling:
        return 0.0
    return (current - ceiling) / ceiling if ceiling > 0 else math.inf


def _level_status(miss: float, elapsed: float) -> Status:
    if miss <= 0:
        return Status.MET
    if elapsed >= 1.0:
        return Status.AT_RISK if miss <= TOLERANCE else Status.OFF_TRACK
    if miss <= TOLERANCE:
        return Status.ON_TRACK
    if miss <= TOLERANCE * EARLY_TOLERANCE_FACTOR:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _running_floor(target: float, current: float, elapsed: float) -> Status:
    if current >= target:
        return Status.MET
    expected = target * elapsed
    if current >= expected:
        return Status.ON_TRACK
    if current >= AT_RISK_SHARE * expected:
        return Status.AT_RISK
    return Status.OFF_TRACK


def _running_ceiling(ceiling: float, current: float, elapsed: float) -> Status:
    if current > ceiling:
        return Status.OFF_TRACK
    if elapsed >= 1.0:
        return Status.MET
    if elapsed == 0.0:
        return Status.ON_TRACK
    return Status.ON_TRACK if current / elapsed <= ceiling else Status.AT_RISK


def target_status(
    op: str,
    value: float,
    value_max: float | None,
    current: float | None,
    previous: float | None = None,
    elapsed: float = 1.0,
    cumulative: bool = True,
) -> Status:
    """The :class:`Status` of a target (see the module's docstring for the rules).

    ``elapsed`` is the share of the target's year gone by (see
    :func:`lanhmanh.reporting.calendar.elapsed_fraction`); 1.0 judges the year as closed.
    A bad ``op``, value or ``elapsed`` is a ValueError.
    """
    _check(op, value, value_max, elapsed)
    if current is None:
        return Status.NO_DATA
    current = _number("current", current)
    value = float(value)
    if op in ("increase", "decrease"):
        if previous is None:
            return Status.NO_DATA
        op, value = _level(op, value, _number("previous", previous))
        value_max = None

    if cumulative:
        if op == "le":
            return _running_ceiling(value, current, elapsed)
        return _running_floor(value, current, elapsed)

    if op == "le":
        return _level_status(_excess(value, current), elapsed)
    if op == "range":
        if current > value_max:
            return _level_status(_excess(float(value_max), current), elapsed)
        return _level_status(_shortfall(value, current), elapsed)
    return _level_status(_shortfall(value, current), elapsed)


def progress_ratio(
    op: str,
    value: float,
    value_max: float | None,
    current: float | None,
    previous: float | None = None,
) -> float | None:
    """How much of the target is achieved, in [0, 1], for a progress bar; None without data.

    Floors (``ge``, ``eq``, a range's lower bound): ``current / value``. Ceilings (``le``):
    1 within the ceiling, ``value / current`` beyond it. ``increase``/``decrease``: the
    relative change achieved over the change promised (a change the wrong way is 0).
    A zero target is fully achieved by any non-negative value.
    """
    _check(op, value, value_max, 1.0)
    if current is None:
        return None
    current = _number("current", current)
    value = float(value)
    if op in ("increase", "decrease"):
        if previous is None:
            return None
        previous = _number("previous", previous)
        if value == 0:
            ratio = 1.0 if (current >= previous if op == "increase" else current <= previous) else 0
        elif previous == 0:
            ratio = 1.0 if (current > 0 if op == "increase" else current == 0) else 0.0
        else:
            change = (current - previous) / previous * 100
            ratio = (change if op == "increase" else -change) / value
    elif op == "le":
        within = current <= value
        ratio = 1.0 if within else (max(value, 0.0) / current if current > 0 else 0.0)
    elif value == 0:
        ratio = 1.0 if current >= 0 else 0.0
    else:
        ratio = current / value
    return min(1.0, max(0.0, float(ratio)))


def complete(reported: int | None, expected: int | None, threshold: float = COMPLETENESS) -> bool:
    """Have enough of the ``expected`` units reported? ``expected`` None: the figure does not
    come from the units' reports (a register's), so it is complete by nature; 0 expected
    units cannot make a figure."""
    if expected is None:
        return True
    if reported is None or expected <= 0:
        return False
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], not {threshold!r}")
    return reported / expected >= threshold


def judged(
    status: Status | str,
    reported: int | None,
    expected: int | None,
    threshold: float = COMPLETENESS,
) -> Status:
    """``status`` as it may be shown: NOT_ENOUGH when too few units reported (a figure
    without data stays NO_DATA)."""
    status = Status(status)
    if status == Status.NO_DATA or complete(reported, expected, threshold):
        return status
    return Status.NOT_ENOUGH


def shown_periods(
    candidates: list[tuple[int | None, int | None]], threshold: float = COMPLETENESS
) -> tuple[int | None, int | None]:
    """Which of ``candidates`` — (reported, expected) of the periods with data, the latest
    first — to show: (the latest complete one, a later partial one shown beside it). Without
    a complete period the latest partial one is the figure (judged NOT_ENOUGH) and nothing
    is beside it. Indexes into ``candidates``, None for none."""
    first_complete = next(
        (
            i
            for i, (reported, expected) in enumerate(candidates)
            if complete(reported, expected, threshold)
        ),
        None,
    )
    if first_complete is None:
        return (0, None) if candidates else (None, None)
    return first_complete, (0 if first_complete > 0 else None)
