"""Working days skip weekends and Vietnam's public holidays, compensatory days included."""

import datetime

import pytest

from lanhmanh import workdays

D = datetime.date


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # An ordinary week: Monday + 2 → Wednesday; Friday + 2 → Tuesday.
        (D(2026, 10, 5), 2, D(2026, 10, 7)),
        (D(2026, 10, 9), 2, D(2026, 10, 13)),
        # The Friday before the Tết 2027 break (Thu 4/2 – Wed 10/2): Mon 1/2, Tue 2/2 …
        (D(2027, 1, 29), 2, D(2027, 2, 2)),
        # … and 15 working days jump the whole break: 26/2, not 19/2.
        (D(2027, 1, 29), 15, D(2027, 2, 26)),
        # Received on the eve of Tết (a holiday itself): Thursday 11/2, Friday 12/2.
        (D(2027, 2, 5), 2, D(2027, 2, 12)),
        (D(2027, 2, 3), 2, D(2027, 2, 12)),
        # 30/4 and 1/5 2026 (Thursday, Friday): Monday 4/5 and Tuesday 5/5.
        (D(2026, 4, 29), 2, D(2026, 5, 5)),
        (D(2026, 4, 30), 2, D(2026, 5, 5)),
        # 2027: 1/5 falls on a Saturday, so Monday 3/5 is the compensatory day off.
        (D(2027, 4, 29), 2, D(2027, 5, 5)),
        # National Day 2026: Monday 31/8 (swapped for Saturday 22/8), Tuesday 1/9 and
        # Wednesday 2/9 off; received on Friday 28/8 or on 2/9 → Thursday 3/9, Friday 4/9.
        (D(2026, 8, 28), 2, D(2026, 9, 4)),
        (D(2026, 9, 2), 2, D(2026, 9, 4)),
    ],
)
def test_add_working_days(received, days, due):
    assert workdays.add_working_days(received, days) == due


def test_holidays_and_swapped_saturdays():
    assert not workdays.is_working_day(D(2027, 2, 8))  # Mùng ba Tết, a Monday
    assert not workdays.is_working_day(D(2026, 9, 2))
    assert not workdays.is_working_day(D(2026, 4, 30))
    assert workdays.holiday_name(D(2026, 9, 2))
    assert workdays.holiday_name(D(2026, 10, 7)) is None
    assert workdays.is_working_day(D(2026, 10, 7))
    assert not workdays.is_working_day(D(2026, 10, 10))  # an ordinary Saturday
    # Saturday 22/8/2026 is worked in exchange for Monday 31/8.
    assert workdays.is_working_day(D(2026, 8, 22))
    assert workdays.add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)
