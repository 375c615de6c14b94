"""CSV and XLSX of the tip register: codes, dates, labels. Never the content or the sender."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

COLUMNS = (
    "reference",
    "received_on",
    "channel",
    "category",
    "commune",
    "handling_agency",
    "deadline",
    "status",
    "outcome",
    "closed_on",
    "on_time",
)


def headers() -> list[str]:
    return [
        _("Reference code"),
        _("Received on"),
        _("Channel"),
        _("Category"),
        _("Commune"),
        _("Handling agency"),
        _("Deadline"),
        _("Status"),
        _("Outcome"),
        _("Closed on"),
        _("On time"),
    ]


def _yes_no(value):
    if value is None:
        return ""
    return _("yes") if value else _("no")


def rows(tips):
    for tip in tips:
        yield [
            tip.reference,
            timezone.localdate(tip.received_at).isoformat(),
            tip.get_channel_display(),
            tip.get_category_display(),
            tip.commune.name,
            tip.assigned_agency.name if tip.assigned_agency else "",
            tip.deadline.isoformat(),
            tip.get_status_display(),
            tip.get_outcome_display() if tip.outcome else "",
            timezone.localdate(tip.closed_at).isoformat() if tip.closed_at else "",
            _yes_no(tip.on_time),
        ]


def csv_bytes(tips) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    writer.writerows(rows(tips))
    return ("\ufeff" + out.getvalue()).encode()  # the BOM lets Excel read UTF-8


def xlsx_bytes(tips) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Tips")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(tips):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
