import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from lanhmanh.agencies.models import Agency, Membership
from lanhmanh.agencies.roles import Kind, Role
from lanhmanh.agencies.scoping import scope
from lanhmanh.demo.loader import DEMO_PASSWORD, USERS
from lanhmanh.demo.replay import load_demo
from lanhmanh.places.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_demo_has_one_user_per_role():
    load_demo()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert set(get_user_model().objects.values_list("username", flat=True)) == {
        "admin",
        "coordinator",
        "reporter",
        "inspector",
        "police",
        "caseworker",
        "viewer",
    }


def test_demo_is_idempotent(capsys):
    call_command("demo")
    counts = (
        Agency.objects.count(),
        Membership.objects.count(),
        AdministrativeUnit.objects.count(),
    )
    call_command("demo")
    assert (
        Agency.objects.count(),
        Membership.objects.count(),
        AdministrativeUnit.objects.count(),
    ) == counts
    out = capsys.readouterr().out
    assert "already loaded" in out
    assert DEMO_PASSWORD in out


def test_labour_department_passed_its_duties_to_health():
    load_demo()
    labour = Agency.objects.get(name="Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An")
    assert str(labour.valid_to) == "2025-02-28"
    assert labour.successor.name == "Sở Y tế tỉnh Nghệ An"
    assert not labour.is_active


def test_demo_province_and_communes():
    load_demo()
    coordinator = get_user_model().objects.get(username="coordinator")
    agency = coordinator.memberships.get().agency
    assert agency.jurisdiction.name == "Tỉnh Nghệ An"
    assert agency.jurisdiction.children.count() == 130
    reporter = get_user_model().objects.get(username="reporter")
    seen = scope(Agency.objects.all(), reporter, Kind.AGENCY, "jurisdiction")
    assert {a.jurisdiction.name for a in seen.select_related("jurisdiction")} == {
        "Phường Trường Vinh"
    }


@pytest.mark.parametrize("username", list(USERS))
def test_every_demo_login_works(client, username):
    load_demo()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    if response.url == reverse("security:verify"):  # admin, coordinator, caseworker
        from lanhmanh.security.demo import current_code

        response = client.post(response.url, {"code": current_code()})
        assert response.status_code == 302
    assert client.get("/").status_code == 200
