"""Completeness rules (pure): a target is judged only when enough units reported, and a
later partial period never replaces the last complete one."""

import pytest

from lanhmanh.reporting.progress import Status, complete, judged, shown_periods


@pytest.mark.parametrize(
    ("reported", "expected", "threshold", "result"),
    [
        (8, 10, 0.8, True),
        (7, 10, 0.8, False),
        (1, 130, 0.8, False),
        (130, 130, 0.8, True),
        (0, 0, 0.8, False),  # nobody expected: no figure to judge
        (None, 10, 0.8, False),
        (None, None, 0.8, True),  # a register's figure: complete by nature
        (0, 10, 0.0, True),
    ],
)
def test_complete(reported, expected, threshold, result):
    assert complete(reported, expected, threshold) is result


def test_complete_rejects_a_threshold_outside_zero_to_one():
    with pytest.raises(ValueError, match="threshold"):
        complete(1, 2, 80)


@pytest.mark.parametrize("status", [Status.MET, Status.OFF_TRACK, Status.ON_TRACK, "at_risk"])
def test_judged_says_not_enough_data_below_the_threshold(status):
    assert judged(status, 1, 130) == Status.NOT_ENOUGH
    assert judged(status, 120, 130) == Status(status)
    assert judged(status, None, None) == Status(status)


def test_judged_keeps_no_data():
    assert judged(Status.NO_DATA, 0, 130) == Status.NO_DATA


@pytest.mark.parametrize(
    ("candidates", "shown"),
    [
        ([], (None, None)),
        ([(10, 10)], (0, None)),
        # the latest period is partial: the last complete one is the figure, the partial beside
        ([(2, 10), (9, 10), (10, 10)], (1, 0)),
        # nothing complete: the latest is the figure (judged not enough data), nothing beside
        ([(2, 10), (3, 10)], (0, None)),
        ([(None, None), (1, 10)], (0, None)),
    ],
)
def test_shown_periods(candidates, shown):
    assert shown_periods(candidates, 0.8) == shown
