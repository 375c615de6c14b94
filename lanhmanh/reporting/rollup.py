"""Roll-up rules: the reference the database roll-up (SQL) is tested against.

Pure Python, no Django import. An indicator aggregates by one rule (see the catalogue):

- ``sum``   counts that add up (inspections held, people reached);
- ``last``  stocks measured at a date (establishments active): over time the latest period's
            value; over units they still add up;
- ``max``   the highest value.

A percent is never averaged: it is 100 × Σ numerators / Σ denominators over units and periods.
Missing values (None: a report not submitted, a value left empty) are skipped, and an aggregate
with nothing to aggregate is None, not 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from lanhmanh.reporting.calendar import parse_period

RULES = ("sum", "last", "max")

Number = int | float


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise ValueError(f"unknown aggregation rule {rule!r}: expected one of {', '.join(RULES)}")


def _order(period: str | date) -> tuple[date, date]:
    """Sort key: the later end wins; at the same end, the shorter (later-starting) period."""
    if isinstance(period, date):
        return period, period
    _, start, end = parse_period(period)
    return end, start


def aggregate(
    rule: str,
    values: Mapping[str | date, Number | None] | Iterable[tuple[str | date, Number | None]],
) -> Number | None:
    """One indicator's values over time, by ``rule``.

    ``values`` maps period keys (``2024-Q1``…) or dates to values, as a mapping or as
    (period, value) pairs. ``last`` takes the value of the period that ends latest.
    """
    _check_rule(rule)
    items = list(values.items() if isinstance(values, Mapping) else values)
    present = [(period, value) for period, value in items if value is not None]
    if not present:
        return None
    if rule == "sum":
        return sum(value for _, value in present)
    if rule == "max":
        return max(value for _, value in present)
    return max(present, key=lambda item: _order(item[0]))[1]


def aggregate_units(rule: str, values: Iterable[Number | None]) -> Number | None:
    """One indicator's values of several units for one period, by ``rule``.

    ``sum`` and ``last`` add up (the province's stock is the sum of its units' stocks);
    ``max`` takes the highest.
    """
    _check_rule(rule)
    present = [value for value in values if value is not None]
    if not present:
        return None
    return max(present) if rule == "max" else sum(present)


def percent(
    numerators: Iterable[Number | None], denominators: Iterable[Number | None]
) -> float | None:
    """100 × Σ numerators / Σ denominators; None when Σ denominators is 0 (or nothing reported).

    Never an average of the units' percents: a commune with 4 establishments weighs less
    than a city with 100.
    """
    total_numerator = sum(value for value in numerators if value is not None)
    total_denominator = sum(value for value in denominators if value is not None)
    if total_denominator == 0:
        return None
    return 100.0 * total_numerator / total_denominator
