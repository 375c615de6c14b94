"""The scoring rule and the successor rule, called directly."""

import pytest

from lanhmanh.assessments.scoring import (
    Result,
    Rule,
    ScoreError,
    check_set,
    score,
    share,
    successor_result,
)

RULES = [Rule("a", 40), Rule("b", 40), Rule("c", 20, mandatory=True)]

H, N, U = Result.HEALTHY, Result.NOT_HEALTHY, Result.UNKNOWN


def test_total_and_threshold():
    result = score(RULES, {"a": 30, "b": 30, "c": 20}, threshold=80)
    assert (result.total, result.max_total, result.healthy) == (80, 100, True)
    result = score(RULES, {"a": 30, "b": 29, "c": 20}, threshold=80)
    assert (result.total, result.healthy) == (79, False)


def test_a_mandatory_criterion_short_of_full_points_fails_whatever_the_total():
    result = score(RULES, {"a": 40, "b": 40, "c": 19}, threshold=80)
    assert result.total == 99
    assert result.mandatory_missed == ("c",)
    assert not result.healthy


def test_missing_points_count_zero():
    result = score(RULES, {"c": 20, "a": None}, threshold=10)
    assert result.total == 20 and result.healthy


@pytest.mark.parametrize("points", [-1, 41, 2.5, "10", True])
def test_points_out_of_range_or_not_whole_are_refused(points):
    with pytest.raises(ScoreError) as info:
        score(RULES, {"a": points}, threshold=80)
    assert info.value.key == "a"


def test_points_for_a_criterion_of_another_set_are_refused():
    with pytest.raises(ScoreError):
        score(RULES, {"z": 1}, threshold=80)


def test_an_empty_set_classifies_nobody():
    assert not score([], {}, threshold=0).healthy


def test_check_set():
    assert check_set(RULES, 80) == []
    assert check_set(RULES, 101) == ["the threshold is above the 100 points the criteria give"]
    assert "the threshold must be above zero" in check_set(RULES, 0)
    assert "the set has no criteria" in check_set([], 10)
    assert "every criterion is worth at least one point" in check_set([Rule("x", 0)], 1)


@pytest.mark.parametrize(
    "predecessors, expected",
    [
        ([H, H, H], H),  # all lành mạnh
        ([H, N, H], N),  # one failed: the merged commune is not
        ([H, None, H], U),  # one not assessed, none failed: unknown
        ([N, None], N),  # a failure decides even with gaps
        ([U, U], U),
        ([H], H),  # renamed / taken over whole
        ([], U),  # no predecessor known
    ],
)
def test_successor_rule_all_predecessors(predecessors, expected):
    assert successor_result(predecessors) == expected


def test_share():
    assert share(17, 20) == 85.0
    assert share(1, 3) == 33.3
    assert share(0, 0) is None
