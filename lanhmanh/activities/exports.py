"""The filtered lists of activities and of community models as CSV or XLSX.

Activities count people, never name them; the export does not say who recorded what.
Cells that a spreadsheet would run as a formula are quoted (``lanhmanh.tables``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanhmanh import tables
from lanhmanh.places.models import AdministrativeUnit


@dataclass(frozen=True)
class Sheet:
    """One register's download: its sheet's title, columns, rows and column widths."""

    title: str
    columns: Callable[[], list[str]]
    rows: Callable
    widths: tuple[int, ...]


def _communes(records):
    return records.prefetch_related(
        Prefetch("communes", queryset=AdministrativeUnit.objects.order_by("name_search"))
    )


def _names(record) -> str:
    return ", ".join(c.name for c in record.communes.all())


def activity_columns() -> list[str]:
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


def activity_rows(activities):
    """One list per activity, in the order of ``activity_columns()``; dates stay dates."""
    for activity in _communes(activities.select_related("unit", "organiser", "visited")):
        yield [
            activity.pk,
            activity.get_kind_display(),
            activity.title,
            activity.held_on,
            activity.ends_on,
            activity.unit.name,
            _names(activity),
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


def model_columns() -> list[str]:
    return [
        _("No."),
        _("Kind"),
        _("Name"),
        _("Status"),
        _("Started on"),
        _("Stopped on"),
        _("Held in"),
        _("Communes served"),
        _("Organiser"),
        _("Audience"),
        _("Last reviewed on"),
        _("Review"),
        _("Description"),
    ]


def model_rows(models):
    """One list per community model, in the order of ``model_columns()``."""
    for model in _communes(models.select_related("unit", "organiser")):
        yield [
            model.pk,
            model.get_kind_display(),
            model.name,
            str(model.get_status_display()),
            model.started_on,
            model.stopped_on,
            model.unit.name,
            _names(model),
            model.organiser.name,
            model.get_audience_display(),
            model.reviewed_on,
            model.review,
            model.description,
        ]


ACTIVITIES = Sheet(
    gettext_lazy("Activities"),
    activity_columns,
    activity_rows,
    (6, 22, 40, 12, 12, 24, 36, 30, 22, 10, 8, 8, 18, 10, 28, 16, 50),
)
MODELS = Sheet(
    gettext_lazy("Community models"),
    model_columns,
    model_rows,
    (6, 24, 40, 12, 12, 12, 24, 36, 30, 22, 12, 40, 50),
)


def csv_bytes(sheet: Sheet, records) -> bytes:
    return tables.csv_bytes(sheet.columns(), sheet.rows(records))


def xlsx_bytes(sheet: Sheet, records) -> bytes:
    return tables.xlsx_bytes(str(sheet.title), sheet.columns(), sheet.rows(records), sheet.widths)
