"""A plan whose years are over is history once confirmed: no report expected, nothing
overdue, no reminder; its duties to the districts of its time are shown with the
communes of today that took over their ground, and not sent to them."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from lanhmanh.agencies.roles import Role
from lanhmanh.plans import actions, tracking
from lanhmanh.plans.models import PlanStatus
from lanhmanh.reporting.actions import activate_plan
from lanhmanh.reporting.models import Reminder, ReportingPeriod, UnitReport
from lanhmanh.reporting.reminders import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_001(cast, shared_dir):
    """Nghệ An's plan for 2024, imported by the province's coordinator."""
    path = next((Path(shared_dir) / "seeds").glob("001_*.txt"))
    coordinator = cast.inside[Role.COORDINATOR]
    return actions.import_plan(coordinator, path.name, path.read_bytes()).plan


def test_importing_seed_001_expects_no_report_and_sends_no_reminder(cast, seed_001):
    assert seed_001.last_year == 2024
    activate_plan(cast.inside[Role.COORDINATOR], seed_001, create_missing_agencies=True)
    seed_001.refresh_from_db()
    assert seed_001.status == PlanStatus.CLOSED
    assert not ReportingPeriod.objects.filter(plan=seed_001).exists()
    assert not UnitReport.objects.filter(period__plan=seed_001).exists()
    assert send_reminders(datetime.date.today()) == 0
    assert not Reminder.objects.exists()


def test_kept_active_its_district_duty_is_not_sent_to_communes_formed_later(client, cast, seed_001):
    """The coordinator may keep it active; "UBND các huyện, thành phố, thị xã" still
    means the districts of 2024, not the commune People's Committees of 1/7/2025."""
    activate_plan(
        cast.inside[Role.COORDINATOR], seed_001, create_missing_agencies=True, historic=False
    )
    seed_001.refresh_from_db()
    assert seed_001.status == PlanStatus.ACTIVE
    reports = UnitReport.objects.filter(period__plan=seed_001)
    assert reports.exists()  # the departments named in it report
    assert not reports.filter(agency=cast.commune_agency).exists()
    client.force_login(cast.in_commune[Role.REPORTER])
    mine = client.get(reverse("plans:mine")).content.decode()
    assert "Ủy ban nhân dân các huyện" not in mine


def test_a_district_duty_shows_its_successor_mapping(client, cast, seed_001):
    activate_plan(cast.inside[Role.COORDINATOR], seed_001, create_missing_agencies=True)
    duty = seed_001.duties.get(agency_name__startswith="Ủy ban nhân dân các huyện")
    (with_mapping,) = tracking.duties_with_mappings(seed_001, [duty])
    vinh = next(m for m in with_mapping.mappings if m.unit.name == "Thành phố Vinh")
    assert "Phường Trường Vinh" in [u.name for u in vinh.successors]
    assert all(u.valid_to is None for u in vinh.successors)
    client.force_login(cast.inside[Role.COORDINATOR])
    page = client.get(reverse("plans:detail", args=[seed_001.pk])).content.decode()
    assert vinh.label in page
    assert "Thành phố Vinh (" in vinh.label and "Phường Trường Vinh" in vinh.label


def test_a_plan_of_today_has_no_district_mapping(cast, tracked_plan):
    tracked_plan.issued_on = datetime.date(2026, 1, 15)
    assert tracking.district_mappings(tracked_plan) == []
    tracked_plan.issued_on = datetime.date(2025, 6, 30)
    assert tracking.district_mappings(tracked_plan)  # the last day of the districts
