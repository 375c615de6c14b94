"""Reporting periods: keys, bounds, due dates; the calendar rules of the five seed plans."""

import itertools
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from lanhmanh.reporting.calendar import (
    Period,
    build_period,
    elapsed_fraction,
    next_period,
    parse_period,
    period_containing,
    periods_for_rule,
    previous_period,
)

D = date

# ---------------------------------------------------------------------------------------------
# The seeds' calendars, checked by hand against the seed text.
# Per gold file: one list per entry of its `reporting` list, in order, of (key, due date).
# ---------------------------------------------------------------------------------------------

_QUARTER_ENDS_2014 = [
    ("2014-Q1", D(2014, 3, 31)),
    ("2014-Q2", D(2014, 6, 30)),
    ("2014-Q3", D(2014, 9, 30)),
    ("2014-Q4", D(2014, 12, 31)),
]
_MONTH_ENDS_2014 = [
    ("2014-01", D(2014, 1, 31)),
    ("2014-02", D(2014, 2, 28)),
    ("2014-03", D(2014, 3, 31)),
    ("2014-04", D(2014, 4, 30)),
    ("2014-05", D(2014, 5, 31)),
    ("2014-06", D(2014, 6, 30)),
    ("2014-07", D(2014, 7, 31)),
    ("2014-08", D(2014, 8, 31)),
    ("2014-09", D(2014, 9, 30)),
    ("2014-10", D(2014, 10, 31)),
    ("2014-11", D(2014, 11, 30)),
    ("2014-12", D(2014, 12, 31)),
]

SEED_CALENDARS = {
    # "báo cáo Ủy ban nhân dân tỉnh … trước ngày 15 tháng cuối quý"
    "000": {
        "years": [2017],
        "rules": [
            [
                ("2017-Q1", D(2017, 3, 15)),
                ("2017-Q2", D(2017, 6, 15)),
                ("2017-Q3", D(2017, 9, 15)),
                ("2017-Q4", D(2017, 12, 15)),
            ]
        ],
    },
    # 6-month and yearly reports with no date; ad hoc reports; to two receivers.
    "001": {
        "years": [2024],
        "rules": [
            [("2024-H1", D(2024, 6, 30)), ("2024-H2", D(2024, 12, 31))],
            [("2024", D(2024, 12, 31))],
            [],
            [("2024-H1", D(2024, 6, 30)), ("2024-H2", D(2024, 12, 31))],
            [("2024", D(2024, 12, 31))],
        ],
    },
    # "định kỳ 6 tháng, hàng năm … báo cáo UBND tỉnh" and
    # "báo cáo 6 tháng gửi trước ngày 25/6, báo cáo năm trước ngày 25/12".
    "002": {
        "years": [2023],
        "rules": [
            [("2023-H1", D(2023, 6, 30)), ("2023-H2", D(2023, 12, 31))],
            [("2023", D(2023, 12, 31))],
            [("2023-H1", D(2023, 6, 25)), ("2023-H2", D(2023, 12, 25))],
            [("2023", D(2023, 12, 25))],
        ],
    },
    # The text is cut before its reporting section: five years, no rules.
    "003": {"years": [2016, 2017, 2018, 2019, 2020], "rules": []},
    # Police statistics "định kỳ tháng, quý, năm", "báo cáo nhanh", "đột xuất".
    "004": {
        "years": [2014],
        "rules": [
            _MONTH_ENDS_2014,
            _QUARTER_ENDS_2014,
            [("2014", D(2014, 12, 31))],
            [],
            [],
        ],
    },
}


def _gold(shared_dir, prefix):
    (path,) = sorted(Path(shared_dir, "gold").glob(f"{prefix}_*.gold.json"))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", sorted(SEED_CALENDARS))
def test_seed_calendars(shared_dir, prefix):
    gold = _gold(shared_dir, prefix)
    expected = SEED_CALENDARS[prefix]
    years = gold["document"]["years"]
    assert years == expected["years"]
    rules = gold["reporting"]
    assert len(rules) == len(expected["rules"])
    for rule, want in zip(rules, expected["rules"], strict=True):
        periods = periods_for_rule(rule["frequency"], rule["due_day"], rule["due_month"], years)
        assert [(p.key, p.due) for p in periods] == want, rule
        for period in periods:
            assert period.frequency == rule["frequency"]
            assert parse_period(period.key) == (period.frequency, period.start, period.end)
            assert period.start <= period.end
            # A due date never falls before the period starts.
            assert period.due >= period.start


