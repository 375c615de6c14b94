"""What the dashboard offers, the door allows: no link on it leads to a refusal, and the
leader's one-page summary is the door's answer too, not a reading of roles."""

import re

import pytest
from django.urls import reverse

from lanhmanh.agencies.models import Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR, Role.POLICE, Role.VIEWER])
def test_no_link_of_the_dashboard_is_refused(client, world, role):
    client.force_login(world.cast.inside[role])
    page = client.get(reverse("monitoring:dashboard"))
    assert page.status_code == 200
    body = page.content.decode()
    start = body.index("<main")  # the page's own links, not the menu's
    paths = {}
    for href in re.findall(r'href="(/[^"#]*)"', body[start:]):
        paths.setdefault(href.split("?")[0], href.replace("&amp;", "&"))
    assert any("/monitoring/reports/" in p for p in paths)
    refused = [href for href in paths.values() if client.get(href).status_code == 403]
    assert refused == []


def test_the_summary_is_for_leaders_as_the_door_says(client, world):
    cast = world.cast
    leader_and_officer = make_user(Role.VIEWER, cast.province_agency)
    Membership.objects.create(
        user=leader_and_officer, agency=cast.province_agency, role=Role.POLICE
    )
    client.force_login(leader_and_officer)
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    # A police officer works with the whole dashboard, whatever else they are.
    assert "dash-leader" not in page and 'class="units"' in page
    client.force_login(cast.inside[Role.VIEWER])
    assert "dash-leader" in client.get(reverse("monitoring:dashboard")).content.decode()
