import pytest
from django.test import Client

from lanhmanh.api.actions import create_token
from lanhmanh.plans.models import Plan
from lanhmanh.reporting.models import ReportingPeriod, ReportStatus
from lanhmanh.reporting.progress import Status

from .test_cycle import cycle  # noqa: F401 - the fixture
from .test_views import the_report

pytestmark = pytest.mark.django_db


def client_for(user):
    _token, secret = create_token(user)
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_unit_writes_and_submits_coordinator_returns_and_approves(cycle):  # noqa: F811
    plan, users = cycle
    report = the_report()
    unit, coordinator = client_for(users["reporter"]), client_for(users["coordinator"])
    url = f"/api/v1/reports/{report.pk}"
    body = unit.get(url).json()
    assert "t_active" in body["indicators"] and body["status"] == "draft"
    put = unit.put(
        url,
        {"version": body["version"], "values": {"t_active": {"value": "12"}}, "results": "Ổn."},
        content_type="application/json",
    )
    assert put.status_code == 200, put.content
    stale = unit.put(
        url,
        {"version": body["version"], "values": {"t_active": {"value": "99"}}},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert unit.post(f"{url}/approve", {}, content_type="application/json").status_code == 403
    assert unit.post(f"{url}/submit", {}, content_type="application/json").status_code == 200
    returned = coordinator.post(
        f"{url}/return", {"comment": "Bổ sung số liệu"}, content_type="application/json"
    )
    assert returned.json()["status"] == ReportStatus.RETURNED
    version = unit.get(url).json()["version"]
    unit.put(
        url,
        {"version": version, "values": {"t_active": {"value": "14"}}},
        content_type="application/json",
    )
    assert unit.post(f"{url}/submit", {}, content_type="application/json").status_code == 200
    approved = coordinator.post(f"{url}/approve", {}, content_type="application/json")
    assert approved.json()["status"] == ReportStatus.APPROVED
    period = ReportingPeriod.objects.get(plan=plan, key="2026-H1")
    assert coordinator.get(f"/api/v1/periods/{period.pk}/rollup").json()["t_active"] == 14
    progress = coordinator.get(f"/api/v1/plans/{plan.pk}/progress").json()
    assert {p["status"] for p in progress} <= {status.value for status in Status}


def test_bad_writes_are_4xx(cycle):  # noqa: F811
    _plan, users = cycle
    report = the_report()
    unit = client_for(users["reporter"])
    url = f"/api/v1/reports/{report.pk}"
    version = unit.get(url).json()["version"]
    negative = unit.put(
        url,
        {"version": version, "values": {"t_active": {"value": "-3"}}},
        content_type="application/json",
    )
    assert negative.status_code == 422
    assert unit.put(url, {"values": {}}, content_type="application/json").status_code == 422
    assert unit.post(f"{url}/explode", {}, content_type="application/json").status_code == 404
    assert unit.put(url, "not json", content_type="application/json").status_code in (400, 422)


def test_periods_and_reports_are_scoped(cycle):  # noqa: F811
    from lanhmanh.testing import make_agency, make_user, unit

    _plan, users = cycle
    outsider = client_for(make_user("coordinator", make_agency(unit("42"))))
    assert outsider.get("/api/v1/periods").json()["count"] == 0
    assert outsider.get("/api/v1/reports").json()["count"] == 0
    assert outsider.get(f"/api/v1/reports/{the_report().pk}").status_code == 404
    inside = client_for(users["coordinator"])
    plan = Plan.objects.get(number="118/KH-UBND")
    keys = {
        p["key"]
        for p in inside.get("/api/v1/periods", {"plan": plan.pk, "limit": 100}).json()["items"]
    }
    assert {"2026-Q1", "2026-H1", "2026"} <= keys


def test_report_list_query_count(cycle, django_assert_num_queries):  # noqa: F811
    _plan, users = cycle
    api = client_for(users["coordinator"])
    api.get("/api/v1/reports")
    with django_assert_num_queries(4):  # token, grants, count, page
        body = api.get("/api/v1/reports", {"limit": 100}).json()
    assert body["count"] > 50
