"""The menu offers a register exactly when the door lets the user read it: no entry
leads to a refusal, and none is decided by a role of its own (police have no way into
the support register)."""

import pytest
from django.urls import reverse

from lanhmanh.agencies.policy import can
from lanhmanh.agencies.roles import Role

pytestmark = pytest.mark.django_db

ENTRIES = {
    "monitoring:dashboard": "dashboard.read",
    "plans:list": "plan.read",
    "reporting:list": "report.read",
    "inspections:list": "establishment.read",
    "hotspots:list": "hotspot.read",
    "tips:list": "tip.read",
    "sanctions:list": "sanction.read",
    "people:list": "case.read",
    "assessments:list": "assessment.read",
    "agencies:list": "agency.read",
}


def menu(client, user):
    client.force_login(user)
    return {item["url"] for item in client.get("/").context["nav_items"]}


def test_police_get_no_way_into_the_support_register(client, cast):
    for police in (cast.inside[Role.POLICE], cast.in_commune[Role.POLICE]):
        assert reverse("people:list") not in menu(client, police)
    assert reverse("people:list") in menu(client, cast.inside[Role.CASE_WORKER])


@pytest.mark.parametrize("role", Role.values)
def test_each_entry_is_the_door_s_answer(client, cast, role):
    user = cast.inside[role]
    urls = menu(client, user)
    for name, action in ENTRIES.items():
        assert (reverse(name) in urls) is can(user, action), (role, name)
