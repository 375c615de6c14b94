"""Data quality of a unit's report, as DHIS2 users expect it: hard rules that block the
submission, and warnings (a value far from the previous period's) that need a comment."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from lanhmanh.indicators.models import IndicatorKind

from .models import UnitReport
from .queries import report_indicators


def _n(value: Decimal) -> str:
    """500.00 → "500", 12500.50 → "12.500,5" (not "5E+2")."""
    from django.utils.formats import number_format

    return number_format(Decimal(f"{value.normalize():f}"), use_l10n=True, force_grouping=True)


JUMP_RATIO = Decimal("1.0")  # more than doubled or fallen to nothing
JUMP_MIN = Decimal("10")  # small numbers move a lot; ignore jumps under this


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    blocking: bool


def previous_values(report: UnitReport) -> dict[str, Decimal]:
    """The same unit's values in the previous period of the same kind of the same plan."""
    previous = (
        UnitReport.objects.filter(
            agency=report.agency,
            period__plan=report.period.plan,
            period__frequency=report.period.frequency,
            period__end__lt=report.period.start,
        )
        .order_by("-period__end")
        .first()
    )
    if previous is None:
        return {}
    return {
        v.indicator.code: v.value
        for v in previous.values.select_related("indicator")
        if v.value is not None
    }


def check_values(report: UnitReport) -> list[Problem]:
    values = {v.indicator.code: v for v in report.values.select_related("indicator")}
    problems: list[Problem] = []
    for code, item in values.items():
        value, indicator = item.value, item.indicator
        if value is None:
            continue
        if value < 0:
            problems.append(
                Problem(code, _("%(name)s cannot be negative.") % {"name": indicator.name}, True)
            )
        low, high = indicator.min_value, indicator.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(
                Problem(
                    code,
                    _("%(name)s must be between %(low)s and %(high)s.")
                    % {
                        "name": indicator.name,
                        "low": "…" if low is None else _n(low),
                        "high": "…" if high is None else _n(high),
                    },
                    True,
                )
            )
        if indicator.kind == IndicatorKind.PERCENT and value > 100:
            problems.append(
                Problem(code, _("%(name)s cannot be above 100%%.") % {"name": indicator.name}, True)
            )
    by_indicator = {v.indicator_id: v for v in values.values()}
    for indicator in report_indicators(report):
        if not (indicator.numerator_id and indicator.denominator_id):
            continue
        num, den = (
            by_indicator.get(indicator.numerator_id),
            by_indicator.get(indicator.denominator_id),
        )
        if (
            num
            and den
            and num.value is not None
            and den.value is not None
            and num.value > den.value
        ):
            problems.append(
                Problem(
                    num.indicator.code,
                    _("%(part)s (%(a)s) cannot exceed %(whole)s (%(b)s).")
                    % {
                        "part": num.indicator.name,
                        "a": _n(num.value),
                        "whole": den.indicator.name,
                        "b": _n(den.value),
                    },
                    True,
                )
            )
    before = previous_values(report)
    for code, item in values.items():
        old, new = before.get(code), item.value
        if old is None or new is None or item.comment:
            continue
        if abs(new - old) >= JUMP_MIN and abs(new - old) > JUMP_RATIO * max(abs(old), 1):
            problems.append(
                Problem(
                    code,
                    _(
                        "%(name)s changed from %(old)s to %(new)s since the previous period: "
                        "check it, or explain it in a comment."
                    )
                    % {"name": item.indicator.name, "old": _n(old), "new": _n(new)},
                    False,
                )
            )
    return problems
