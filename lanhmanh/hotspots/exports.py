"""The filtered list of hotspots as CSV or XLSX.

Hotspots are places, not people: the export carries no name of a person, and not who
recorded what. Cells that a spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Max
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def _safe(value):
    if isinstance(value, str):
        value = "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def csv_bytes(hotspots) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns())
    for row in rows(hotspots):
        writer.writerow(
            [
                ""
                if v is None
                else (v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else _safe(v))
                for v in row
            ]
        )
    # With a byte-order mark, Excel opens the Vietnamese text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(hotspots) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Hotspots")[:31]
    sheet.append(columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(hotspots):
        sheet.append([_safe(v) for v in row])
    for row in sheet.iter_rows(min_row=2, min_col=8, max_col=9):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJKL", (6, 40, 28, 36, 20, 28, 16, 12, 12, 11, 11, 50), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
