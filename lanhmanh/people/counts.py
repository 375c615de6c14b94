"""Counts of the people register for everyone outside the case team.

Rule 3 of DESIGN.md: outside the team the register shows counts only, and a count below
5 is shown as "<5" (``suppressed``) so that a small number cannot point at a person.
Every export, dashboard figure, API count and indicator of this register goes through
``suppressed`` (or ``suppressed_value`` for numbers that must stay numbers).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from lanhmanh.places.models import UnitContainment

from .models import GROUP_FIELDS, Case, Group, Person, Service, ServiceKind, ServiceStatus

THRESHOLD = 5
SUPPRESSED = "<5"
REACHED = (ServiceStatus.ACCEPTED, ServiceStatus.DELIVERED)


def suppressed(n: int | None) -> int | str | None:
    """``n``, or "<5" when it is 1 to 4 (0 says nothing about anybody)."""
    if n is None:
        return None
    return SUPPRESSED if 0 < n < THRESHOLD else n


def suppressed_value(n: int | None) -> int | None:
    """For numeric outputs (indicators): a count of 1 to 4 becomes unknown (None)."""
    return None if n is None or 0 < n < THRESHOLD else n


def services_in(area: Iterable[int] | None, start: datetime.date, end: datetime.date) -> QuerySet:
    """Services accepted or delivered in the period, for cases in ``area`` (unit ids;
    None: everywhere)."""
    services = Service.objects.filter(
        status__in=REACHED, referred_on__gte=start, referred_on__lte=end
    )
    if area is not None:
        inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
        services = services.filter(case__commune__in=inside)
    return services


def reached(services: QuerySet, group: str = "", kind: str = "") -> int:
    """Distinct people reached by ``services`` (optionally of a group, a service)."""
    if group:
        services = services.filter(**{f"case__person__{GROUP_FIELDS[group]}": True})
    if kind:
        services = services.filter(kind=kind)
    return services.values("case__person_id").distinct().count()


def filter_cases(cases: QuerySet, unit: int | None, start, end) -> tuple[QuerySet, dict | None]:
    """The case list narrowed as a dashboard figure drills into it: the cases of ``unit``
    (everything inside it) and, with a period, those with a service that reached the
    person in it. Returns the cases and, with a period, {"people": n, "start", "end"}
    (n the distinct people the figure counted; the list itself shows their cases)."""
    if unit:
        inside = UnitContainment.objects.filter(outer_id=unit).values("inner_id")
        cases = cases.filter(commune__in=inside)
    if not (start and end):
        return cases, None
    served = Service.objects.filter(
        status__in=REACHED, referred_on__gte=start, referred_on__lte=end
    ).values("case_id")
    cases = cases.filter(pk__in=served)
    people = cases.values("person_id").distinct().count()
    return cases, {"people": people, "start": start, "end": end}


def breakdown(cases: QuerySet, start: datetime.date, end: datetime.date) -> dict:
    """People reached in the period by the services of ``cases`` (already scoped),
    by service, group and commune; every figure suppressed. A fixed number of queries."""
    services = Service.objects.filter(
        case__in=cases.values("pk"),
        status__in=REACHED,
        referred_on__gte=start,
        referred_on__lte=end,
    )
    people = services.values("case__person_id").distinct()
    by_kind = dict(
        services.values("kind")
        .annotate(n=Count("case__person_id", distinct=True))
        .values_list("kind", "n")
    )
    groups = {}
    persons = Person.objects.filter(pk__in=people)
    totals = persons.aggregate(
        **{group: Count("pk", filter=_q(field)) for group, field in GROUP_FIELDS.items()}
    )
    for group in Group:
        groups[str(group.label)] = suppressed(totals[group.value])
    by_commune = (
        services.values("case__commune__name")
        .annotate(n=Count("case__person_id", distinct=True))
        .order_by("case__commune__name")
    )
    open_cases = cases.filter(status="open").count()
    return {
        "total": suppressed(people.count()),
        "open_cases": suppressed(open_cases),
        "by_service": [
            (str(kind.label), suppressed(by_kind.get(kind.value, 0))) for kind in ServiceKind
        ],
        "by_group": list(groups.items()),
        "by_commune": [(row["case__commune__name"], suppressed(row["n"])) for row in by_commune],
    }


def _q(field):
    from django.db.models import Q

    return Q(**{field: True})


def rows(report: dict) -> list[list]:
    """The breakdown as table rows (section, item, people) for CSV/XLSX."""
    out = [[_("Total"), _("People reached"), report["total"]]]
    out.append([_("Total"), _("Open cases"), report["open_cases"]])
    out += [[_("By service"), label, n] for label, n in report["by_service"]]
    out += [[_("By group"), label, n] for label, n in report["by_group"]]
    out += [[_("By commune"), label, n] for label, n in report["by_commune"]]
    return out


def open_people(area: Iterable[int], end: datetime.date, group: str) -> int:
    inside = UnitContainment.objects.filter(outer_id__in=set(area)).values("inner_id")
    cases = Case.objects.filter(commune__in=inside, opened_on__lte=end).exclude(
        closed_on__lt=datetime.date(end.year, 1, 1)
    )
    return (
        cases.filter(**{f"person__{GROUP_FIELDS[group]}": True})
        .values("person_id")
        .distinct()
        .count()
    )
