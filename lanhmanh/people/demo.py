"""Synthetic people and support cases for the demo province (Nghệ An).

Everybody here is invented: the names are common Vietnamese names put together at
random, the ID numbers start with 000 (no province has that code), the phone numbers
are 0900 000 xxx and the addresses say "(giả định)". Cases are recorded through the same
actions as the pages, by the demo case worker, in every state: just opened without
consent, with consent and services (referred, accepted, declined, delivered), follow-ups
due, overdue and done, closed with each outcome, reopened, transferred. A second run
finds the cases and adds nothing.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit, Level, System

from . import actions
from .models import Case, ConsentMethod, Group, Need, Outcome, Purpose, ServiceKind

COMMUNES = ["16690", "16681", "16732", "16738"]
COUNT = 24
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Hồ"]
MIDDLE = ["Thị", "Thị Thu", "Thị Minh", "Thị Ngọc", "Thị Hồng", "Văn"]
GIVEN = ["Lan", "Hoa", "Mai", "Hương", "Trang", "Thảo", "Linh", "Hạnh", "Yến", "Nhung"]
# provider agency name -> services it gives
PROVIDERS = {
    "Sở Y tế tỉnh Nghệ An": [ServiceKind.HEALTH_CHECK, ServiceKind.HIV_STI, ServiceKind.METHADONE],
    "Sở Tư pháp tỉnh Nghệ An": [ServiceKind.LEGAL_AID],
    "Sở Giáo dục và Đào tạo tỉnh Nghệ An": [ServiceKind.SCHOOLING],
    "Tỉnh Đoàn Nghệ An": [ServiceKind.VOCATIONAL_TRAINING, ServiceKind.JOB_PLACEMENT],
}
OWN = [ServiceKind.COUNSELLING, ServiceKind.SHELTER, ServiceKind.PREFERENTIAL_LOAN]


@transaction.atomic
def load_demo_people(seed: int = 6) -> int:
    """Record the demo's people and cases; returns how many cases were created."""
    worker = get_user_model().objects.filter(username="caseworker").first()
    team = Agency.objects.filter(name="Hội Liên hiệp Phụ nữ tỉnh Nghệ An").first()
    if worker is None or team is None or Case.objects.filter(team=team).exists():
        return 0
    communes = list(
        AdministrativeUnit.objects.filter(
            system=System.TWO_TIER, level=Level.COMMUNE, code__in=COMMUNES
        )
    )
    providers = {a.name: a for a in Agency.objects.filter(name__in=PROVIDERS)}
    rng = random.Random(f"people-demo-{seed}")  # noqa: S311 - demo data, reproducible
    today = timezone.localdate()
    created = 0
    for n in range(COUNT):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[:-1])} {rng.choice(GIVEN)}"
        opened = today - datetime.timedelta(days=rng.randint(20, 400))
        groups = [Group.SELLS_SEX] if n % 4 else [Group.TRAFFICKING_RETURNEE]
        if n % 5 == 0:
            groups.append(Group.AT_RISK)
        case = actions.intake(
            worker,
            full_name=name,
            id_number=f"000{rng.randint(10**8, 10**9 - 1)}",
            birth_date=str(rng.randint(1980, 2006)),
            phone=f"0900 000 {n:03d}",
            address=f"Số {rng.randint(1, 200)}, tổ {rng.randint(1, 12)} (giả định)",
            commune=rng.choice(communes),
            groups=groups,
            team=team,
            intake_note="Tự tìm đến nhờ tư vấn." if n % 2 else "Được tổ dân phố giới thiệu.",
            opened_on=opened,
        )
        created += 1
        if n % 8 == 7:
            continue  # just opened: no consent yet, nothing can be recorded
        given = opened + datetime.timedelta(days=1)
        actions.record_consent(
            worker,
            case,
            purpose=Purpose.CASE_MANAGEMENT,
            given_on=given,
            method=ConsentMethod.WRITTEN,
        )
        actions.assess_needs(
            worker,
            case,
            rng.sample(list(Need.values), k=rng.randint(1, 3)),
            note="Đánh giá nhu cầu tại buổi gặp đầu tiên.",
            plan="Tư vấn tâm lý, kết nối dịch vụ y tế và học nghề.",
        )
        actions.add_service(worker, case, kind=rng.choice(OWN), provider=team, referred_on=given)
        provider_name = rng.choice(list(providers)) if providers else None
        if provider_name:
            provider = providers[provider_name]
            actions.record_consent(
                worker,
                case,
                purpose=Purpose.REFERRAL,
                agency=provider,
                given_on=given,
                method=ConsentMethod.VERBAL,
                witness="Cán bộ Hội Phụ nữ phường",
            )
            referred_on = given + datetime.timedelta(days=rng.randint(1, 10))
            referral = actions.add_service(
                worker,
                case,
                kind=rng.choice(PROVIDERS[provider_name]),
                provider=provider,
                referred_on=min(referred_on, today),
            )
            if n % 3 == 0:
                actions.answer_referral(worker, referral, True, referral.referred_on)
                if n % 6 == 0:
                    actions.mark_delivered(worker, referral)
            elif n % 3 == 1 and n % 7 == 0:
                actions.answer_referral(worker, referral, False, referral.referred_on)
        due = today + datetime.timedelta(days=rng.randint(-10, 20))
        follow_up = actions.add_follow_up(worker, case, due, "Thăm hỏi tại nhà.")
        if due < today and n % 2 == 0:
            actions.complete_follow_up(worker, follow_up, due, "Đã gặp, tình hình ổn định.")
        if n % 5 == 4:
            outcome = list(Outcome.values)[n % len(Outcome.values)]
            closed = min(today, opened + datetime.timedelta(days=rng.randint(30, 300)))
            actions.close_case(worker, case, outcome, closed)
            if n == 9:
                actions.reopen_case(worker, case, "Quay lại xin hỗ trợ việc làm.")
    return created
