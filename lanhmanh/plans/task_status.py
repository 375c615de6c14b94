"""Where a task or duty stands for one agency: not started, in progress, done or late.

Pure Python. Rules:

- An agency records one of three statuses: not started, in progress, done.
- "Late" is never recorded: it is read from the deadline ("tiến độ") on the day asked. A
  task is due at the end of its last month; a task without one, and a duty, at the end
  of the plan's last year. Past the deadline and not done, it is late.
- A historic plan (closed, its years over) keeps what was recorded: nothing in it is late.
"""

from __future__ import annotations

import calendar
import datetime

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
LATE = "late"
RECORDED = (NOT_STARTED, IN_PROGRESS, DONE)


def deadline(end_month: datetime.date | None, last_year: int | None) -> datetime.date | None:
    """The last day of the task's last month, else the plan's 31/12; None if neither."""
    if end_month is not None:
        last_day = calendar.monthrange(end_month.year, end_month.month)[1]
        return end_month.replace(day=last_day)
    if last_year is not None:
        return datetime.date(last_year, 12, 31)
    return None


def shown_status(
    recorded: str | None,
    due: datetime.date | None,
    today: datetime.date,
    historic: bool = False,
) -> str:
    """The status a reader sees: the recorded one, or "late" past the deadline."""
    recorded = recorded if recorded in RECORDED else NOT_STARTED
    if recorded == DONE or historic or due is None:
        return recorded
    return LATE if today > due else recorded
