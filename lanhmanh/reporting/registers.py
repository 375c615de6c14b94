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
