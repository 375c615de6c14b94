"""A page offers a form or a button only where the door lets the user use it: a user
with a writing role in another province and a reading role here sees none."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.agencies.models import Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.inspections import actions
from lanhmanh.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hats(cast):
    """Inspector in Hà Tĩnh, police officer in Nghệ An."""
    user = make_user(Role.INSPECTOR, cast.other_agency)
    Membership.objects.create(user=user, agency=cast.province_agency, role=Role.POLICE)
    return user


def test_no_inspection_form_where_the_user_may_not_record(client, cast, here, two_hats):
    client.force_login(two_hats)
    page = client.get(reverse("inspections:detail", args=[here.pk]))
    assert page.status_code == 200
    assert page.context["writable"] is False
    assert 'id="record"' not in page.content.decode()
    client.force_login(cast.inside[Role.INSPECTOR])
    page = client.get(reverse("inspections:detail", args=[here.pk]))
    assert page.context["writable"] is True and 'id="record"' in page.content.decode()


def test_no_sanction_button_where_the_user_may_not_record_one(cast, province_team, here, client):
    from lanhmanh.inspections.models import LegalBasis

    basis = LegalBasis.objects.filter(valid_to__isnull=True, warning_allowed=True).first()
    inspection = actions.record_inspection(
        cast.inside[Role.INSPECTOR],
        establishment=here,
        team=province_team,
        inspected_on=datetime.date(2026, 3, 2),
        kind="periodic",
        violations=[actions.ViolationInput(basis, "warning")],
    )
    # Inspector (a sanctioning role) in Hà Tĩnh, coordinator (reads) in Nghệ An.
    user = make_user(Role.INSPECTOR, cast.other_agency)
    Membership.objects.create(user=user, agency=cast.province_agency, role=Role.COORDINATOR)
    client.force_login(user)
    page = client.get(reverse("inspections:inspection", args=[inspection.pk]))
    assert page.status_code == 200 and page.context["can_sanction"] is False
    assert reverse("sanctions:create") not in page.content.decode()
    client.force_login(cast.inside[Role.POLICE])
    page = client.get(reverse("inspections:inspection", args=[inspection.pk]))
    assert page.context["can_sanction"] is True
    assert reverse("sanctions:create") in page.content.decode()
