"""``{{ period|period_name }}``: a reporting period (or its key) in words on every page."""

from django import template

from lanhmanh.reporting.labels import period_name as _period_name

register = template.Library()


@register.filter
def period_name(period) -> str:
    if period is None or period == "":
        return ""
    return _period_name(getattr(period, "key", period))
