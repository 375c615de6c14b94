"""The dashboard, the register list behind a number and the compiled report say the same,
figure by figure: the value, the status, and how many units reported — on the demo and on
a small national dataset."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import translation

from lanhmanh.agencies.models import Agency
from lanhmanh.agencies.roles import Role
from lanhmanh.indicators.registry import records_url, registered
from lanhmanh.monitoring.pages import dashboard_data
from lanhmanh.monitoring.queries import area_for
from lanhmanh.plans.models import Plan
from lanhmanh.reporting.compile import compile_report
from lanhmanh.reporting.exports import format_value
from lanhmanh.reporting.labels import status_labels
from lanhmanh.reporting.models import ReportingPeriod
from lanhmanh.reporting.queries import COUNTED
from lanhmanh.testing import make_user

pytestmark = pytest.mark.django_db


def _compare(client, user) -> int:
    """Compare every target of the user's dashboard with the compiled report of its plan's
    latest period with approved reports, and a register's count with its list; the number
    of targets compared."""
    with translation.override("vi"):
        data = dashboard_data(user, area_for(user))
        labels = status_labels()
    compared = 0
    for plan, progress in data["progress"]:
        period = (
            ReportingPeriod.objects.filter(plan=plan, reports__status__in=COUNTED)
            .order_by("-end", "start")
            .first()
        )
        if period is None:
            continue
        rows = compile_report(period).targets
        assert len(rows) == len(progress)
        for item, row in zip(progress, rows, strict=True):
            assert row.text == item.target.text
            assert row.status_code == item.status
            assert row.status == labels[item.status]
            if item.current is None:
                assert row.value is None
            else:
                unit = "%" if item.indicator.kind == "percent" else ""
                assert row.value == format_value(float(item.current)) + unit
            if item.expected is not None:
                assert f"{item.reported}/{item.expected}" in row.note
            elif item.current is not None:
                assert "từ sổ theo dõi" in row.note  # a register's figure, complete by nature
            if item.partial is not None:
                assert f"{item.partial.reported}/{item.partial.expected}" in row.note
            if item.status == "not_enough_data":
                assert not _complete(item)
            compared += 1
            url = (
                records_url(item.indicator, plan.jurisdiction_id, item.period.end, user)
                if (item.indicator and item.period and item.indicator.kind == "count")
                else None
            )
            # A sum of money lists the decisions it adds up: their number is not the figure.
            if url and item.current is not None and item.indicator.unit_en != "VND":
                listed = client.get(url)
                assert listed.status_code == 200, urlparse(url).path
                records = registered()[item.indicator.compute].records
                assert records.shown(listed.context) == item.current, url
    return compared


def _complete(item) -> bool:
    from lanhmanh.reporting.progress import complete
    from lanhmanh.reporting.queries import threshold

    return complete(item.reported, item.expected, threshold())


def test_the_demo_dashboard_agrees_with_the_compiled_report(client, django_user_model):
    from lanhmanh.demo.replay import load_demo

    load_demo()
    coordinator = django_user_model.objects.get(username="coordinator")
    client.force_login(coordinator)
    assert _compare(client, coordinator) > 5
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    assert "đơn vị đã báo cáo" in page  # the share of communes, n/N beside it
    assert "từ sổ theo dõi, cho toàn địa bàn" in page  # the registers' figures say so


def test_a_national_province_agrees_with_its_compiled_report(client):
    from lanhmanh.demo.national import generate

    generate(fraction=0.001, seed=11)
    plan = (
        Plan.objects.filter(number__endswith="/KH-QG", status="active")
        .order_by("jurisdiction__code")
        .first()
    )
    agency = Agency.objects.filter(jurisdiction=plan.jurisdiction).order_by("pk").first()
    assert agency is not None
    coordinator = make_user(Role.COORDINATOR, agency)
    client.force_login(coordinator)
    assert _compare(client, coordinator) > 0
