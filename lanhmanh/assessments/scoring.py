"""Scoring a commune against a criteria set, and carrying results over to successor
communes (pure Python: no Django import, the tests call it directly).

**Scoring.** Each criterion has a maximum number of points; a commune earns between 0
and that maximum on each. The total is the sum. A commune is "lành mạnh" when its total
reaches the set's threshold *and* it earns the full points of every mandatory criterion
(for example "no prostitution hotspot operating in the commune": a commune with a
hotspot is not lành mạnh, however well it does elsewhere).

**Successors.** Since 1 July 2025 most communes are mergers of older ones (and about
1,585 old communes were split between several new ones). For a year before a commune
existed, its result is derived from the old communes whose territory it took over, all
or part, by this rule:

- lành mạnh when *every* predecessor was assessed that year and found lành mạnh;
- not lành mạnh as soon as *one* predecessor was assessed and found not lành mạnh;
- unknown otherwise (some predecessor was not assessed, none failed).

"All", not "any": the title says the whole territory is free of prostitution, and a
merged commune that took over a ward with a hotspot has not been. A predecessor split
between several successors passes its result to each of them: nobody recorded in which
part of the old commune the problem was, so each part is treated alike (the cautious
reading). Unknown is kept apart from "not lành mạnh" so that gaps in old records do not
pass for failures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Result(StrEnum):
    HEALTHY = "healthy"
    NOT_HEALTHY = "not_healthy"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Rule:
    """One criterion as the score needs it."""

    key: object  # anything that identifies the criterion (its id in the database)
    max_points: int
    mandatory: bool = False


@dataclass(frozen=True)
class Score:
    total: int
    max_total: int
    mandatory_missed: tuple  # keys of mandatory criteria not fully met
    healthy: bool


class ScoreError(ValueError):
    """Points outside a criterion's range, or for a criterion the set does not have."""

    def __init__(self, key, message: str):
        super().__init__(message)
        self.key = key


def check_points(rule: Rule, points) -> int:
    if points is None:
        return 0
    if isinstance(points, bool) or not isinstance(points, int):
        raise ScoreError(rule.key, "points must be a whole number")
    if not 0 <= points <= rule.max_points:
        raise ScoreError(rule.key, f"points must be between 0 and {rule.max_points}")
    return points


def score(rules: Iterable[Rule], points: Mapping[object, int | None], threshold: int) -> Score:
    """The total of ``points`` (criterion key → points; missing or None count 0) and
    whether it classifies as lành mạnh under ``threshold``."""
    rules = list(rules)
    known = {rule.key for rule in rules}
    for key in points:
        if key not in known:
            raise ScoreError(key, "no such criterion in this set")
    total = 0
    missed = []
    for rule in rules:
        earned = check_points(rule, points.get(rule.key))
        total += earned
        if rule.mandatory and earned < rule.max_points:
            missed.append(rule.key)
    max_total = sum(rule.max_points for rule in rules)
    healthy = bool(rules) and total >= threshold and not missed
    return Score(total=total, max_total=max_total, mandatory_missed=tuple(missed), healthy=healthy)


def check_set(rules: Iterable[Rule], threshold: int) -> list[str]:
    """Problems of a criteria set as messages (empty when it can be used)."""
    rules = list(rules)
    problems = []
    if not rules:
        problems.append("the set has no criteria")
    if any(rule.max_points <= 0 for rule in rules):
        problems.append("every criterion is worth at least one point")
    max_total = sum(rule.max_points for rule in rules)
    if threshold <= 0:
        problems.append("the threshold must be above zero")
    elif rules and threshold > max_total:
        problems.append(f"the threshold is above the {max_total} points the criteria give")
    return problems


def successor_result(predecessor_results: Iterable[Result | None]) -> Result:
    """A successor's result for a year before it existed, from its predecessors' results
    that year (None: not assessed). See the module's rule."""
    results = [Result.UNKNOWN if r is None else Result(r) for r in predecessor_results]
    if not results:
        return Result.UNKNOWN
    if any(r == Result.NOT_HEALTHY for r in results):
        return Result.NOT_HEALTHY
    if all(r == Result.HEALTHY for r in results):
        return Result.HEALTHY
    return Result.UNKNOWN


def share(healthy: int, total: int) -> float | None:
    """100 × healthy / total, one decimal; None without communes."""
    if not total:
        return None
    return round(100.0 * healthy / total, 1)
