"""Who fills and submits a unit's report is decided once (``report.fill`` and
``report.submit``: the reporting officers of the unit's own agency, and the coordinating
office of the plan's area), and the web and the API answer the same.

Issue 19, finding 5: a viewer (or inspector, police officer) member of a reporting unit
saved and submitted the unit's report on the web while the API refused.

Each case sends a valid report (a value within bounds, a narrative), so that the
permission is what is tested; a refusal leaves the report as it was."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from lanhmanh.agencies import policy
from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, PlanKind, PlanStatus, Target
from lanhmanh.reporting.models import ReportEvent, ReportingPeriod, ReportStatus, UnitReport

pytestmark = pytest.mark.django_db

ROLES = ("viewer", "inspector", "police", "reporter", "coordinator")
# The user's relationship to the report: a member of the reporting unit (a commune's
# people's committee), of another agency of the same province, of another province.
MEMBER, SAME_PROVINCE, OTHER_PROVINCE = "member", "same_province", "other_province"
RELATIONS = (MEMBER, SAME_PROVINCE, OTHER_PROVINCE)


def expected(role, relation) -> int:
    """The policy, stated: the unit's own reporting officers and the coordinating office
    of the plan's area (the province) fill and submit; anyone else who can see the report
    is refused (403); another province does not see it at all (404)."""
    if relation == OTHER_PROVINCE:
        return 404
    if (role, relation) in {("reporter", MEMBER), ("coordinator", SAME_PROVINCE)}:
        return 200
    return 403


def user_for(cast, role, relation):
    return {MEMBER: cast.in_commune, SAME_PROVINCE: cast.inside, OTHER_PROVINCE: cast.outside}[
        relation
    ][role]


@pytest.fixture
def reports(cast):
    """Two open reports of the commune's people's committee under a province plan: one
    sent through the web, one through the API."""
    plan = Plan.objects.create(
        kind=PlanKind.KE_HOACH,
        number="7/KH-UBND",
        title="Kế hoạch phòng, chống mại dâm năm 2026",
        jurisdiction=cast.province,
        status=PlanStatus.ACTIVE,
        first_year=2026,
        last_year=2026,
    )
    Indicator.objects.create(
        code="t_matrix_places",
        name_vi="Số cơ sở kinh doanh dịch vụ",
        name_en="Service establishments",
        kind="count",
    )
    Target.objects.create(
        plan=plan,
        text="100% cơ sở được kiểm tra",
        kind="count",
        op="ge",
        value=1,
        indicator_code="t_matrix_places",
    )
    out = {}
    for key, start, end in (
        ("2026-Q1", datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        ("2026-Q2", datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
    ):
        period = ReportingPeriod.objects.create(
            plan=plan, key=key, frequency="quarterly", start=start, end=end, due=end
        )
        out[key] = UnitReport.objects.create(period=period, agency=cast.commune_agency)
    return out["2026-Q1"], out["2026-Q2"]


def state(report):
    report = UnitReport.objects.get(pk=report.pk)
    return (
        report.status,
        report.version,
        report.results,
        sorted(report.values.values_list("indicator__code", "value")),
        report.events.count(),
    )


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_web_and_api_fill_and_submit_as_the_policy_says(cast, reports, role, relation):
    web_report, api_report = reports
    user = user_for(cast, role, relation)
    status = expected(role, relation)
    allowed = status == 200
    assert policy.can(user, "report.fill", web_report) is allowed
    assert policy.can(user, "report.submit", web_report) is allowed

    client = Client()
    client.force_login(user)

    # The web: save and submit in one post.
    before = state(web_report)
    response = client.post(
        reverse("reporting:report", args=[web_report.pk]),
        {
            "version": web_report.version,
            "value_t_matrix_places": "12",
            "comment_t_matrix_places": "",
            "results": "Đã kiểm tra 12 cơ sở.",
            "difficulties": "",
            "proposals": "",
            "submit": "1",
        },
    )
    after = UnitReport.objects.get(pk=web_report.pk)
    if allowed:
        assert response.status_code == 302, response.content[:300]
        assert after.status == ReportStatus.SUBMITTED
        assert after.values.get(indicator__code="t_matrix_places").value == 12
        assert after.results == "Đã kiểm tra 12 cơ sở."
        assert list(after.events.values_list("action", "user")) == [
            (ReportEvent.Action.SAVED, user.pk),
            (ReportEvent.Action.SUBMITTED, user.pk),
        ]
    else:
        assert response.status_code == status
        assert state(web_report) == before

    # The API: write the values, then submit.
    before = state(api_report)
    url = f"/api/v1/reports/{api_report.pk}"
    put = client.put(
        url,
        {
            "version": api_report.version,
            "values": {"t_matrix_places": {"value": "7"}},
            "results": "Đã kiểm tra 7 cơ sở.",
        },
        content_type="application/json",
    )
    assert put.status_code == status, put.content[:300]
    version = UnitReport.objects.get(pk=api_report.pk).version
    submit = client.post(f"{url}/submit", {"version": version}, content_type="application/json")
    assert submit.status_code == status, submit.content[:300]
    after = UnitReport.objects.get(pk=api_report.pk)
    if allowed:
        assert submit.json()["status"] == ReportStatus.SUBMITTED
        assert after.status == ReportStatus.SUBMITTED
        assert after.values.get(indicator__code="t_matrix_places").value == 7
    else:
        assert put.json()["detail"] and submit.json()["detail"]
        assert state(api_report) == before


def test_the_detail_page_offers_the_form_only_to_those_who_may_fill(cast, reports):
    web_report, _ = reports
    url = reverse("reporting:report", args=[web_report.pk])
    for role in ROLES:
        for relation in (MEMBER, SAME_PROVINCE):
            client = Client()
            client.force_login(user_for(cast, role, relation))
            page = client.get(url)
            assert page.status_code == 200
            assert page.context["editable"] is (expected(role, relation) == 200), (role, relation)
            assert ('name="submit"' in page.content.decode()) is page.context["editable"]


def test_a_locked_report_is_a_state_not_a_permission(cast, reports):
    """The unit's reporter may fill its report; once submitted, a save is refused as a
    conflict (409 in the API, a message on the web), not as a missing permission."""
    _, api_report = reports
    reporter = cast.in_commune["reporter"]
    client = Client()
    client.force_login(reporter)
    url = f"/api/v1/reports/{api_report.pk}"
    assert client.post(f"{url}/submit", {}, content_type="application/json").status_code == 200
    version = UnitReport.objects.get(pk=api_report.pk).version
    put = client.put(
        url,
        {"version": version, "values": {"t_matrix_places": {"value": "3"}}},
        content_type="application/json",
    )
    assert put.status_code == 409 and "không thể thay đổi" in put.json()["detail"]
    again = client.post(f"{url}/submit", {}, content_type="application/json")
    assert again.status_code == 409
    web = client.post(
        reverse("reporting:report", args=[api_report.pk]),
        {"version": version, "value_t_matrix_places": "3", "results": ""},
    )
    assert web.status_code == 400
    assert "không thể thay đổi" in web.content.decode()
    assert not UnitReport.objects.get(pk=api_report.pk).values.exists()
