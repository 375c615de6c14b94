import pytest

from lanhmanh.tips.demo import load_demo_tips
from lanhmanh.tips.models import Status, Tip

pytestmark = pytest.mark.django_db


def test_demo_tips_are_deterministic_idempotent_and_in_every_state(cast):
    assert load_demo_tips() == 40
    first = sorted(Tip.objects.values_list("reference", "status", "commune__code"))
    assert load_demo_tips() == 0
    assert Tip.objects.count() == 40
    statuses = set(Tip.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    tips = list(Tip.objects.all())
    assert any(t.on_time is False and t.is_closed for t in tips)  # handled late
    assert any(t.on_time for t in tips)
    assert any(t.is_overdue for t in tips)
    assert {t.commune.province.code for t in tips} == {"40"}
    with_contact = [t for t in tips if t.has_contact]
    assert 0 < len(with_contact) < 40
    assert all("Người gửi ẩn danh" in t.read_contact()["name"] for t in with_contact)
    assert Tip.objects.filter(assigned_agency__isnull=True).exists()
    Tip.objects.all().delete()
    assert load_demo_tips() == 40
    again = sorted(Tip.objects.values_list("reference", "status", "commune__code"))
    assert [r[::2] for r in again] == [r[::2] for r in first]
