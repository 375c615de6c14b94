import pytest

from lanhmanh.demo.loader import load_demo
from lanhmanh.hotspots import indicators
from lanhmanh.hotspots.demo import COUNT, load_demo_hotspots
from lanhmanh.hotspots.models import Hotspot, HotspotCheck, HotspotStatusChange
from lanhmanh.places.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Hotspot.objects.values_list("name", "commune__code", "status", "status_since", "address")
    )


def test_demo_hotspots_are_deterministic_and_idempotent():
    load_demo(with_plans=False, with_reports=False)
    assert load_demo_hotspots() == COUNT
    first = snapshot()
    changes, checks = HotspotStatusChange.objects.count(), HotspotCheck.objects.count()
    assert load_demo_hotspots() == 0
    assert snapshot() == first
    assert (HotspotStatusChange.objects.count(), HotspotCheck.objects.count()) == (changes, checks)
    statuses = {s for _n, _c, s, _d, _a in first}
    assert {"active", "broken_up", "monitored", "recurred"} <= statuses
    assert Hotspot.objects.filter(commune__code="16690").exists()
    assert all(
        h.commune.province.code == "40" for h in Hotspot.objects.select_related("commune__province")
    )
    Hotspot.objects.all().delete()
    assert load_demo_hotspots() == COUNT and snapshot() == first


def test_demo_feeds_the_indicators():
    import datetime

    load_demo_hotspots()
    nghe_an = AdministrativeUnit.objects.get(level="province", code="40", valid_to__isnull=True)
    year = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert indicators.broken_up(nghe_an, *year) > 0
    assert indicators.active(nghe_an, datetime.date(2026, 6, 30)) > 0
    assert indicators.kept_clear(nghe_an, datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)) > 0
