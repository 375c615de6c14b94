"""Target status and progress ratio: table-driven, with the edges of every rule."""

import json

import pytest

from lanhmanh.reporting.labels import status_labels
from lanhmanh.reporting.progress import Status, progress_ratio, target_status

MET, ON, RISK, OFF, NONE = (
    Status.MET,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.OFF_TRACK,
    Status.NO_DATA,
)

# (op, value, value_max, current, previous, elapsed, cumulative, expected)
CASES = [
    # --- no data ------------------------------------------------------------------------------
    ("ge", 100, None, None, None, 0.5, True, NONE),
    ("le", 10, None, None, None, 1.0, False, NONE),
    ("increase", 3, 5, 103, None, 1.0, True, NONE),
    ("decrease", 60, 80, None, 50, 1.0, False, NONE),
    # --- running counts, floors: pro rata ------------------------------------------------------
    ("ge", 100, None, 100, None, 0.5, True, MET),
    ("ge", 100, None, 120, None, 0.1, True, MET),
    ("ge", 100, None, 50, None, 0.5, True, ON),  # exactly the expectation
    ("ge", 100, None, 38, None, 0.5, True, RISK),
    ("ge", 100, None, 37.5, None, 0.5, True, RISK),  # exactly 75 % of the expectation
    ("ge", 100, None, 37, None, 0.5, True, OFF),
    ("ge", 100, None, 0, None, 0.0, True, ON),  # nothing expected yet
    ("ge", 100, None, 99, None, 1.0, True, RISK),
    ("ge", 100, None, 75, None, 1.0, True, RISK),
    ("ge", 100, None, 74, None, 1.0, True, OFF),
    ("ge", 100, None, 0, None, 1.0, True, OFF),
    ("eq", 5, None, 5, None, 0.2, True, MET),  # "Tổ chức 05 hội nghị": five held
    ("eq", 5, None, 6, None, 1.0, True, MET),  # a sixth does not undo it
    ("eq", 5, None, 2, None, 0.4, True, ON),
    ("eq", 5, None, 1, None, 0.4, True, OFF),
    ("eq", 4, None, 3, None, 1.0, True, RISK),  # 3 ≥ 0.75 × 4
    # zero targets are met at once
    ("ge", 0, None, 0, None, 0.0, True, MET),
    ("eq", 0, None, 0, None, 0.5, True, MET),
    ("range", 0, 0, 0, None, 1.0, True, MET),
    # ranges of running counts: the lower bound is the commitment, both bounds inclusive
    ("range", 40, 60, 40, None, 1.0, True, MET),
    ("range", 40, 60, 60, None, 1.0, True, MET),
    ("range", 40, 60, 70, None, 1.0, True, MET),
    ("range", 40, 60, 20, None, 0.5, True, ON),
    ("range", 40, 60, 15, None, 0.5, True, RISK),
    ("range", 40, 60, 14, None, 0.5, True, OFF),
    ("range", 1, 3, 1, None, 1.0, True, MET),
    ("range", 1, 3, 0, None, 1.0, True, OFF),
    # --- running counts, ceilings ---------------------------------------------------------------
    ("le", 10, None, 10, None, 1.0, True, MET),
    ("le", 10, None, 0, None, 1.0, True, MET),
    ("le", 10, None, 11, None, 0.5, True, OFF),  # exceeded: cannot come back down
    ("le", 10, None, 11, None, 1.0, True, OFF),
    ("le", 10, None, 5, None, 0.5, True, ON),  # pace exactly 10
    ("le", 10, None, 6, None, 0.5, True, RISK),  # pace 12: heading over
    ("le", 10, None, 3, None, 0.0, True, ON),
    ("le", 0, None, 0, None, 0.5, True, ON),
    ("le", 0, None, 0, None, 1.0, True, MET),
    ("le", 0, None, 1, None, 0.5, True, OFF),
    # --- levels (percents), floors: compared directly, 10 % tolerance --------------------------
    ("ge", 70, None, 70, None, 0.3, False, MET),  # met whatever the date
    ("ge", 70, None, 95, None, 1.0, False, MET),
    ("ge", 70, None, 65, None, 1.0, False, RISK),  # 7 % short
    ("ge", 70, None, 60, None, 1.0, False, OFF),  # 14 % short
    ("ge", 100, None, 90, None, 1.0, False, RISK),  # exactly 10 % short
    ("ge", 100, None, 89, None, 1.0, False, OFF),
    ("ge", 100, None, 90, None, 0.5, False, ON),  # before the year's end: time to close it
    ("ge", 100, None, 89, None, 0.5, False, RISK),
    ("ge", 100, None, 75, None, 0.5, False, RISK),  # exactly 25 % short
    ("ge", 100, None, 74, None, 0.5, False, OFF),
    ("ge", 100, None, 0, None, 0.0, False, OFF),  # elapsed 0 does not excuse a level
    ("eq", 100, None, 100, None, 0.5, False, MET),
    ("eq", 85, None, 80, None, 1.0, False, RISK),
    ("eq", 85, None, 70, None, 1.0, False, OFF),
    ("ge", 0, None, 0, None, 1.0, False, MET),
    # --- levels, ceilings ------------------------------------------------------------------------
    ("le", 5, None, 5, None, 0.5, False, MET),
    ("le", 5, None, 0, None, 1.0, False, MET),
    ("le", 5, None, 5.5, None, 1.0, False, RISK),  # exactly 10 % over
    ("le", 5, None, 6, None, 1.0, False, OFF),
    ("le", 5, None, 5.5, None, 0.5, False, ON),
    ("le", 5, None, 6, None, 0.5, False, RISK),
    ("le", 5, None, 7, None, 0.5, False, OFF),
    ("le", 0, None, 0, None, 1.0, False, MET),
    ("le", 0, None, 1, None, 0.5, False, OFF),
    # --- levels, ranges: inclusive bounds, misses on either side -------------------------------
    ("range", 40, 60, 40, None, 1.0, False, MET),
    ("range", 40, 60, 60, None, 1.0, False, MET),
    ("range", 40, 60, 50, None, 0.0, False, MET),
    ("range", 40, 60, 39, None, 1.0, False, RISK),
    ("range", 40, 60, 30, None, 1.0, False, OFF),
    ("range", 40, 60, 61, None, 1.0, False, RISK),
    ("range", 40, 60, 70, None, 1.0, False, OFF),
    ("range", 40, 60, 70, None, 0.5, False, RISK),  # 16.7 % over, with time left
    ("range", 40, 60, 76, None, 0.5, False, OFF),  # 26.7 % over
    # --- increase: "Tăng 3 - 5% số tội phạm … được xử lý" ---------------------------------------
    ("increase", 3, 5, 103, 100, 1.0, True, MET),
    ("increase", 3, 5, 110, 100, 1.0, True, MET),  # beyond the upper percentage: still met
    ("increase", 3, 5, 102, 100, 1.0, True, RISK),
    ("increase", 3, 5, 70, 100, 1.0, True, OFF),
    ("increase", 3, 5, 52, 100, 0.5, True, ON),  # expectation 51.5
    ("increase", 3, 5, 39, 100, 0.5, True, RISK),  # ≥ 0.75 × 51.5 = 38.6
    ("increase", 3, 5, 38, 100, 0.5, True, OFF),
    ("increase", 3, 5, 101, 100, 1.0, False, RISK),  # 2 % below 103
    ("increase", 10, None, 100, 100, 1.0, False, RISK),  # 9.1 % below 110: within tolerance
    ("increase", 10, None, 98, 100, 1.0, False, OFF),  # 10.9 % below 110
    ("increase", 3, None, 0, 0, 1.0, True, MET),  # from zero: nothing to raise
    # --- decrease: "giảm 60 - 80% số cơ sở … hoạt động mại dâm trá hình" -------------------------
    ("decrease", 60, 80, 20, 50, 1.0, False, MET),  # 60 % fewer
    ("decrease", 60, 80, 10, 50, 1.0, False, MET),  # 80 % fewer
    ("decrease", 60, 80, 5, 50, 1.0, False, MET),  # 90 % fewer: more than promised
    ("decrease", 60, 80, 21, 50, 1.0, False, RISK),  # 5 % above the ceiling of 20
    ("decrease", 60, 80, 30, 50, 1.0, False, OFF),
    ("decrease", 60, 80, 21, 50, 0.5, False, ON),
    ("decrease", 20, None, 30, 100, 0.5, True, ON),  # pace 60 under a ceiling of 80
    ("decrease", 20, None, 45, 100, 0.5, True, RISK),  # pace 90
    ("decrease", 20, None, 81, 100, 0.5, True, OFF),
    ("decrease", 20, None, 80, 100, 1.0, True, MET),
    ("decrease", 100, None, 0, 7, 1.0, False, MET),
    ("decrease", 100, None, 1, 7, 1.0, False, OFF),
]


