"""Violation history: the administrative sanctions of a person, and when they are spent.

The rule (Law on Handling Administrative Violations, art. 7): a person is considered
never to have been sanctioned 6 months after a warning, or 1 year after any other
sanction, when no new violation came in between. A new violation within that window
keeps the earlier one alive until the new one is itself spent.

``spent_dates``, ``is_spent`` and ``live`` are pure functions over (form, decided_on)
records. The adapter ``sanctions_for`` reads the sanctions register
(``lanhmanh.sanctions``) when that app is installed, and nothing otherwise — through the
*referrals a case team accepted* (linking the sanction to a person of one of its cases),
never through a code typed on a decision: a sanction is not a key into this register
(DESIGN.md, people's data, rule 2). It reads each decision as first recorded
(``first_form``, ``first_decided_on``), so that a corrected date cannot revive a spent
violation (rule 4). Nothing here grants anyone access to an identity.
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


def referral_model():
    if not apps.is_installed("lanhmanh.sanctions"):
        return None
    return apps.get_model("sanctions", "Referral")


def sanctions_for(codes: Iterable[str]) -> dict[str, list[Violation]]:
    """The sanctions linked to each person (by code) through an accepted referral (empty
    when the register is not installed)."""
    model = referral_model()
    codes = [c for c in set(codes) if c]
    result: dict[str, list[Violation]] = {code: [] for code in codes}
    if model is None or not codes:
        return result
    rows = (
        model.objects.filter(status="accepted", person__code__in=codes)
        .values_list(
            "sanction_id",
            "person__code",
            "sanction__first_form",
            "sanction__first_decided_on",
            "sanction__behaviour",
            "sanction__issuing_agency_id",
        )
        .distinct()
    )
    for pk, code, form, decided_on, behaviour, agency_id in rows:
        result[code].append(Violation(form, decided_on, behaviour, agency_id, pk))
    return result


def live_counts(codes: Iterable[str], today: datetime.date | None = None) -> dict[str, int]:
    """How many violations still count against each person."""
    return {code: len(live(items, today)) for code, items in sanctions_for(codes).items()}


def sanctioned_by_user(user, codes: Iterable[str] | None = None, today=None) -> set[str]:
    """Nothing: a sanction grants no access to the people register. Kept, empty, only
    until ``people.identity``/``people.queries``/``people.views`` stop asking (issue 19);
    delete it then."""
    return set()
