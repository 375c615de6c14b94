"""The activity figures: what each counts over an area and a period, and that the list
each links to holds exactly the records behind it."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.activities import indicators
from lanhmanh.agencies.roles import Role
from lanhmanh.indicators.catalogue import INDICATORS
from lanhmanh.indicators.registry import records_url, registered

from .factories import commune

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = (D(2026, 1, 1), D(2026, 12, 31))


def test_the_figures_of_the_province_and_of_a_ward(cast, programme):
    province, ward = {cast.province.pk}, {cast.commune.pk}
    expected = {
        "events_held": (3, 1),  # conference, campaign, the ward's own talk of 2026
        "media_items": (1, 0),
        "trainings_held": (2, 0),
        "trainees": (55, 0),
        "supervision_visits": (1, 0),
        "leaflets": (5000, 0),
        "panels": (3, 0),
        "units_with_plan": (1, 1),  # one ward, twice
        "models_built": (1, 1),
        "models_active": (2, 1),  # the ward's club and the old group; not the stopped one
        "communes_with_model": (2, 1),
    }
    for name, (whole, part) in expected.items():
        function = getattr(indicators, name)
        assert function(province, *YEAR) == whole, name
        assert function(ward, *YEAR) == part, name
    # The ward (own talk), the other ward (campaign, training, panels): communication
    # reached two communes of the province, one of them is the ward itself.
    assert indicators.communes_with_communication(province, *YEAR) == 2
    assert indicators.communes_with_communication(ward, *YEAR) == 1
    # Another period counts another year's records.
    assert indicators.events_held(ward, D(2025, 1, 1), D(2025, 12, 31)) == 1
    assert indicators.models_active(province, D(2025, 1, 1), D(2025, 12, 31)) == 2


def test_every_activities_compute_name_of_the_catalogue_is_registered():
    names = {spec.compute for spec in INDICATORS if (spec.compute or "").startswith("activities.")}
    assert {
        "activities.events_held",
        "activities.trainees",
        "activities.units_with_plan",
        "activities.communes_with_communication",
    } <= names
    assert names <= set(registered())
    assert all(registered()[name].records for name in names)


class Spec:
    def __init__(self, compute):
        self.compute = compute


@pytest.mark.parametrize("name", [n for n, _f, _r in indicators.REGISTERED])
def test_the_list_behind_each_figure_holds_exactly_its_records(client, cast, programme, name):
    coordinator = cast.inside[Role.COORDINATOR]
    client.force_login(coordinator)
    for area in (cast.province.pk, cast.commune.pk, commune("16681").pk):
        url = records_url(Spec(f"activities.{name}"), area, YEAR[1], coordinator)
        assert url, name
        response = client.get(url)
        assert response.status_code == 200, url
        figure = getattr(indicators, name)({area}, *YEAR)
        shown = registered()[f"activities.{name}"].records.shown(response.context)
        assert shown == figure, (name, area, url)


def test_no_link_for_who_may_not_read_activities(cast):
    url = records_url(
        Spec("activities.events_held"), cast.province.pk, YEAR[1], cast.inside[Role.POLICE]
    )
    assert url is None
    assert reverse("activities:list") in records_url(
        Spec("activities.events_held"), cast.province.pk, YEAR[1], cast.inside[Role.VIEWER]
    )
