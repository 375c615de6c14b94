import pytest

from lanhmanh.assessments import indicators
from lanhmanh.assessments.demo import load_demo_assessments
from lanhmanh.assessments.models import Assessment, Status
from lanhmanh.assessments.scoring import Result
from lanhmanh.demo.loader import load_demo
from lanhmanh.places.models import AdministrativeUnit, System

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Assessment.objects.values_list(
            "commune__system", "commune__code", "year", "status", "total", "healthy"
        )
    )


def test_demo_assessments_are_deterministic_idempotent_and_reach_before_2025():
    load_demo(with_plans=False, with_reports=False)
    created = load_demo_assessments()
    assert created > 100
    first = snapshot()
    assert load_demo_assessments() == 0 and snapshot() == first
    Assessment.objects.all().delete()
    assert load_demo_assessments() == created and snapshot() == first

    statuses = {row[3] for row in first}
    assert statuses == {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED}
    old = Assessment.objects.filter(year__lt=2025)
    assert old.exists()
    assert not old.exclude(commune__system=System.THREE_TIER).exists()
    # Trường Vinh's trend reaches back through its old wards, with both verdicts shown.
    truong_vinh = AdministrativeUnit.objects.get(system="2025", level="commune", code="16690")
    nghe_an = truong_vinh.province
    rows = {r.year: r for r in indicators.trend({nghe_an.pk}, [2023, 2024, 2025])}
    assert rows[2023].healthy > 0 and rows[2023].not_healthy > 0
    assert rows[2025].healthy > 0
    table = indicators.results([truong_vinh], [2024])
    assert table[(truong_vinh.pk, 2024)].result in (Result.HEALTHY, Result.NOT_HEALTHY)
    assert Assessment.objects.get(commune=truong_vinh, year=2026).created_by.username == "reporter"
