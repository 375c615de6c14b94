import pytest

from lanhmanh.demo.loader import load_demo
from lanhmanh.inspections.demo import load_demo_inspections, load_demo_plan
from lanhmanh.inspections.models import Inspection, InspectionPlan, TeamMember
from lanhmanh.people import violations
from lanhmanh.people.demo import load_demo_people
from lanhmanh.people.models import Case
from lanhmanh.sanctions import identity
from lanhmanh.sanctions.demo import load_demo_referrals, load_demo_sanctions
from lanhmanh.sanctions.models import Referral, Sanction

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Sanction.objects.values_list(
            "decision_number", "identity_hash", "behaviour", "form", "amount", "decided_on"
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
    # every decision against an individual keeps an invented identity, encrypted
    individuals = Sanction.objects.filter(establishment__isnull=True)
    assert not individuals.filter(full_name_enc="").exists()
    assert all(
        identity.decrypt_identity(s)["id_number"].startswith("000") for s in individuals[:20]
    )
    assert not individuals.filter(full_name_enc__contains="Nguy").exists()
    decided = Sanction.objects.filter(violation__isnull=False).count()
    assert decided == sum(i.violations.count() for i in Inspection.objects.all())
    behaviours = {b for _n, _c, b, _f, _a, _d in first}
    assert {"selling", "buying"} <= behaviours
    assert Inspection.objects.filter(follow_up_of__isnull=False).exists()
    Sanction.objects.all().delete()
    load_demo_sanctions()
    assert snapshot() == first


def test_demo_links_sanctioned_people_to_cases_only_through_accepted_referrals():
    load_demo(with_plans=False, with_reports=False)
    load_demo_sanctions()
    load_demo_people()
    assert load_demo_referrals() == 5
    assert load_demo_referrals() == 0  # idempotent
    accepted = Referral.objects.filter(status="accepted").select_related("person", "sanction")
    assert accepted.count() == 3
    assert Referral.objects.filter(status="pending").count() == 2
    assert {r.sanction.behaviour for r in Referral.objects.all()} == {"selling"}
    codes = [r.person.code for r in accepted]
    counts = violations.live_counts(codes)
    assert all(counts[code] >= 1 for code in codes)
    # no other person of the register has a violation history
    others = violations.live_counts(
        Case.objects.exclude(person__code__in=codes).values_list("person__code", flat=True)
    )
    assert set(others.values()) == {0}
