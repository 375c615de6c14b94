"""The filtered list of hotspots as CSV or XLSX.

Hotspots are places, not people: the export carries no name of a person, and not who
recorded what. Cells that a spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

from django.db.models import Max
from django.utils.translation import gettext as _

from lanhmanh import tables


def columns() -> list[str]:
    return [
        _("No."),
        _("Name"),
        _("Commune"),
        _("Address"),
        _("Type"),
        _("Establishment"),
        _("Status"),
        _("Status since"),
        _("Last check"),
        _("Latitude"),
        _("Longitude"),
        _("Description"),
    ]


def rows(hotspots):
    """One list per hotspot, in the order of ``columns()``; dates stay dates."""
    hotspots = hotspots.select_related("commune").annotate(last_check=Max("checks__on"))
    for hotspot in hotspots:
        yield [
            hotspot.pk,
            hotspot.name,
            hotspot.commune.name,
            hotspot.address,
            hotspot.get_kind_display(),
            hotspot.establishment_name,
            hotspot.get_status_display(),
            hotspot.status_since,
            hotspot.last_check,
            None if hotspot.latitude is None else float(hotspot.latitude),
            None if hotspot.longitude is None else float(hotspot.longitude),
            hotspot.description,
        ]


def csv_bytes(hotspots) -> bytes:
    return tables.csv_bytes(columns(), rows(hotspots))


def xlsx_bytes(hotspots) -> bytes:
    return tables.xlsx_bytes(
        _("Hotspots"),
        columns(),
        rows(hotspots),
        widths=(6, 40, 28, 36, 20, 28, 16, 12, 12, 11, 11, 50),
    )
