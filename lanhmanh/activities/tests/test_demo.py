"""The demo has activities of every kind, in its wards and its province, and feeds every
activity figure; loading it twice adds nothing."""

import datetime

import pytest

from lanhmanh.activities import indicators
from lanhmanh.activities.demo import load_demo_activities
from lanhmanh.activities.models import Activity, ActivityKind, CommunityModel
from lanhmanh.demo.loader import load_demo
from lanhmanh.places.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(Activity.objects.values_list("kind", "title", "held_on", "unit__code"))


def test_demo_activities_are_deterministic_idempotent_and_feed_every_figure():
    load_demo(with_plans=False, with_reports=False)  # the agencies and the units
    made = load_demo_activities()
    first = snapshot()
    models = CommunityModel.objects.count()
    assert made == len(first) + models
    assert len(first) > 50 and models >= 3
    assert load_demo_activities() == 0 and snapshot() == first
    assert {kind for kind, *_rest in first} == set(ActivityKind.values)
    assert Activity.objects.filter(unit__code="16690").exists()
    nghe_an = AdministrativeUnit.objects.get(level="province", code="40", valid_to__isnull=True)
    year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    for name, function, _records in indicators.REGISTERED:
        assert function({nghe_an.pk}, *year) > 0, name
    Activity.objects.all().delete()
    CommunityModel.objects.all().delete()
    assert load_demo_activities() == len(first) + models and snapshot() == first
