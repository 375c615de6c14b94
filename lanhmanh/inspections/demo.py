"""Synthetic establishments and a year of inspections for the demo province. Invented
names and figures from a fixed seed; businesses only, no person."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment

from .actions import ViolationInput, create_inspection_plan, record_inspection
from .models import (
    Establishment,
    EstablishmentKind,
    Inspection,
    InspectionPlan,
    LegalBasis,
    TeamMember,
)
from .queries import ranked_for_inspection

NAMES = {
    "karaoke": ["Karaoke Hoa Sen", "Karaoke Ánh Dương", "Karaoke Phố Biển", "Karaoke Sao Mai"],
    "massage": ["Xông hơi Thảo Mộc", "Massage Thư Giãn", "Spa Hương Quê"],
    "hotel": ["Khách sạn Sông Lam", "Khách sạn Bình Minh", "Khách sạn Hồng Lam"],
    "guest_house": ["Nhà nghỉ Bình An", "Nhà nghỉ Hoa Mai", "Nhà nghỉ Phương Nam"],
    "bar": ["Bar Trăng Xanh", "Vũ trường Ngôi Sao"],
    "cafe": ["Cà phê Góc Phố", "Cà phê Gió Chiều"],
    "hair": ["Gội đầu Thư Thái", "Salon Tóc Mây"],
    "other": ["Câu lạc bộ Thể hình Sức Sống"],
}
STREETS = ["Lê Lợi", "Quang Trung", "Nguyễn Du", "Trần Phú", "Lê Duẩn", "Phan Đình Phùng"]


@transaction.atomic
def load_demo_inspections(count: int = 300, seed: int = 2026) -> int:
    """Establishments over the province's communes and inspections in 2026; idempotent."""
    if Establishment.objects.exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    province = AdministrativeUnit.objects.current().get(level=Level.PROVINCE, code="40")
    communes = list(province.children.order_by("code"))
    urban = [c for c in communes if c.division_type == "phuong"] or communes
    kinds = list(EstablishmentKind.values)
    establishments = []
    for i in range(count):
        kind = rng.choice(kinds)
        commune = rng.choice(urban if rng.random() < 0.7 else communes)
        closed = rng.random() < 0.08
        establishments.append(
            Establishment(
                kind=kind,
                name=f"{rng.choice(NAMES[kind])} {i + 1}",
                address=f"{rng.randint(1, 300)} {rng.choice(STREETS)}",
                commune=commune,
                registration_number=f"29{i:06d}",
                owner=f"Hộ kinh doanh số {i + 1}",
                status="closed" if closed else "active",
                opened_on=datetime.date(rng.randint(2015, 2025), rng.randint(1, 12), 1),
                closed_on=datetime.date(2026, rng.randint(1, 9), 1) if closed else None,
                risk=rng.choice([1, 2, 2, 3]),
            )
        )
    for e in establishments:
        e.save()
    team = Agency.objects.filter(kind=AgencyKind.INSPECTION_TEAM, jurisdiction=province).first()
    if team is None:
        return len(establishments)
    selling = LegalBasis.objects.filter(behaviour="Bán dâm", valid_to__isnull=True).first()
    buying = LegalBasis.objects.filter(behaviour="Mua dâm", valid_to__isnull=True).first()
    for e in rng.sample(establishments, k=count // 3):
        day = datetime.date(2026, rng.randint(1, 10), rng.randint(1, 28))
        violations = []
        if rng.random() < 0.25 and selling and buying:
            basis = rng.choice([selling, buying])
            fine = rng.randrange(basis.fine_min, basis.fine_max + 1, 100_000)
            violations.append(ViolationInput(basis, "fine", fine, "Phát hiện vi phạm."))
        record_inspection(
            None,
            establishment=e,
            team=team,
            inspected_on=day,
            kind=rng.choice(["periodic", "surprise"]),
            findings="Kiểm tra giấy phép, điều kiện an ninh trật tự.",
            violations=violations,
        )
    _follow_ups(rng, team)
    return len(establishments)


def _follow_ups(rng, team) -> None:
    """Violations bring a re-inspection within 30 days; most are done, some are late."""
    today = timezone.localdate()
    found = (
        Inspection.objects.filter(violations__isnull=False, team=team)
        .distinct()
        .select_related("establishment")
        .order_by("inspected_on", "pk")
    )
    for inspection in list(found):
        due = inspection.inspected_on + datetime.timedelta(days=30)
        Inspection.objects.filter(pk=inspection.pk).update(follow_up_by=due)
        if due < today - datetime.timedelta(days=10) and rng.random() < 0.7:
            record_inspection(
                None,
                establishment=inspection.establishment,
                team=team,
                inspected_on=due - datetime.timedelta(days=rng.randint(0, 10)),
                kind="periodic",
                findings="Phúc tra: cơ sở đã khắc phục vi phạm.",
                follow_up_of=inspection,
            )


def set_up_teams(agencies: dict) -> None:
    """Member agencies of the demo's teams (idempotent)."""
    compositions = {
        "doi178": ["soyte", "congan", "vhttdl", "bienphong"],
        "doi178_truongvinh": ["ubnd_truongvinh", "congan_truongvinh"],
    }
    for team_key, members in compositions.items():
        if team_key not in agencies:
            continue
        for index, key in enumerate(members):
            TeamMember.objects.get_or_create(
                team=agencies[team_key], agency=agencies[key], defaults={"lead": index == 0}
            )


def load_demo_plan(team=None) -> InspectionPlan | None:
    """This month's plan of the provincial team: the ten establishments ranked first,
    some already inspected under it."""
    team = (
        team
        or Agency.objects.filter(
            kind=AgencyKind.INSPECTION_TEAM, jurisdiction__level=Level.PROVINCE
        )
        .order_by("pk")
        .first()
    )
    if team is None or InspectionPlan.objects.filter(team=team).exists():
        return None
    today = timezone.localdate()
    start = today.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    inside = UnitContainment.objects.filter(outer_id=team.jurisdiction_id).values("inner_id")
    chosen = list(ranked_for_inspection(Establishment.objects.filter(commune__in=inside))[:10])
    if not chosen:
        return None
    plan = create_inspection_plan(
        None,
        team=team,
        title=f"Kế hoạch kiểm tra đột xuất tháng {today:%m/%Y}",
        starts_on=start,
        ends_on=end,
        establishments=chosen,
        note="Ưu tiên các cơ sở có nguy cơ cao, lâu chưa được kiểm tra.",
    )
    for offset, establishment in enumerate(chosen[:4]):
        day = min(today, start + datetime.timedelta(days=2 + 3 * offset))
        record_inspection(
            None,
            establishment=establishment,
            team=team,
            inspected_on=day,
            kind="surprise",
            findings="Kiểm tra theo kế hoạch tháng: không phát hiện vi phạm.",
            plan=plan,
        )
    return plan
