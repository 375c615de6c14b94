"""The filtered list of assessments, and the trend, as CSV or XLSX (via ``lanhmanh.tables``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import tables


def columns() -> list[str]:
    return [
        _("No."),
        _("Year"),
        _("Commune"),
        _("Commune code"),
        _("Criteria set"),
        _("Total points"),
        _("Threshold"),
        _("Classification"),
        _("Status"),
        _("Submitted"),
        _("Reviewed"),
    ]


def rows(assessments):
    for a in assessments.select_related("commune", "criteria_set"):
        yield [
            a.pk,
            a.year,
            str(a.commune),
            a.commune.code,
            a.criteria_set.name,
            a.total,
            a.criteria_set.threshold,
            a.classification,
            a.get_status_display(),
            timezone.localtime(a.submitted_at).date() if a.submitted_at else None,
            timezone.localtime(a.reviewed_at).date() if a.reviewed_at else None,
        ]


def csv_bytes(assessments) -> bytes:
    return tables.csv_bytes(columns(), rows(assessments))


def xlsx_bytes(assessments) -> bytes:
    return tables.xlsx_bytes(
        _("Commune assessments"),
        columns(),
        rows(assessments),
        widths=(6, 6, 34, 10, 40, 10, 10, 14, 14, 12, 12),
    )


def trend_columns() -> list[str]:
    return [
        _("Year"),
        _("Communes today"),
        _("Lành mạnh (today's communes)"),
        _("Not lành mạnh"),
        _("Not known"),
        _("Share lành mạnh (%)"),
        _("Communes then"),
        _("Lành mạnh (as assessed then)"),
        _("Share then (%)"),
    ]


def trend_rows(trend):
    for row in trend:
        yield [
            row.year,
            row.communes,
            row.healthy,
            row.not_healthy,
            row.unknown,
            row.share,
            row.communes_then,
            row.healthy_then,
            row.share_then,
        ]


def trend_csv(trend) -> bytes:
    return tables.csv_bytes(trend_columns(), trend_rows(trend))


def trend_xlsx(trend) -> bytes:
    return tables.xlsx_bytes(
        _("Lành mạnh trend"), trend_columns(), trend_rows(trend), widths=(8,) + (14,) * 8
    )
