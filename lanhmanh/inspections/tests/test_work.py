"""Teams, inspection plans, follow-up re-inspections, corrections with history."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lanhmanh.agencies.models import AgencyKind, Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.audit.queries import history_of
from lanhmanh.inspections import actions
from lanhmanh.inspections.models import Establishment, Inspection, InspectionPlan, TeamMember
from lanhmanh.places.models import Level
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def team(cast):
    team = make_agency(cast.province, AgencyKind.INSPECTION_TEAM, name="Đội 178 tỉnh Nghệ An")
    police = make_agency(cast.province, AgencyKind.POLICE, name="Công an tỉnh thử")
    TeamMember.objects.create(team=team, agency=cast.province_agency, lead=True)
    TeamMember.objects.create(team=team, agency=police)
    Membership.objects.create(user=cast.inside[Role.INSPECTOR], agency=team, role=Role.INSPECTOR)
    return team


@pytest.fixture
def venues(cast):
    other_commune = unit("16681", Level.COMMUNE)
    return [
        Establishment.objects.create(
            kind="karaoke", name="Karaoke Hoa Mai", commune=cast.commune, risk=3
        ),
        Establishment.objects.create(
            kind="massage", name="Massage Bình An", commune=cast.commune, risk=1
        ),
        Establishment.objects.create(
            kind="hotel", name="Khách sạn Lam Giang", commune=other_commune, risk=2
        ),
    ]


def test_a_team_works_only_in_its_area(cast, team, venues):
    commune_team = make_agency(cast.commune, AgencyKind.INSPECTION_TEAM, name="Đội 178 phường")
    inspector = cast.inside[Role.INSPECTOR]
    with pytest.raises(ValidationError) as refused:
        actions.record_inspection(
            inspector, establishment=venues[2], team=commune_team, inspected_on=DAY, kind="periodic"
        )
    assert "team" in refused.value.message_dict
    not_a_team = make_agency(cast.province, name="Sở khác")
    with pytest.raises(ValidationError):
        actions.record_inspection(
            inspector, establishment=venues[0], team=not_a_team, inspected_on=DAY, kind="periodic"
        )
    assert actions.record_inspection(
        inspector, establishment=venues[2], team=team, inspected_on=DAY, kind="periodic"
    )


def test_teams_page_shows_agencies_and_people(client, cast, team):
    client.force_login(cast.inside[Role.POLICE])
    page = client.get(reverse("inspections:teams"))
    assert page.status_code == 200
    assert "Công an tỉnh thử" in page.text and "inspector_in" in page.text
    client.force_login(cast.outside[Role.INSPECTOR])
    assert "Đội 178 tỉnh Nghệ An" not in client.get(reverse("inspections:teams")).text
    client.force_login(cast.inside[Role.VIEWER])
    assert client.get(reverse("inspections:teams")).status_code == 403


def test_an_inspector_plans_and_the_plan_shows_progress(client, cast, team, venues):
    inspector = cast.inside[Role.INSPECTOR]
    client.force_login(inspector)
    chooser = client.get(reverse("inspections:plan_create"))
    assert chooser.status_code == 200 and chooser.context["form"] is None
    page = client.get(reverse("inspections:plan_create"), {"team": team.pk})
    ranked = list(page.context["form"].fields["establishments"].queryset)
    assert ranked[0] == venues[0]  # riskiest first
    assert set(ranked) == set(venues)
    url = reverse("inspections:plan_create") + f"?team={team.pk}"
    bad = client.post(url, {"title": "Đợt 1", "starts_on": "10/03/2026", "ends_on": "01/03/2026"})
    assert bad.status_code == 400 and not InspectionPlan.objects.exists()
    done = client.post(
        url,
        {
            "title": "Kiểm tra đột xuất tháng 3",
            "starts_on": "01/03/2026",
            "ends_on": "31/03/2026",
            "establishments": [venues[0].pk, venues[1].pk],
        },
    )
    plan = InspectionPlan.objects.get()
    assert done.status_code == 302 and done.url == reverse("inspections:plan", args=[plan.pk])
    assert client.get(done.url).context["done_count"] == 0
    recorded = client.post(
        reverse("inspections:detail", args=[venues[0].pk]),
        {"team": team.pk, "inspected_on": "05/03/2026", "kind": "surprise", "plan": plan.pk},
    )
    assert recorded.status_code == 302
    assert Inspection.objects.get().plan == plan
    assert client.get(done.url).context["done_count"] == 1
    client.force_login(cast.outside[Role.INSPECTOR])
    assert client.get(done.url).status_code == 404


def test_violations_bring_a_re_inspection(client, cast, team, venues):
    inspector = cast.inside[Role.INSPECTOR]
    first = actions.record_inspection(
        inspector,
        establishment=venues[0],
        team=team,
        inspected_on=DAY,
        kind="surprise",
        follow_up_by=DAY + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError):
        actions.record_inspection(
            inspector,
            establishment=venues[0],
            team=team,
            inspected_on=DAY,
            kind="surprise",
            follow_up_by=DAY,
        )
    client.force_login(inspector)
    listing = client.get(reverse("inspections:inspections"))
    assert [i.pk for i in listing.context["follow_ups"]] == [first.pk]
    client.post(
        reverse("inspections:detail", args=[venues[0].pk]),
        {
            "team": team.pk,
            "inspected_on": "20/03/2026",
            "kind": "periodic",
            "follow_up_of": first.pk,
        },
    )
    assert first.follow_ups.count() == 1
    assert list(client.get(reverse("inspections:inspections")).context["follow_ups"]) == []


def test_corrections_keep_history_and_refuse_stale_edits(client, cast, team, venues):
    inspector = cast.inside[Role.INSPECTOR]
    inspection = actions.record_inspection(
        inspector, establishment=venues[0], team=team, inspected_on=DAY, kind="surprise"
    )
    client.force_login(inspector)
    url = reverse("inspections:inspection_edit", args=[inspection.pk])
    data = {
        "team": team.pk,
        "inspected_on": "02/03/2026",
        "kind": "periodic",
        "findings": "Đã sửa",
        "version": inspection.version,
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "findings": "Sửa muộn"})
    assert stale.status_code == 400
    inspection.refresh_from_db()
    assert inspection.findings == "Đã sửa" and inspection.kind == "periodic"
    change = history_of(inspection).first()
    assert change.fields == {"kind": ["surprise", "periodic"], "findings": ["", "Đã sửa"]}
    detail = client.get(reverse("inspections:inspection", args=[inspection.pk]))
    assert "Đã sửa" in detail.text
    client.force_login(cast.inside[Role.POLICE])
    assert client.get(url).status_code == 403


def test_establishments_are_registered_and_edited_with_history(client, cast):
    client.force_login(cast.inside[Role.POLICE])
    form = {
        "kind": "karaoke",
        "name": "Karaoke Thiên Đường",
        "address": "12 Lê Lợi",
        "commune": cast.commune.pk,
        "status": "active",
        "risk": 2,
    }
    assert client.post(reverse("inspections:create"), {**form, "name": ""}).status_code == 400
    created = client.post(reverse("inspections:create"), form)
    venue = Establishment.objects.get()
    assert created.status_code == 302
    edit = reverse("inspections:edit", args=[venue.pk])
    closed = {**form, "status": "closed", "closed_on": "01/02/2026", "version": 1}
    assert client.post(edit, closed).status_code == 302
    assert client.post(edit, {**closed, "risk": 3}).status_code == 400  # version 1 is stale
    venue.refresh_from_db()
    assert (venue.status, venue.risk, venue.version) == ("closed", 2, 2)
    assert [c.action for c in history_of(venue)] == ["updated", "created"]
    client.force_login(cast.outside[Role.POLICE])
    assert client.get(edit).status_code == 404


def test_inspections_register_filters_exports_and_counts(
    client, cast, team, venues, django_assert_num_queries
):
    inspector = cast.inside[Role.INSPECTOR]
    for venue in venues:
        actions.record_inspection(
            inspector, establishment=venue, team=team, inspected_on=DAY, kind="periodic"
        )
    client.force_login(cast.inside[Role.COORDINATOR])
    assert (
        client.get(reverse("inspections:inspections"), {"q": "hoa mai"})
        .context["page"]
        .paginator.count
        == 1
    )
    # Unfiltered, the count is the monthly tallies' sum: the same as the rows.
    whole = client.get(reverse("inspections:inspections")).context["page"]
    assert whole.paginator.count == len(whole.object_list) == 3
    response = client.get(reverse("inspections:inspection_export", args=["xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    client.get(reverse("inspections:inspections"))
    with django_assert_num_queries(7):
        client.get(reverse("inspections:inspections"))
    client.force_login(cast.outside[Role.COORDINATOR])
    assert client.get(reverse("inspections:inspections")).context["page"].paginator.count == 0
