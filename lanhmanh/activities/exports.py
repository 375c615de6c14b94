"""The filtered list of activities as CSV or XLSX.

Activities count people, never name them; the export does not say who recorded what.
Cells that a spreadsheet would run as a formula are quoted (``lanhmanh.tables``).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lanhmanh import tables
from lanhmanh.places.models import AdministrativeUnit


def columns() -> list[str]:
    return [
        _("No."),
        _("Kind"),
        _("Title"),
        _("Date"),
        _("Until"),
        _("Held in"),
        _("Communes reached"),
        _("Organiser"),
        _("Audience"),
        _("Participants"),
        _("Women"),
        _("Men"),
        _("Medium"),
        _("Quantity"),
        _("Unit visited"),
        _("Document number"),
        _("Description"),
    ]


def rows(activities):
    """One list per activity, in the order of ``columns()``; dates stay dates."""
    activities = activities.select_related("unit", "organiser", "visited").prefetch_related(
        Prefetch("communes", queryset=AdministrativeUnit.objects.order_by("name_search"))
    )
    for activity in activities:
        yield [
            activity.pk,
            activity.get_kind_display(),
            activity.title,
            activity.held_on,
            activity.ends_on,
            activity.unit.name,
            ", ".join(c.name for c in activity.communes.all()),
            activity.organiser.name,
            activity.get_audience_display(),
            activity.participants,
            activity.women,
            activity.men,
            activity.get_medium_display(),
            activity.quantity,
            activity.visited.name if activity.visited else "",
            activity.document_number,
            activity.description,
        ]


def csv_bytes(activities) -> bytes:
    return tables.csv_bytes(columns(), rows(activities))


def xlsx_bytes(activities) -> bytes:
    return tables.xlsx_bytes(
        _("Activities"),
        columns(),
        rows(activities),
        widths=(6, 22, 40, 12, 12, 24, 36, 30, 22, 10, 8, 8, 18, 10, 28, 16, 50),
    )
