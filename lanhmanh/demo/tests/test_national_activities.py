"""The national dataset's activities: in proportion, spread over the provinces, counted by
the activity figures as the register's lists count them; made once."""

import datetime

import pytest
from django.utils import timezone

from lanhmanh.activities import indicators
from lanhmanh.activities.models import EVENTS, Activity, CommunityModel
from lanhmanh.demo.national import _insert
from lanhmanh.demo.national_activities import ACTIVITIES, MODELS, generate_activities
from lanhmanh.places.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db


def test_activities_stage_is_proportional_spread_and_counted_once():
    provinces = list(
        AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("code")
    )
    communes = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE)
        .order_by("code")
        .values_list("pk", "province_id")
    )

    def insert(*args, **kwargs):
        return _insert(*args, progress=lambda *a: None, **kwargs)

    made = generate_activities(provinces, communes, 0.01, 7, insert)
    assert made == {"activities": ACTIVITIES // 100, "community_models": MODELS // 100}
    assert Activity.objects.count() == ACTIVITIES // 100
    assert CommunityModel.objects.count() == MODELS // 100
    assert Activity.objects.values("organiser__jurisdiction").distinct().count() > 25
    assert generate_activities(provinces, communes, 0.01, 7, insert) == {}
    today = timezone.localdate()
    start = datetime.date(today.year - 1, 1, 1)
    everywhere = {p.pk for p in provinces}
    assert indicators.events_held(everywhere, start, today) == (
        Activity.objects.filter(kind__in=EVENTS).count()
    )
    # A commune's activity reached its commune: communes with communication are counted.
    assert indicators.communes_with_communication(everywhere, start, today) > 100