@pytest.mark.parametrize(
    ("op", "value", "value_max", "current", "previous", "elapsed", "cumulative", "expected"),
    CASES,
)
def test_target_status(op, value, value_max, current, previous, elapsed, cumulative, expected):
    status = target_status(
        op,
        value,
        value_max,
        current,
        previous=previous,
        elapsed=elapsed,
        cumulative=cumulative,
    )
    assert status is expected


def test_defaults_judge_a_closed_year_of_a_running_count():
    assert target_status("ge", 100, None, 80) is RISK
    assert target_status("ge", 100, None, 100) is MET
    assert target_status("le", 10, None, 10) is MET


@pytest.mark.parametrize("cumulative", [True, False])
@pytest.mark.parametrize("elapsed", [0.0, 0.25, 0.5, 0.9, 1.0])
def test_more_is_never_worse_for_a_floor(cumulative, elapsed):
    rank = {OFF: 0, RISK: 1, ON: 2, MET: 3}
    statuses = [
        target_status("ge", 40, None, c, elapsed=elapsed, cumulative=cumulative)
        for c in range(0, 61)
    ]
    ranks = [rank[s] for s in statuses]
    assert ranks == sorted(ranks)
    assert statuses[-1] is MET


@pytest.mark.parametrize("cumulative", [True, False])
@pytest.mark.parametrize("elapsed", [0.0, 0.5, 1.0])
def test_more_is_never_better_for_a_ceiling(cumulative, elapsed):
    rank = {OFF: 0, RISK: 1, ON: 2, MET: 3}
    ranks = [
        rank[target_status("le", 20, None, c, elapsed=elapsed, cumulative=cumulative)]
        for c in range(0, 41)
    ]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[-1] == 0


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("gt", 5, None, 3), {}, "unknown target op 'gt'"),
        (("ge", None, None, 3), {}, "value must be a number"),
        (("ge", "5", None, 3), {}, "value must be a number"),
        (("range", 40, None, 50), {}, "value_max must be a number"),
        (("range", 60, 40, 50), {}, "value_max 40 is below value 60"),
        (("ge", 5, None, 3), {"elapsed": 1.5}, "elapsed must be within"),
        (("ge", 5, None, 3), {"elapsed": -0.1}, "elapsed must be within"),
        (("ge", 5, None, "3"), {}, "current must be a number"),
        (("ge", 5, None, float("nan")), {}, "NaN"),
        (("increase", 5, None, 3), {"previous": "2"}, "previous must be a number"),
    ],
)
def test_bad_arguments(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        target_status(*args, **kwargs)


def test_status_values():
    assert [s.value for s in Status] == [
        "met",
        "on_track",
        "at_risk",
        "off_track",
        "not_enough_data",
        "no_data",
    ]
    # The same order as the labels the pages and the report show and count.
    assert [s.value for s in Status] == list(status_labels())
    assert Status("on_track") is Status.ON_TRACK
    assert Status.MET == "met"
    assert str(Status.AT_RISK) == "at_risk"
    assert json.dumps({"status": Status.OFF_TRACK}) == '{"status": "off_track"}'


@pytest.mark.parametrize(
    ("op", "value", "value_max", "current", "previous", "expected"),
    [
        ("ge", 100, None, 50, None, 0.5),
        ("ge", 100, None, 150, None, 1.0),
        ("ge", 100, None, None, None, None),
        ("ge", 0, None, 0, None, 1.0),
        ("eq", 5, None, 2, None, 0.4),
        ("eq", 5, None, 0, None, 0.0),
        ("range", 40, 60, 20, None, 0.5),
        ("range", 40, 60, 60, None, 1.0),
        ("le", 10, None, 5, None, 1.0),
        ("le", 10, None, 10, None, 1.0),
        ("le", 10, None, 20, None, 0.5),
        ("le", 0, None, 5, None, 0.0),
        ("le", 0, None, 0, None, 1.0),
        ("increase", 4, None, 102, 100, 0.5),
        ("increase", 4, 6, 98, 100, 0.0),
        ("increase", 4, None, 110, 100, 1.0),
        ("increase", 4, None, 102, None, None),
        ("increase", 4, None, 5, 0, 1.0),
        ("increase", 4, None, 0, 0, 0.0),
        ("increase", 0, None, 100, 100, 1.0),
        ("decrease", 60, 80, 35, 50, 0.5),
        ("decrease", 60, 80, 60, 50, 0.0),
        ("decrease", 60, 80, 0, 50, 1.0),
        ("decrease", 0, None, 10, 10, 1.0),
        ("decrease", 10, None, 0, 0, 1.0),
    ],
)
def test_progress_ratio(op, value, value_max, current, previous, expected):
    ratio = progress_ratio(op, value, value_max, current, previous=previous)
    if expected is None:
        assert ratio is None
    else:
        assert ratio == pytest.approx(expected)
        assert 0.0 <= ratio <= 1.0


def test_progress_ratio_rejects_bad_arguments():
    with pytest.raises(ValueError, match="unknown target op"):
        progress_ratio("between", 1, 2, 1)
    with pytest.raises(ValueError, match="value_max"):
        progress_ratio("range", 5, 1, 3)