def test_seed_004_monthly_periods_tile_the_year(shared_dir):
    gold = _gold(shared_dir, "004")
    (monthly,) = [r for r in gold["reporting"] if r["frequency"] == "monthly"]
    periods = periods_for_rule("monthly", monthly["due_day"], monthly["due_month"], [2014])
    assert periods[0].start == D(2014, 1, 1)
    assert periods[-1].end == D(2014, 12, 31)
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + timedelta(days=1)


# The demo's 2026 plan: "báo cáo quý trước ngày 15 tháng cuối quý; [báo cáo 6 tháng trước ngày
# 20/6/2026;] báo cáo năm trước ngày 10/12/2026; báo cáo đột xuất khi có yêu cầu".
DEMO_2026 = {
    "quarterly": [
        ("2026-Q1", D(2026, 3, 15)),
        ("2026-Q2", D(2026, 6, 15)),
        ("2026-Q3", D(2026, 9, 15)),
        ("2026-Q4", D(2026, 12, 15)),
    ],
    "semiannual": [("2026-H1", D(2026, 6, 20)), ("2026-H2", D(2026, 12, 20))],
    "annual": [("2026", D(2026, 12, 10))],
    "ad_hoc": [],
}


def test_demo_plan_calendar():
    """The demo plan's rules, as the extraction engine reads them, give the expected periods."""
    from lanhmanh.plans.extraction import extract

    plan = Path(__file__).resolve().parents[2] / "demo" / "plans" / "ke-hoach-tinh-2026.txt"
    extracted = extract(plan)
    years = extracted["document"]["years"]
    assert years == [2026]
    result = {
        rule["frequency"]: [
            (p.key, p.due)
            for p in periods_for_rule(rule["frequency"], rule["due_day"], rule["due_month"], years)
        ]
        for rule in extracted["reporting"]
    }
    # The half-year rule is optional in the demo text; the others are always there.
    assert {"quarterly", "annual", "ad_hoc"} <= set(result)
    assert result == {frequency: DEMO_2026[frequency] for frequency in result}


# ---------------------------------------------------------------------------------------------
# Due-date rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "due_day", "due_month", "years", "expected"),
    [
        # monthly: the day of the month itself, clamped; else the month's end
        ("monthly", 5, None, [2024], {"2024-01": D(2024, 1, 5), "2024-12": D(2024, 12, 5)}),
        (
            "monthly",
            31,
            None,
            [2023, 2024],
            {
                "2023-02": D(2023, 2, 28),
                "2024-02": D(2024, 2, 29),
                "2024-04": D(2024, 4, 30),
                "2024-06": D(2024, 6, 30),
                "2024-07": D(2024, 7, 31),
            },
        ),
        ("monthly", None, None, [2024], {"2024-02": D(2024, 2, 29), "2024-11": D(2024, 11, 30)}),
        # quarterly: the day of the quarter's last month; the month of a rule is ignored
        (
            "quarterly",
            31,
            None,
            [2025],
            {
                "2025-Q1": D(2025, 3, 31),
                "2025-Q2": D(2025, 6, 30),
                "2025-Q3": D(2025, 9, 30),
                "2025-Q4": D(2025, 12, 31),
            },
        ),
        ("quarterly", 20, 4, [2025], {"2025-Q1": D(2025, 3, 20), "2025-Q4": D(2025, 12, 20)}),
        ("quarterly", None, None, [2025], {"2025-Q2": D(2025, 6, 30)}),
        # semiannual with day/month: H1 on it, H2 six months later (clamped)
        ("semiannual", 20, 6, [2022], {"2022-H1": D(2022, 6, 20), "2022-H2": D(2022, 12, 20)}),
        ("semiannual", 31, 6, [2022], {"2022-H1": D(2022, 6, 30), "2022-H2": D(2022, 12, 31)}),
        ("semiannual", 31, 8, [2023], {"2023-H1": D(2023, 8, 31), "2023-H2": D(2024, 2, 29)}),
        ("semiannual", 10, 1, [2023], {"2023-H1": D(2023, 1, 10), "2023-H2": D(2023, 7, 10)}),
        # semiannual with a day only: that day of the half-year's last month
        ("semiannual", 15, None, [2023], {"2023-H1": D(2023, 6, 15), "2023-H2": D(2023, 12, 15)}),
        # semiannual with a month only: that month's end
        ("semiannual", None, 6, [2023], {"2023-H1": D(2023, 6, 30), "2023-H2": D(2023, 12, 31)}),
        ("semiannual", None, None, [2023], {"2023-H1": D(2023, 6, 30), "2023-H2": D(2023, 12, 31)}),
        # annual
        ("annual", 10, 12, [2026], {"2026": D(2026, 12, 10)}),
        ("annual", 30, 2, [2024, 2025], {"2024": D(2024, 2, 29), "2025": D(2025, 2, 28)}),
        ("annual", 20, None, [2026], {"2026": D(2026, 12, 20)}),
        ("annual", None, 11, [2026], {"2026": D(2026, 11, 30)}),
        ("annual", None, None, [2026], {"2026": D(2026, 12, 31)}),
    ],
)
def test_due_dates(frequency, due_day, due_month, years, expected):
    periods = {p.key: p for p in periods_for_rule(frequency, due_day, due_month, years)}
    for key, due in expected.items():
        assert periods[key].due == due, key


