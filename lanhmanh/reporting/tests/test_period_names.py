"""Periods in words wherever a person reads them; keys stay for the CLI and the API."""

import pytest
from django.template import Context, Template
from django.utils import translation

from lanhmanh.reporting.labels import period_name


@pytest.mark.parametrize(
    ("key", "vi", "en"),
    [
        ("2026-05", "Tháng 5/2026", "May 2026"),
        ("2026-Q1", "Quý I/2026", "Q1 2026"),
        ("2026-Q4", "Quý IV/2026", "Q4 2026"),
        ("2026-H1", "6 tháng đầu năm 2026", "First half of 2026"),
        ("2026-H2", "6 tháng cuối năm 2026", "Second half of 2026"),
        ("2026", "Năm 2026", "Year 2026"),
        ("not-a-period", "not-a-period", "not-a-period"),
    ],
)
def test_period_name(key, vi, en):
    with translation.override("vi"):
        assert period_name(key) == vi
    with translation.override("en"):
        assert period_name(key) == en


def test_the_template_filter_takes_a_period_or_its_key():
    class Period:
        key = "2026-Q2"

    template = Template("{% load periods %}{{ p|period_name }} · {{ k|period_name }}")
    with translation.override("vi"):
        assert template.render(Context({"p": Period(), "k": "2026-H1"})) == (
            "Quý II/2026 · 6 tháng đầu năm 2026"
        )
