"""The police's sanction statistics: counts by behaviour, warnings, fines and amounts, for
a period (month, quarter, half-year, year), by commune and by sub-period.

Each table is one grouped query; the screen, the XLSX export and the indicators read the
same figures.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from .models import Behaviour, Form

BEHAVIOURS = list(Behaviour.values)


@dataclass
class Row:
    label: str
    by_behaviour: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BEHAVIOURS, 0))
    warnings: int = 0
    fines: int = 0
    amount: int = 0
    establishments: int = 0
    individuals: int = 0

    @property
    def total(self) -> int:
        return self.warnings + self.fines

    def add(self, behaviour, form, subject, count, amount) -> None:
        self.by_behaviour[behaviour] += count
        if form == Form.WARNING:
            self.warnings += count
        else:
            self.fines += count
        self.amount += amount or 0
        if subject == "establishment":
            self.establishments += count
        else:
            self.individuals += count

    def cells(self) -> list[int]:
        return [
            *(self.by_behaviour[b] for b in BEHAVIOURS),
            self.total,
            self.warnings,
            self.fines,
            self.amount,
        ]


def _grouped(queryset, start: datetime.date, end: datetime.date, key: str):
    return (
        queryset.filter(decided_on__range=(start, end))
        .values(key, "behaviour", "form", "subject")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )


def by_commune(queryset, start: datetime.date, end: datetime.date) -> tuple[list[Row], Row]:
    """One row per commune with decisions in the period (by name), and the total."""
    rows: dict[int, Row] = {}
    total = Row("")
    for item in _grouped(queryset, start, end, "commune__name"):
        name = item["commune__name"]
        rows.setdefault(name, Row(name)).add(
            item["behaviour"], item["form"], item["subject"], item["n"], item["amount"]
        )
        total.add(item["behaviour"], item["form"], item["subject"], item["n"], item["amount"])
    return sorted(rows.values(), key=lambda row: row.label), total


def by_month(queryset, start: datetime.date, end: datetime.date) -> list[tuple[str, Row]]:
    """One row per month of the period (months without decisions included), as mm/yyyy."""
    months = []
    day = start.replace(day=1)
    while day <= end:
        months.append((day.year, day.month))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    rows = {key: Row(f"{key[1]:02d}/{key[0]}") for key in months}
    grouped = _grouped(queryset.annotate(month=ExtractMonth("decided_on")), start, end, "month")
    # A period never spans two years, so the month number names the month.
    by_number = {month: (year, month) for year, month in months}
    for item in grouped:
        rows[by_number[item["month"]]].add(
            item["behaviour"], item["form"], item["subject"], item["n"], item["amount"]
        )
    return [(f"{y:04d}-{m:02d}", rows[(y, m)]) for y, m in months]
