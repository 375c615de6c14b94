"""CSV and XLSX of the tip register: codes, dates, labels. Never the content or the sender."""

from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import tables

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
    return tables.csv_bytes(headers(), rows(tips))


def xlsx_bytes(tips) -> bytes:
    return tables.xlsx_bytes(_("Tips"), headers(), rows(tips))
