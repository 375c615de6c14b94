"""Indicator values computed from the registers, by the names the catalogue gives them
(``Indicator.compute``, ``"<app>.<function>"``).

Each register registers its functions in its ``AppConfig.ready`` (``register(...)``), so the
catalogue's names resolve only to what is installed, and one function is the one definition
of its figure for the dashboards, the reports and the register lists behind them. A
function takes ``(area, start, end)``: ``area`` a set of administrative-unit ids (everything
inside them counts), and the dates of the period; it returns a number or None.

Figures are year to date, like the reports: from 1 January to the period's end.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

Function = Callable[[set[int], datetime.date, datetime.date], "int | float | Decimal | None"]


@dataclass(frozen=True)
class Records:
    """The register list behind a figure: its URL name, the kind whose ``<kind>.read`` it
    needs, extra query parameters, the names of its date parameters, and where the list
    shows the figure (``total``): "" for its number of records, else the key of the page's
    context that holds it ("totals.quantity": the copies of the items listed)."""

    url_name: str
    kind: str
    extra: dict[str, str] = field(default_factory=dict)
    dates: tuple[str, str] = ("from", "to")
    total: str = ""

    def shown(self, context):
        """The figure as the list page shows it (``context``: the page's template context)."""
        if not self.total:
            return context["page"].paginator.count
        value = context
        for key in self.total.split("."):
            value = value[key]
        return value or 0


@dataclass(frozen=True)
class Computed:
    name: str
    function: Function
    records: Records | None = None
    #: it counts the units in scope (communes, units of a plan): a share over it is a share
    #: of units, judged by how many of them have reported for the period
    units: bool = False


_REGISTRY: dict[str, Computed] = {}


def register(
    name: str, function: Function, records: Records | None = None, units: bool = False
) -> None:
    """Make ``name`` (``"<app>.<function>"``) computable by ``function``. Registering a
    name twice with another function is a programming error."""
    existing = _REGISTRY.get(name)
    if existing is not None and existing.function is not function:
        raise ValueError(f"indicator function {name!r} is registered twice")
    _REGISTRY[name] = Computed(name, function, records, units)


def registered() -> dict[str, Computed]:
    return dict(_REGISTRY)


def function_for(name: str | None) -> Function | None:
    entry = _REGISTRY.get(name or "")
    return None if entry is None else entry.function


def counts_units(name: str | None) -> bool:
    """``name`` is a count of the units in scope (see :class:`Computed`)."""
    entry = _REGISTRY.get(name or "")
    return entry is not None and entry.units


def computable(indicator) -> bool:
    return function_for(indicator.compute) is not None


def compute(indicator, area: set[int], end: datetime.date) -> Decimal | None:
    """The register's figure for ``area`` from 1 January to ``end``."""
    function = function_for(indicator.compute)
    if function is None:
        return None
    value = function(area, datetime.date(end.year, 1, 1), end)
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def records_url(indicator, area_id: int | None, end: datetime.date, user=None) -> str | None:
    """The register list behind a computed figure: the records of ``area_id`` from
    1 January to ``end`` (the figure is year to date). None when the figure is not
    computed, has no list, or ``user`` may not read that register."""
    from django.urls import NoReverseMatch, reverse

    entry = _REGISTRY.get(indicator.compute or "")
    if entry is None or entry.records is None or area_id is None:
        return None
    records = entry.records
    if user is not None:
        from lanhmanh.agencies.policy import can

        if not can(user, f"{records.kind}.read"):
            return None
    try:
        base = reverse(records.url_name)
    except NoReverseMatch:
        return None
    first, last = records.dates
    params = {
        "area": str(area_id),
        first: datetime.date(end.year, 1, 1).isoformat(),
        last: end.isoformat(),
    }
    return f"{base}?{urlencode(params | records.extra)}"
