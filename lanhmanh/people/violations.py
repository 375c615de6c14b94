"""Violation history: the administrative sanctions of a person, and when they are spent.

The rule (Law on Handling Administrative Violations, art. 7): a person is considered
never to have been sanctioned 6 months after a warning, or 1 year after any other
sanction, when no new violation came in between. A new violation within that window
keeps the earlier one alive until the new one is itself spent.

``spent_on`` and ``is_spent`` are pure functions over (form, decided_on) records; the
adapter ``sanctions_for`` reads the sanctions register (``lanhmanh.sanctions``, by the
person's pseudonymous code) when that app is installed, and nothing otherwise.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

WARNING = "warning"


@dataclass(frozen=True)
class Violation:
    form: str  # "warning" or another form of sanction ("fine", ...)
    decided_on: datetime.date
    behaviour: str = ""
    issuing_agency_id: int | None = None
    pk: int | None = None


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def own_end(violation) -> datetime.date:
    """When this violation alone is spent: 6 months after a warning, 1 year otherwise."""
    months = 6 if violation.form == WARNING else 12
    return add_months(violation.decided_on, months)


def spent_dates(violations: Sequence) -> list[datetime.date]:
    """For each violation (in the order given), the day from which it is spent."""
    order = sorted(range(len(violations)), key=lambda i: violations[i].decided_on)
    result: dict[int, datetime.date] = {}
    later_end: datetime.date | None = None  # spent date of the next violation in time
    next_start: datetime.date | None = None
    for index in reversed(order):
        violation = violations[index]
        end = own_end(violation)
        if next_start is not None and next_start <= end and later_end is not None:
            # A new violation came before this one was spent: it lives as long as that one.
            end = max(end, later_end)
        result[index] = end
        later_end, next_start = end, violation.decided_on
    return [result[i] for i in range(len(violations))]


def is_spent(violation, all_violations: Sequence, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    dates = spent_dates(all_violations)
    return dates[list(all_violations).index(violation)] <= today


def live(violations: Sequence, today: datetime.date | None = None) -> list:
    """The violations that still count today."""
    today = today or timezone.localdate()
    return [v for v, end in zip(violations, spent_dates(violations), strict=True) if end > today]


# --- the adapter to the sanctions register ---------------------------------------------


def sanction_model():
    if not apps.is_installed("lanhmanh.sanctions"):
        return None
    return apps.get_model("sanctions", "Sanction")


def sanctions_for(codes: Iterable[str]) -> dict[str, list[Violation]]:
    """The sanctions of each person code (empty when the register is not installed)."""
    model = sanction_model()
    codes = [c for c in set(codes) if c]
    result: dict[str, list[Violation]] = {code: [] for code in codes}
    if model is None or not codes:
        return result
    rows = model.objects.filter(person_code__in=codes).values_list(
        "pk", "person_code", "form", "decided_on", "behaviour", "issuing_agency_id"
    )
    for pk, code, form, decided_on, behaviour, agency_id in rows:
        result[code].append(Violation(form, decided_on, behaviour, agency_id, pk))
    return result


def live_counts(codes: Iterable[str], today: datetime.date | None = None) -> dict[str, int]:
    """How many violations still count against each person."""
    return {code: len(live(items, today)) for code, items in sanctions_for(codes).items()}


def sanctioned_by_user(user, codes: Iterable[str] | None = None, today=None) -> set[str]:
    """Person codes with a sanction of one of the user's agencies that still counts
    (police see only those: a spent violation is hidden from everyone but the case team)."""
    from lanhmanh.agencies.queries import agencies_of

    model = sanction_model()
    if model is None or not getattr(user, "is_authenticated", False):
        return set()
    mine = agencies_of(user)
    rows = model.objects.filter(issuing_agency_id__in=mine).exclude(person_code="")
    if codes is not None:
        rows = rows.filter(person_code__in=list(codes))
    candidates = set(rows.values_list("person_code", flat=True))
    return {
        code
        for code, items in sanctions_for(candidates).items()
        if any(v.issuing_agency_id in mine for v in live(items, today))
    }
