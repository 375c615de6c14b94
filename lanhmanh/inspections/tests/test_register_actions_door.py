"""The register's actions ask the door themselves: whoever calls them (a page, the API,
a command), a user who may not do it changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from lanhmanh.agencies.roles import Role
from lanhmanh.inspections import actions
from lanhmanh.inspections.models import Establishment, Inspection, InspectionPlan

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


def state():
    return (
        sorted(Establishment.objects.values_list("pk", "name", "commune_id", "version")),
        sorted(Inspection.objects.values_list("pk", "inspected_on", "findings", "version")),
        InspectionPlan.objects.count(),
    )


@pytest.fixture
def inspection(cast, province_team, here):
    return actions.record_inspection(
        cast.inside[Role.INSPECTOR],
        establishment=here,
        team=province_team,
        inspected_on=DAY,
        kind="periodic",
        findings="Không vi phạm.",
    )


def refused(call):
    before = state()
    with pytest.raises(PermissionDenied):
        call()
    assert state() == before


@pytest.mark.parametrize(
    "who",
    [
        ("inside", Role.POLICE),  # reads inspections, does not record them
        ("inside", Role.VIEWER),
        ("outside", Role.INSPECTOR),  # another province
    ],
)
def test_recording_and_correcting_an_inspection_need_an_inspector_of_the_area(
    cast, province_team, here, inspection, who
):
    user = getattr(cast, who[0])[who[1]]
    refused(
        lambda: actions.record_inspection(
            user, establishment=here, team=province_team, inspected_on=DAY, kind="surprise"
        )
    )
    refused(lambda: actions.update_inspection(user, inspection, findings="Sửa trái phép."))


@pytest.mark.parametrize(
    "who", [("inside", Role.COORDINATOR), ("inside", Role.VIEWER), ("outside", Role.POLICE)]
)
def test_registering_and_editing_establishments_need_a_writer_of_the_area(cast, here, who):
    user = getattr(cast, who[0])[who[1]]
    refused(
        lambda: actions.create_establishment(user, kind="bar", name="Bar Mới", commune=cast.commune)
    )
    refused(lambda: actions.update_establishment(user, here, name="Tên trái phép"))


def test_a_commune_officer_cannot_move_an_establishment_out_of_the_commune(
    cast, here, other_commune
):
    police = cast.in_commune[Role.POLICE]
    refused(lambda: actions.update_establishment(police, here, commune=other_commune))
    refused(
        lambda: actions.create_establishment(
            police, kind="bar", name="Bar Mới", commune=other_commune
        )
    )
    # In the commune itself, the same officer may.
    actions.update_establishment(police, here, name="Karaoke Hoa Mai mới")
    assert Establishment.objects.get(pk=here.pk).name == "Karaoke Hoa Mai mới"


def test_a_commune_inspector_cannot_plan_the_province_team(
    client, cast, province_team, here, there
):
    from django.urls import reverse

    inspector = cast.in_commune[Role.INSPECTOR]
    plan = {
        "title": "Kế hoạch của đội tỉnh",
        "starts_on": DAY,
        "ends_on": DAY + datetime.timedelta(days=20),
        "establishments": [here],
    }
    refused(lambda: actions.create_inspection_plan(inspector, team=province_team, **plan))
    client.force_login(inspector)
    url = reverse("inspections:plan_create") + f"?team={province_team.pk}"
    response = client.post(
        url,
        {
            "title": "Kế hoạch",
            "starts_on": "02/03/2026",
            "ends_on": "20/03/2026",
            "establishments": [here.pk],
        },
    )
    assert response.status_code == 400  # not a team the inspector may plan for
    assert not InspectionPlan.objects.exists()
    # The province's inspector plans the province team's work.
    made = actions.create_inspection_plan(cast.inside[Role.INSPECTOR], team=province_team, **plan)
    assert list(made.establishments.all()) == [here]
