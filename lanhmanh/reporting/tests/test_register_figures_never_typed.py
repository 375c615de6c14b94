"""Denominators the system knows are never typed: a commune's report form has no input
for "communes in the area" or any other figure a register computes; the value comes
from the register for the commune's own area, whatever the form or the API sends."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lanhmanh.indicators.models import Indicator, IndicatorAssignment, Source
from lanhmanh.reporting import actions
from lanhmanh.reporting.queries import report_indicators

from .test_cycle import cycle, report_of  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
WARD = "Ủy ban nhân dân phường Trường Vinh"


@pytest.fixture
def ward_report(cycle):  # noqa: F811
    """The ward's report, asked the share of communes holding communication (whose
    denominator is every commune in the area) and the share of units with a plan."""
    plan, users = cycle
    report = report_of(plan, WARD)
    for code in ("communes_with_communication_pct", "units_with_plan_pct"):
        IndicatorAssignment.objects.update_or_create(
            plan=plan,
            agency=report.agency,
            indicator=Indicator.objects.get(code=code),
            defaults={"assigned": True},
        )
    return report, users


def test_the_form_has_no_input_for_a_computed_figure(client, ward_report):
    report, users = ward_report
    asked = {i.code: i for i in report_indicators(report)}
    computed = [code for code, i in asked.items() if i.source == Source.COMPUTED]
    assert {"communes_total", "units_total"} <= set(computed)
    client.force_login(users["reporter"])
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    for code in computed:
        assert f'name="value_{code}"' not in page
    assert asked["communes_total"].name in page  # shown, from the register


def test_a_computed_figure_sent_anyway_is_the_registers(client, ward_report):
    report, users = ward_report
    client.force_login(users["reporter"])
    url = reverse("reporting:report", args=[report.pk])
    client.get(url)
    report.refresh_from_db()
    client.post(
        url,
        {
            "version": report.version,
            "value_communes_with_communication": "1",
            "value_communes_total": "130",
        },
    )
    values = dict(report.values.values_list("indicator__code", "value"))
    # the activities register's: no communication activity recorded in the ward
    assert values["communes_with_communication"] == 0
    assert values["communes_total"] == 1  # the ward itself, not the province's 130
    report.refresh_from_db()
    actions.save_report(
        users["reporter"],
        report,
        version=report.version,
        values={"communes_total": actions.ValueInput(Decimal(130))},
    )
    assert report.values.get(indicator__code="communes_total").value == 1
