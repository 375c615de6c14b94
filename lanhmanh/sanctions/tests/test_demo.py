import pytest

from lanhmanh.demo.loader import load_demo
from lanhmanh.inspections.demo import load_demo_inspections, load_demo_plan
from lanhmanh.inspections.models import Inspection, InspectionPlan, TeamMember
from lanhmanh.sanctions.demo import load_demo_sanctions
from lanhmanh.sanctions.models import Sanction

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Sanction.objects.values_list(
            "decision_number", "person_code", "behaviour", "form", "amount", "decided_on"
        )
    )


def test_demo_enforcement_registers_are_deterministic_and_consistent():
    load_demo(with_plans=False, with_reports=False)
    assert TeamMember.objects.filter(lead=True).count() == 2
    load_demo_inspections()
    plan = load_demo_plan()
    assert plan is not None and plan.establishments.count() == 10
    assert plan.inspections.count() == 4
    made = load_demo_sanctions()
    assert made == Sanction.objects.count() > 100
    first = snapshot()
    assert load_demo_sanctions() == 0 and load_demo_plan() is None
    assert InspectionPlan.objects.count() == 1
    # every violation the inspections found has its decision, within the range in force
    assert not Sanction.objects.filter(person_code="", establishment__isnull=True).exists()
    decided = Sanction.objects.filter(violation__isnull=False).count()
    assert decided == sum(i.violations.count() for i in Inspection.objects.all())
    behaviours = {b for _n, _c, b, _f, _a, _d in first}
    assert {"selling", "buying"} <= behaviours
    assert Inspection.objects.filter(follow_up_of__isnull=False).exists()
    Sanction.objects.all().delete()
    load_demo_sanctions()
    assert snapshot() == first
