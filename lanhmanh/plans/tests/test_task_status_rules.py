"""Where a task stands: recorded statuses, "late" read from the deadline, history kept."""

import datetime

from lanhmanh.plans.task_status import (
    DONE,
    IN_PROGRESS,
    LATE,
    NOT_STARTED,
    deadline,
    shown_status,
)

D = datetime.date


def test_a_task_is_due_at_the_end_of_its_last_month():
    assert deadline(D(2026, 2, 1), 2026) == D(2026, 2, 28)
    assert deadline(D(2024, 2, 1), 2024) == D(2024, 2, 29)
    assert deadline(D(2026, 12, 1), 2026) == D(2026, 12, 31)


def test_without_a_month_the_plan_s_last_year_is_the_deadline():
    assert deadline(None, 2027) == D(2027, 12, 31)
    assert deadline(None, None) is None


def test_late_is_read_from_the_deadline_on_the_day_asked():
    due = D(2026, 3, 31)
    assert shown_status(None, due, D(2026, 3, 31)) == NOT_STARTED
    assert shown_status(None, due, D(2026, 4, 1)) == LATE
    assert shown_status(IN_PROGRESS, due, D(2026, 3, 1)) == IN_PROGRESS
    assert shown_status(IN_PROGRESS, due, D(2026, 4, 1)) == LATE


def test_done_is_never_late_and_an_unknown_record_counts_as_not_started():
    assert shown_status(DONE, D(2026, 3, 31), D(2027, 1, 1)) == DONE
    assert shown_status("late", D(2026, 3, 31), D(2026, 1, 1)) == NOT_STARTED
    assert shown_status(None, None, D(2030, 1, 1)) == NOT_STARTED


def test_nothing_of_a_historic_plan_is_late():
    assert shown_status(None, D(2024, 3, 31), D(2026, 1, 1), historic=True) == NOT_STARTED
    assert shown_status(IN_PROGRESS, D(2024, 3, 31), D(2026, 1, 1), historic=True) == IN_PROGRESS
