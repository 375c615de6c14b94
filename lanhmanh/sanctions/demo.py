"""Synthetic sanction decisions for the demo province: the decisions on the violations
the demo's inspections found, and decisions against individuals over the year. People
appear only as invented pseudonymous codes."""

from __future__ import annotations

import datetime
import random
import string

from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.inspections.models import LegalBasis, Violation
from lanhmanh.places.models import AdministrativeUnit, Level

from .actions import behaviour_of, record_sanction
from .models import Sanction


def _code(rng) -> str:
    return "NA-" + "".join(rng.choices(string.ascii_uppercase + string.digits, k=6))


def _fine(rng, basis) -> int:
    return rng.randrange(basis.fine_min, basis.fine_max + 1, 100_000)


@transaction.atomic
def load_demo_sanctions(count: int = 120, seed: int = 178) -> int:
    """Idempotent: nothing is added when decisions exist."""
    if Sanction.objects.exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    province = AdministrativeUnit.objects.current().get(level=Level.PROVINCE, code="40")
    police = Agency.objects.filter(kind=AgencyKind.POLICE, jurisdiction=province).first()
    if police is None:
        return 0
    today = timezone.localdate()
    made = 0
    violations = Violation.objects.filter(
        inspection__establishment__commune__province=province
    ).select_related("inspection__establishment", "legal_basis")
    for number, violation in enumerate(violations.order_by("inspection__inspected_on", "pk"), 1):
        decided = min(today, violation.inspection.inspected_on + datetime.timedelta(days=3))
        behaviour = behaviour_of(violation.legal_basis)
        record_sanction(
            None,
            subject="individual",
            person_code=_code(rng),
            behaviour=behaviour,
            legal_basis=violation.legal_basis,
            violation=violation,
            form=violation.proposed,
            amount=violation.fine_amount,
            issuing_agency=police,
            decision_number=f"{number}/QĐ-XPHC-KT",
            decided_on=decided,
            paid_on=min(today, decided + datetime.timedelta(days=rng.randint(2, 20)))
            if violation.proposed == "fine" and rng.random() < 0.75
            else None,
        )
        made += 1
    bases = {
        "selling": LegalBasis.objects.filter(behaviour="Bán dâm", valid_to__isnull=True).first(),
        "buying": LegalBasis.objects.filter(behaviour="Mua dâm", valid_to__isnull=True).first(),
    }
    if not all(bases.values()):
        return made
    communes = list(province.children.filter(division_type="phuong").order_by("code")) or list(
        province.children.order_by("code")
    )
    start = max(datetime.date(today.year, 1, 1), bases["selling"].valid_from)
    span = (today - start).days
    for number in range(1, count + 1):
        behaviour = rng.choice(["selling", "selling", "buying"])
        basis = bases[behaviour]
        violated = start + datetime.timedelta(days=rng.randint(0, max(span - 5, 0)))
        warning = behaviour == "selling" and rng.random() < 0.3
        decided = min(today, violated + datetime.timedelta(days=rng.randint(1, 5)))
        record_sanction(
            None,
            subject="individual",
            person_code=_code(rng),
            behaviour=behaviour,
            legal_basis=basis,
            commune=rng.choice(communes[:12]),
            violated_on=violated,
            form="warning" if warning else "fine",
            amount=None if warning else _fine(rng, basis),
            issuing_agency=police,
            decision_number=f"{number}/QĐ-XPHC",
            decided_on=decided,
            paid_on=None
            if warning or rng.random() < 0.2
            else min(today, decided + datetime.timedelta(days=rng.randint(1, 15))),
        )
        made += 1
    return made
