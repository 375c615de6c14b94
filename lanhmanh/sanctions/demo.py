"""Synthetic sanction decisions for the demo province: the decisions on the violations
the demo's inspections found, and decisions against individuals over the year, each with
an invented identity (as the police record it, encrypted); then a few people referred to
the demo's case team, some of them accepted (``load_demo_referrals``, after the people
demo)."""

from __future__ import annotations

import datetime
import random
import string

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.inspections.models import LegalBasis, Violation
from lanhmanh.places.models import AdministrativeUnit, Level

from . import actions, identity
from .actions import behaviour_of, record_sanction
from .models import Behaviour, Referral, Sanction

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Thị", "Văn", "Thị Thu", "Văn Minh", "Thị Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Lan", "Mai", "Nga", "Tâm", "Yến"]
CASE_TEAM = "Hội Liên hiệp Phụ nữ tỉnh Nghệ An"


def synthetic_identity(rng) -> dict[str, str]:
    """An invented person: "000…" ID numbers are never issued."""
    return {
        "full_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        "id_number": "000" + "".join(rng.choices(string.digits, k=9)),
        "birth_date": datetime.date(
            rng.randint(1975, 2005), rng.randint(1, 12), rng.randint(1, 28)
        ).isoformat(),
    }


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
    officer = get_user_model().objects.filter(username="police").first()
    if police is None or officer is None:
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
            officer,
            subject="individual",
            **synthetic_identity(rng),
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
            officer,
            subject="individual",
            **synthetic_identity(rng),
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


@transaction.atomic
def load_demo_referrals(referred: int = 5, accepted: int = 3) -> int:
    """The demo police refer a few people sanctioned for selling sex (still counting) to
    the demo's case team, whose case worker accepts some by linking them to cases of
    theirs. Idempotent: nothing is added when referrals exist. Returns how many were
    referred."""
    if Referral.objects.exists():
        return 0
    users = get_user_model().objects.filter(username__in=["police", "caseworker"])
    by_name = {user.username: user for user in users}
    team = Agency.objects.filter(name=CASE_TEAM).first()
    if len(by_name) < 2 or team is None:
        return 0
    from lanhmanh.people.models import Case

    officer, worker = by_name["police"], by_name["caseworker"]
    candidates = [
        s
        for s in Sanction.objects.filter(behaviour=Behaviour.SELLING, subject="individual")
        .select_related("commune")
        .order_by("-first_decided_on", "pk")[: referred * 4]
        if identity.identity_state(s) == "live"
    ][:referred]
    cases = list(
        Case.objects.open_cases()
        .filter(team=team, person__sells_sex=True)
        .order_by("pk")[:accepted]
    )
    made = 0
    for n, sanction in enumerate(candidates):
        referral = actions.refer(
            officer, sanction, team, note="Đề nghị hỗ trợ sau quyết định xử phạt (dữ liệu giả)."
        )
        made += 1
        if n < len(cases):
            case = cases[n]
            # The demo's case worker is the one who keeps the demo's cases.
            case.members.add(worker)
            actions.answer_referral(worker, referral, True, case=case, note="Đã liên hệ.")
    return made
