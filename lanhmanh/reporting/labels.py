"""The words a person reads for a target's status and a reporting period.

Period keys (``2026-H1``) stay for the command line and the API; pages, exports and the
compiled report name the period in words: "Quý I/2026", "6 tháng đầu năm 2026" (English:
"Q1 2026", "First half of 2026"). One function, :func:`period_name`, for all of them.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lanhmanh.indicators.registry import function_for

from .calendar import ANNUAL, MONTHLY, QUARTERLY, SEMIANNUAL, parse_period

# A month or a quarter as a period's part: "May" / "Tháng 5", "Q1" / "Quý I".
_MONTHS = {
    1: pgettext_lazy("period", "January"),
    2: pgettext_lazy("period", "February"),
    3: pgettext_lazy("period", "March"),
    4: pgettext_lazy("period", "April"),
    5: pgettext_lazy("period", "May"),
    6: pgettext_lazy("period", "June"),
    7: pgettext_lazy("period", "July"),
    8: pgettext_lazy("period", "August"),
    9: pgettext_lazy("period", "September"),
    10: pgettext_lazy("period", "October"),
    11: pgettext_lazy("period", "November"),
    12: pgettext_lazy("period", "December"),
}
_QUARTERS = {
    1: pgettext_lazy("period", "Q1"),
    2: pgettext_lazy("period", "Q2"),
    3: pgettext_lazy("period", "Q3"),
    4: pgettext_lazy("period", "Q4"),
}


def status_labels() -> dict[str, str]:
    """Status code → label, in the order the statuses are shown and counted."""
    return {
        "met": _("Met"),
        "on_track": _("On track"),
        "at_risk": _("At risk"),
        "off_track": _("Off track"),
        "not_enough_data": _("Not enough data"),
        "no_data": _("No data"),
    }


def period_name(key: str) -> str:
    """The period of ``key`` in words; a key that is no period is shown as it is."""
    try:
        frequency, start, end = parse_period(key)
    except ValueError:
        return key
    year = end.year
    if frequency == MONTHLY:
        # "May 2026" / "Tháng 5/2026"
        return _("%(part)s %(year)s") % {"part": _MONTHS[end.month], "year": year}
    if frequency == QUARTERLY:
        quarter = (end.month - 1) // 3 + 1
        return _("%(part)s %(year)s") % {"part": _QUARTERS[quarter], "year": year}
    if frequency == SEMIANNUAL:
        if start.month == 1:
            return _("First half of %(year)s") % {"year": year}
        return _("Second half of %(year)s") % {"year": year}
    if frequency == ANNUAL:
        return _("Year %(year)s") % {"year": year}
    return key


def _figure(value, percent: bool) -> str:
    if value is None:
        return "—"
    number = float(value)
    number = int(number) if number.is_integer() else round(number, 1)
    text = number_format(number, use_l10n=True, force_grouping=True)
    return f"{text}%" if percent else text


def progress_notes(item) -> list[str]:
    """What a target's figure stands for, beside it wherever it is shown: how many units
    reported for its period, that a share counts every unit in scope, and a later period's
    partial figure (``item`` a :class:`lanhmanh.reporting.queries.TargetProgress`)."""
    notes = []
    if item.period is not None:
        notes.append(period_name(item.period.key))
    if item.expected is not None and item.period is not None:
        notes.append(
            _("%(reported)s/%(expected)s units reported")
            % {"reported": item.reported, "expected": item.expected}
        )
    if item.current is not None:
        if item.over_all_units and function_for(item.indicator.numerator.compute) is not None:
            notes.append(_("over all units in the area, from the registers"))
        elif item.over_all_units:
            notes.append(_("over all units in the area; those not reported count as not yet"))
        elif item.expected is None:
            notes.append(_("from the registers, for the whole area"))
    if item.partial is not None:
        percent = bool(item.indicator and item.indicator.kind == "percent")
        notes.append(
            _("%(period)s: %(value)s, partial (%(reported)s/%(expected)s units reported)")
            % {
                "period": period_name(item.partial.period.key),
                "value": _figure(item.partial.current, percent),
                "reported": item.partial.reported,
                "expected": item.partial.expected,
            }
        )
    return notes
