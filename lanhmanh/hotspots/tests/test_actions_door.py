"""The hotspot register's actions ask the door themselves: a page, the API or a command
calling them with a user who may not changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from lanhmanh.agencies.roles import Role
from lanhmanh.hotspots import actions
from lanhmanh.hotspots.models import Hotspot, HotspotCheck, HotspotStatusChange

from .factories import commune, make_hotspot, other_commune

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


def state():
    return (
        sorted(Hotspot.objects.values_list("pk", "name", "commune_id", "status")),
        HotspotStatusChange.objects.count(),
        HotspotCheck.objects.count(),
    )


def refused(call):
    before = state()
    with pytest.raises(PermissionDenied):
        call()
    assert state() == before


@pytest.mark.parametrize(
    "who",
    [
        ("inside", Role.INSPECTOR),  # reads hotspots, does not keep them
        ("inside", Role.COORDINATOR),
        ("inside", Role.VIEWER),
        ("outside", Role.POLICE),  # another province
    ],
)
def test_only_police_of_the_area_keep_hotspots(cast, who):
    hotspot = make_hotspot(cast.in_commune[Role.POLICE])
    user = getattr(cast, who[0])[who[1]]
    refused(lambda: make_hotspot(user, name="Tụ điểm trái phép"))
    refused(lambda: actions.update_hotspot(user, hotspot, name="Tên trái phép"))
    refused(lambda: actions.change_status(user, hotspot, "broken_up", DAY))
    refused(lambda: actions.record_check(user, hotspot, DAY, found_activity=False))


def test_a_commune_officer_cannot_move_a_hotspot_out_of_the_commune(cast):
    police = cast.in_commune[Role.POLICE]
    hotspot = make_hotspot(police)
    elsewhere = commune("16681")
    refused(lambda: actions.update_hotspot(police, hotspot, commune=elsewhere))
    refused(lambda: make_hotspot(police, place=elsewhere))
    refused(lambda: make_hotspot(cast.inside[Role.POLICE], place=other_commune()))
    # Their own commune's hotspot they keep.
    actions.change_status(police, hotspot, "broken_up", DAY)
    assert Hotspot.objects.get(pk=hotspot.pk).status == "broken_up"
