"""Synthetic establishments and a year of inspections for the demo province. Invented
names and figures from a fixed seed; businesses only, no person."""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.places.models import AdministrativeUnit, Level

from .actions import ViolationInput, record_inspection
from .models import Establishment, EstablishmentKind, LegalBasis

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
    team = Agency.objects.filter(kind=AgencyKind.INSPECTION_TEAM).first()
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
    return len(establishments)