@pytest.mark.parametrize(
    ("frequency", "count", "first", "last"),
    [
        ("monthly", 24, "2023-01", "2024-12"),
        ("quarterly", 8, "2023-Q1", "2024-Q4"),
        ("semiannual", 4, "2023-H1", "2024-H2"),
        ("annual", 2, "2023", "2024"),
    ],
)
def test_periods_cover_every_period_of_the_years_in_order(frequency, count, first, last):
    periods = periods_for_rule(frequency, None, None, [2024, 2023, 2024])
    assert len(periods) == count
    assert periods[0].key == first
    assert periods[-1].key == last
    assert [p.start for p in periods] == sorted(p.start for p in periods)
    assert all(isinstance(p, Period) for p in periods)


def test_ad_hoc_and_empty_years():
    assert periods_for_rule("ad_hoc", None, None, [2024]) == []
    assert periods_for_rule("ad_hoc", 5, 6, [2024]) == []
    assert periods_for_rule("annual", None, None, []) == []


@pytest.mark.parametrize(
    ("frequency", "due_day", "due_month", "years", "message"),
    [
        ("weekly", None, None, [2024], "unknown reporting frequency 'weekly'"),
        ("", None, None, [2024], "unknown reporting frequency"),
        ("annual", 0, None, [2024], "due_day"),
        ("annual", 32, None, [2024], "due_day"),
        ("annual", 1, 13, [2024], "due_month"),
        ("annual", 1, 0, [2024], "due_month"),
        ("annual", None, None, [0], "invalid year"),
        ("annual", None, None, ["2024"], "invalid year"),
    ],
)
def test_periods_for_rule_rejects_bad_rules(frequency, due_day, due_month, years, message):
    with pytest.raises(ValueError, match=message):
        periods_for_rule(frequency, due_day, due_month, years)


def test_period_is_frozen():
    period = build_period("2024-Q3")
    with pytest.raises(AttributeError):
        period.key = "2024-Q4"
    assert period == Period("2024-Q3", "quarterly", D(2024, 7, 1), D(2024, 9, 30), D(2024, 9, 30))
    assert period.year == 2024
    assert period.contains(D(2024, 8, 15))
    assert not period.contains(D(2024, 10, 1))


# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("2024", ("annual", D(2024, 1, 1), D(2024, 12, 31))),
        ("2024-H1", ("semiannual", D(2024, 1, 1), D(2024, 6, 30))),
        ("2024-H2", ("semiannual", D(2024, 7, 1), D(2024, 12, 31))),
        ("2024-Q1", ("quarterly", D(2024, 1, 1), D(2024, 3, 31))),
        ("2024-Q3", ("quarterly", D(2024, 7, 1), D(2024, 9, 30))),
        ("2024-Q4", ("quarterly", D(2024, 10, 1), D(2024, 12, 31))),
        ("2024-02", ("monthly", D(2024, 2, 1), D(2024, 2, 29))),
        ("2023-02", ("monthly", D(2023, 2, 1), D(2023, 2, 28))),
        ("2024-05", ("monthly", D(2024, 5, 1), D(2024, 5, 31))),
        ("2024-12", ("monthly", D(2024, 12, 1), D(2024, 12, 31))),
    ],
)
def test_parse_period(key, expected):
    assert parse_period(key) == expected


