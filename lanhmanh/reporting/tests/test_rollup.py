"""Roll-up reference rules: sum, last, max, and percents from summed parts."""

from datetime import date

import pytest

from lanhmanh.reporting.rollup import aggregate, aggregate_units, percent

QUARTERS = {"2024-Q1": 10, "2024-Q2": 30, "2024-Q3": 5, "2024-Q4": 20}


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        ("sum", QUARTERS, 65),
        ("max", QUARTERS, 30),
        ("last", QUARTERS, 20),
        # order of the input does not decide "last": the latest period does
        ("last", {"2024-Q4": 20, "2024-Q1": 10, "2024-Q3": 5}, 20),
        ("last", [("2024-03", 7), ("2024-11", 9), ("2024-05", 8)], 9),
        ("last", [("2023-H2", 3), ("2024-H1", 4)], 4),
        ("last", [("2024", 3), ("2023", 40)], 3),
        # at the same end date the shorter period is the later measurement
        ("last", [("2024-12", 12), ("2024-Q4", 40), ("2024", 99)], 12),
        ("last", [(date(2024, 6, 30), 5), (date(2024, 3, 31), 6)], 5),
        # a missing latest report does not count as zero
        ("last", {"2024-Q1": 10, "2024-Q2": 30, "2024-Q3": None}, 30),
        ("sum", {"2024-Q1": 10, "2024-Q2": None}, 10),
        ("max", [("2024-01", None), ("2024-02", 0)], 0),
        ("sum", [("2024-01", 1.5), ("2024-02", 2.5)], 4.0),
        # nothing reported: None, not 0
        ("sum", {}, None),
        ("last", {"2024-Q1": None}, None),
        ("max", [], None),
    ],
)
def test_aggregate(rule, values, expected):
    assert aggregate(rule, values) == expected


def test_aggregate_rejects_unknown_rules_and_keys():
    with pytest.raises(ValueError, match="unknown aggregation rule 'avg'"):
        aggregate("avg", QUARTERS)
    with pytest.raises(ValueError, match="invalid period key"):
        aggregate("last", {"2024-Q5": 1, "2024-Q1": 2})


@pytest.mark.parametrize(
    ("rule", "values", "expected"),
    [
        ("sum", [3, 4, None, 5], 12),
        ("last", [3, 4, None, 5], 12),  # stocks of several units add up
        ("max", [3, 4, None, 5], 5),
        ("sum", [None, None], None),
        ("sum", [], None),
    ],
)
def test_aggregate_units(rule, values, expected):
    assert aggregate_units(rule, values) == expected


def test_aggregate_units_rejects_unknown_rules():
    with pytest.raises(ValueError, match="unknown aggregation rule"):
        aggregate_units("mean", [1])


def test_percent_is_summed_parts_not_an_average_of_percents():
    # A commune inspected 1 of its 4 establishments (25 %), the city 60 of its 100 (60 %).
    numerators, denominators = [1, 60], [4, 100]
    average_of_percents = sum(100 * n / d for n, d in zip(numerators, denominators, strict=True))
    average_of_percents /= 2
    assert average_of_percents == pytest.approx(42.5)
    assert percent(numerators, denominators) == pytest.approx(100 * 61 / 104)
    assert percent(numerators, denominators) == pytest.approx(58.653846, abs=1e-6)
    assert percent(numerators, denominators) != pytest.approx(average_of_percents)


@pytest.mark.parametrize(
    ("numerators", "denominators", "expected"),
    [
        ([50], [100], 50.0),
        ([0, 0], [10, 20], 0.0),
        ([3, 7], [3, 7], 100.0),
        ([1, 2, 3], [4, 5, 6], 40.0),
        ([1, None], [4, 6], 10.0),  # a missing numerator adds nothing
        ([0], [0], None),
        ([5], [0], None),
        ([], [], None),
        ([None], [None], None),
        ((n for n in [1, 1]), (d for d in [2, 2]), 50.0),  # any iterable
    ],
)
def test_percent(numerators, denominators, expected):
    result = percent(numerators, denominators)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)
