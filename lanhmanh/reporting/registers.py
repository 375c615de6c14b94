"""Indicator values computed from the registers, by the names the catalogue gives them
(``Indicator.compute``). A register that is not installed yet computes nothing, and its
indicators stay reported by the units.

Figures are year to date, like the reports: from 1 January to the period's end.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from importlib import import_module

from django.apps import apps

# compute name → (app, module path, function name)
FUNCTIONS: dict[str, tuple[str, str, str]] = {
    "inspections.establishments_active": (
        "lanhmanh.inspections",
        "lanhmanh.inspections.indicators",
        "count_active",
    ),
    "inspections.establishments_inspected": (
        "lanhmanh.inspections",
        "lanhmanh.inspections.indicators",
        "inspected",
    ),
    "inspections.coverage": ("lanhmanh.inspections", "lanhmanh.inspections.indicators", "coverage"),
    "inspections.inspections_held": (
        "lanhmanh.inspections",
        "lanhmanh.inspections.indicators",
        "inspections_held",
    ),
    "inspections.violations_found": (
        "lanhmanh.inspections",
        "lanhmanh.inspections.indicators",
        "violations_found",
    ),
    "sanctions.imposed": ("lanhmanh.sanctions", "lanhmanh.sanctions.indicators", "imposed"),
    "sanctions.fines_amount": (
        "lanhmanh.sanctions",
        "lanhmanh.sanctions.indicators",
        "fines_amount",
    ),
    "sanctions.selling": ("lanhmanh.sanctions", "lanhmanh.sanctions.indicators", "selling"),
    "sanctions.buying": ("lanhmanh.sanctions", "lanhmanh.sanctions.indicators", "buying"),
    "hotspots.broken_up": ("lanhmanh.hotspots", "lanhmanh.hotspots.indicators", "broken_up"),
    "hotspots.kept_clear": ("lanhmanh.hotspots", "lanhmanh.hotspots.indicators", "kept_clear"),
    "tips.received": ("lanhmanh.tips", "lanhmanh.tips.indicators", "received"),
    "tips.handled_on_time": ("lanhmanh.tips", "lanhmanh.tips.indicators", "handled_on_time"),
    "tips.on_time_share": ("lanhmanh.tips", "lanhmanh.tips.indicators", "on_time_share"),
    **{
        f"people.{name}": ("lanhmanh.people", "lanhmanh.people.indicators", name)
        for name in (
            "in_need",
            "supported",
            "supported_share",
            "vocational_training",
            "jobs_provided",
            "returnees_supported",
        )
    },
    "assessments.communes_healthy": (
        "lanhmanh.assessments",
        "lanhmanh.assessments.indicators",
        "communes_healthy",
    ),
    "assessments.communes_healthy_share": (
        "lanhmanh.assessments",
        "lanhmanh.assessments.indicators",
        "communes_healthy_share",
    ),
}


def function_for(name: str) -> Callable | None:
    entry = FUNCTIONS.get(name)
    if entry is None or not apps.is_installed(entry[0]):
        return None
    try:
        return getattr(import_module(entry[1]), entry[2])
    except (ImportError, AttributeError):
        return None


def computable(indicator) -> bool:
    return bool(indicator.compute) and function_for(indicator.compute) is not None


def compute(indicator, area: set[int], end: datetime.date) -> Decimal | None:
    """The register's figure for ``area`` from 1 January to ``end``."""
    function = function_for(indicator.compute)
    if function is None:
        return None
    value = function(area, datetime.date(end.year, 1, 1), end)
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


# compute name → (register list URL name, kind whose "<kind>.read" it needs, extra query
# parameters); the dates go as ``from``/``to`` unless the extra parameters name them
# (``"dates"``).
_ESTABLISHMENTS = ("inspections:list", "establishment")
_SANCTIONS = ("sanctions:list", "sanction", {})
RECORDS: dict[str, tuple[str, str, dict[str, str]]] = {
    "inspections.establishments_active": (*_ESTABLISHMENTS, {}),
    "inspections.establishments_inspected": (*_ESTABLISHMENTS, {"inspected": "1"}),
    "inspections.coverage": (*_ESTABLISHMENTS, {"inspected": "1"}),
    "inspections.inspections_held": (
        "inspections:inspections",
        "inspection",
        {"dates": "start end"},
    ),
    "hotspots.broken_up": ("hotspots:list", "hotspot", {}),
    "hotspots.kept_clear": ("hotspots:list", "hotspot", {"dates": "kept_from kept_to"}),
    "tips.received": ("tips:list", "tip", {}),
    "tips.handled_on_time": ("tips:list", "tip", {}),
    "tips.on_time_share": ("tips:list", "tip", {}),
    "sanctions.imposed": _SANCTIONS,
    "sanctions.fines_amount": _SANCTIONS,
    "sanctions.selling": _SANCTIONS,
    "sanctions.buying": _SANCTIONS,
    "assessments.communes_healthy": (
        "assessments:list",
        "assessment",
        {"status": "approved", "result": "healthy"},
    ),
    "assessments.communes_healthy_share": (
        "assessments:list",
        "assessment",
        {"status": "approved", "result": "healthy"},
    ),
}


def records_url(indicator, area_id: int | None, end: datetime.date, user=None) -> str | None:
    """The register list behind a computed figure: the records of ``area_id`` from
    1 January to ``end`` (the figure is year to date). None when the register is not
    installed, the figure is not computed, or ``user`` may not read that register."""
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    entry = RECORDS.get(indicator.compute or "")
    if entry is None or area_id is None or function_for(indicator.compute) is None:
        return None
    url_name, kind, extra = entry
    if user is not None:
        from lanhmanh.agencies.policy import can

        if not can(user, f"{kind}.read"):
            return None
    try:
        base = reverse(url_name)
    except NoReverseMatch:
        return None
    params = {"area": str(area_id)}
    extra = dict(extra)
    dates = extra.pop("dates", "from to").split()
    first, last = dates
    params |= {first: datetime.date(end.year, 1, 1).isoformat(), last: end.isoformat()}
    return f"{base}?{urlencode(params | extra)}"
