"""Target progress per reporting unit, beside the province's: on the web and in the API."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lanhmanh.activities import actions as activity_actions
from lanhmanh.reporting import actions
from lanhmanh.reporting.actions import ValueInput
from lanhmanh.reporting.queries import agency_progress

from .test_cycle import cycle, report_of  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

# Session and user, scoping, the plan, its units and targets, one roll-up per period with
# the registers' figures of the plan's computed indicators (3 of them from the people
# register, 4 from the activities), the unit's values: none per unit.
# The coordinator's indicator assignments: one more. Who reported in each period (the
# completeness of each figure, read with its parts) and the communes in scope (counted for
# the completeness of a share of communes and for its denominator): three more; each figure
# a register computes for the area (activities, hotspots, people, communes in scope) one:
# none per unit.
QUERIES = 33

# Training courses are counted from the activities register, never typed.
COURSES = {"Ủy ban nhân dân phường Trường Vinh": 1, "Ủy ban nhân dân phường Thành Vinh": 3}
FIGURES = {
    "Ủy ban nhân dân phường Trường Vinh": {
        "t_active": 20,
        "t_inspected": 5,
    },
    "Ủy ban nhân dân phường Thành Vinh": {
        "t_active": 10,
        "t_inspected": 9,
    },
}


def _approve_all(plan, users):
    for name, figures in FIGURES.items():
        report = report_of(plan, name)
        for n in range(COURSES[name]):
            activity_actions.create_activity(
                None,
                kind="training",
                title=f"Lớp tập huấn cán bộ {n + 1}",
                held_on=report.period.start,
                unit=report.agency.jurisdiction,
                organiser=report.agency,
                participants=30,
            )
        values = {code: ValueInput(Decimal(v)) for code, v in figures.items()}
        actions.save_report(users["coordinator"], report, version=report.version, values=values)
        actions.submit_report(users["coordinator"], report, version=report.version)
        actions.approve_report(users["coordinator"], report)


def _by_code(rows):
    return {row.indicator.code: row for row in rows if row.indicator}


def test_each_unit_against_the_targets_that_concern_it(cycle):  # noqa: F811
    plan, users = cycle
    _approve_all(plan, users)
    truong = report_of(plan, "Ủy ban nhân dân phường Trường Vinh").agency
    thanh = report_of(plan, "Ủy ban nhân dân phường Thành Vinh").agency
    police = report_of(plan, "Công an tỉnh Nghệ An").agency

    mine = _by_code(agency_progress(plan, truong.pk))
    share = mine["t_inspected_pct"]
    assert share.value == Decimal("25.0") and share.period.key == "2026-Q2"
    assert share.status in ("at_risk", "off_track")  # 25 % against at least 30 %
    assert share.province.current == Decimal("46.7")  # 14 of 30, not (25 + 90) / 2
    assert _by_code(agency_progress(plan, thanh.pk))["t_inspected_pct"].status == "met"

    # A count: the unit's part of the province's total, no status of its own.
    row = _by_code(agency_progress(plan, thanh.pk))["training_courses_held"]
    assert row.value == 3 and row.status is None and row.share_of_total == 75.0
    assert row.province.current == 4
    hotspots = _by_code(agency_progress(plan, police.pk))
    assert set(hotspots) == {"hotspots_broken_up", "hotspots_kept_clear", "t_inspected_pct"}
    # The newspaper reports no figure yet: its targets show no value.
    paper = report_of(plan, "Báo Nghệ An").agency
    assert all(r.value is None for r in agency_progress(plan, paper.pk))


def test_progress_by_unit_page_and_api(client, cycle, django_assert_num_queries):  # noqa: F811
    plan, users = cycle
    _approve_all(plan, users)
    police = report_of(plan, "Công an tỉnh Nghệ An").agency
    thanh = report_of(plan, "Ủy ban nhân dân phường Thành Vinh").agency
    client.force_login(users["coordinator"])
    url = reverse("reporting:agency_progress", args=[plan.pk])
    with django_assert_num_queries(QUERIES):
        page = client.get(url, {"agency": thanh.pk})
    assert page.status_code == 200
    assert page.context["unit"] == thanh
    assert "75%" in page.content.decode()
    assert client.get(url, {"agency": 999999}).status_code == 404
    assert client.get(url, {"agency": "x"}).status_code == 200

    data = client.get(f"/api/v1/plans/{plan.pk}/agencies/{thanh.pk}/progress").json()
    row = next(r for r in data if r["indicator"] == "training_courses_held")
    assert row["unit_value"] == 3 and row["share_of_total"] == 75.0
    assert row["province_value"] == 4 and row["unit_period"] == "2026-Q2"
    assert client.get(f"/api/v1/plans/{plan.pk}/agencies/999999/progress").status_code == 404

    # A commune's reporter sees only its own unit.
    client.force_login(users["reporter"])
    page = client.get(url)
    assert [u.name for u in page.context["units"]] == ["Ủy ban nhân dân phường Trường Vinh"]
    assert client.get(url, {"agency": police.pk}).status_code == 404
    response = client.get(f"/api/v1/plans/{plan.pk}/agencies/{police.pk}/progress")
    assert response.status_code == 404
