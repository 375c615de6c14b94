"""The demo shows tasks in every state: done, in progress, late, on the plan page and
the dashboard."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.demo.loader import load_demo
from lanhmanh.plans import tracking
from lanhmanh.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_tasks_done_in_progress_and_late(client, django_user_model):
    load_demo()
    plan = Plan.objects.get(source_filename="ke-hoach-tinh-2026.docx")
    found = tracking.lines(Plan.objects.filter(pk=plan.pk), timezone.localdate())
    statuses = {line.status for line in found if line.kind == "task"}
    assert {"done", "in_progress", "late"} <= statuses
    # The plan of 2021–2025 was confirmed as history: nothing of it is late or expected.
    old = Plan.objects.get(source_filename="ke-hoach-tinh-2021-2025.txt")
    assert old.status == PlanStatus.CLOSED and not old.periods.exists()
    client.force_login(django_user_model.objects.get(username="coordinator"))
    page = client.get(reverse("monitoring:dashboard")).content.decode()
    late = [line for line in found if line.is_late]
    assert all(line.url in page for line in late)


def test_the_demo_has_progress_on_a_duty_to_every_commune():
    from lanhmanh.plans.demo import KIND_DUTY_RESULT

    load_demo()
    plan = Plan.objects.get(source_filename="ke-hoach-tinh-2026.docx")
    found = tracking.lines(Plan.objects.filter(pk=plan.pk), timezone.localdate())
    (summary,) = [s for s in tracking.summarised(found) if s.kind == "kind_duty"]
    assert summary.total >= 4  # the demo's communes
    assert [line.result for line in summary.lines if line.progress] == [KIND_DUTY_RESULT]
