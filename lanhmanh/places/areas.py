"""An area a table or a dashboard covers: one unit and its parts, or several roots.

Shared by the dashboards (``monitoring``) and the published people figures
(``people.counts``), which must cover the same units to publish the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import AdministrativeUnit, Level


@dataclass
class Area:
    """One ``unit`` (its parts: ``children``), or (``unit`` None) the ``roots`` the user
    reaches — every current province for a national user — which are then its parts."""

    unit: AdministrativeUnit | None
    roots: list[AdministrativeUnit]
    national: bool = False
    children: list[AdministrativeUnit] = field(default_factory=list)

    @property
    def unit_ids(self) -> list[int]:
        return [self.unit.pk] if self.unit else [u.pk for u in self.roots]

    @property
    def unit_id(self) -> int | None:
        return self.unit.pk if self.unit else None

    @property
    def rows(self) -> list[AdministrativeUnit]:
        """The units of the table below the figures: the area's parts."""
        return self.children if self.unit else self.roots


def children_of(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """Today's units directly below ``unit`` (a province's communes and wards)."""
    if unit.level == Level.COMMUNE:
        return []
    return list(
        AdministrativeUnit.objects.current()
        .filter(parent=unit)
        .exclude(pk=unit.pk)
        .order_by("name_search", "pk")
    )


def area_of(unit: AdministrativeUnit) -> Area:
    return Area(unit=unit, roots=[unit], children=children_of(unit))