@pytest.mark.parametrize(
    "key",
    [
        "",
        "24",
        "20245",
        "2024-",
        "2024-H0",
        "2024-H3",
        "2024-Q0",
        "2024-Q5",
        "2024-q1",
        "2024-h1",
        "2024Q1",
        "2024-00",
        "2024-13",
        "2024-5",
        "2024-005",
        " 2024",
        "2024 ",
        "2024-05-01",
        "0000",
        "năm 2024",
    ],
)
def test_parse_period_rejects_bad_keys(key):
    with pytest.raises(ValueError, match="invalid period key"):
        parse_period(key)


def test_parse_period_message_names_the_key_and_the_forms():
    with pytest.raises(ValueError) as info:
        parse_period("2024-Q5")
    message = str(info.value)
    assert "'2024-Q5'" in message
    for example in ("2024", "2024-H1", "2024-Q3", "2024-05"):
        assert example in message


def test_parse_period_rejects_non_strings():
    with pytest.raises(ValueError, match="string"):
        parse_period(2024)
    with pytest.raises(ValueError, match="string"):
        parse_period(None)


@pytest.mark.parametrize(
    ("key", "previous"),
    [
        ("2024-Q1", "2023-Q4"),
        ("2024-Q4", "2024-Q3"),
        ("2024-01", "2023-12"),
        ("2024-05", "2024-04"),
        ("2024-10", "2024-09"),
        ("2024-H1", "2023-H2"),
        ("2024-H2", "2024-H1"),
        ("2024", "2023"),
        ("2000", "1999"),
    ],
)
def test_previous_and_next_period(key, previous):
    assert previous_period(key) == previous
    assert next_period(previous) == key


def test_previous_period_rejects_bad_keys_and_year_one():
    with pytest.raises(ValueError, match="invalid period key"):
        previous_period("2024-Q9")
    with pytest.raises(ValueError, match="no period before"):
        previous_period("0001-01")


@pytest.mark.parametrize(
    ("frequency", "day", "key"),
    [
        ("monthly", D(2024, 5, 17), "2024-05"),
        ("monthly", D(2024, 12, 31), "2024-12"),
        ("quarterly", D(2024, 3, 31), "2024-Q1"),
        ("quarterly", D(2024, 7, 1), "2024-Q3"),
        ("semiannual", D(2024, 6, 30), "2024-H1"),
        ("semiannual", D(2024, 7, 1), "2024-H2"),
        ("annual", D(2024, 1, 1), "2024"),
    ],
)
def test_period_containing(frequency, day, key):
    assert period_containing(frequency, day) == key


def test_period_containing_every_day_of_a_leap_year():
    day = D(2024, 1, 1)
    while day.year == 2024:
        for frequency in ("monthly", "quarterly", "semiannual", "annual"):
            key = period_containing(frequency, day)
            found, start, end = parse_period(key)
            assert found == frequency
            assert start <= day <= end
        day += timedelta(days=1)


def test_period_containing_rejects_ad_hoc():
    with pytest.raises(ValueError, match="unknown reporting frequency 'ad_hoc'"):
        period_containing("ad_hoc", D(2024, 1, 1))


@pytest.mark.parametrize(
    ("year", "today", "expected"),
    [
        (2024, D(2023, 12, 31), 0.0),
        (2024, D(2024, 1, 1), 1 / 366),
        (2024, D(2024, 6, 30), 182 / 366),
        (2023, D(2023, 7, 2), 183 / 365),
        (2024, D(2024, 12, 30), 365 / 366),
        (2024, D(2024, 12, 31), 1.0),
        (2024, D(2025, 3, 1), 1.0),
    ],
)
def test_elapsed_fraction(year, today, expected):
    assert elapsed_fraction(year, today) == pytest.approx(expected)
    assert 0.0 <= elapsed_fraction(year, today) <= 1.0


def test_pure_modules_do_not_import_django():
    """The reporting core stays usable outside Django (scripts, benchmarks, extraction)."""
    modules = [
        "reporting.calendar",
        "indicators.catalogue",
        "indicators.proposals",
        "indicators.concerns",
        "reporting.progress",
        "reporting.rollup",
    ]
    root = Path(__file__).resolve().parents[3]
    code = "\n".join(
        [
            "import importlib, sys",
            *[f"importlib.import_module('lanhmanh.{m}')" for m in modules],
            "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))",
            "print(','.join(loaded))",
            "sys.exit(1 if loaded else 0)",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
