"""Synthetic hotspots for the demo province (Nghệ An, code 40): places and dates are
invented, drawn from a fixed seed; there are no people in them.

``load_demo_hotspots()`` makes about 25 hotspots over the province's communes, with
histories over 2025–2026 (broken up, monitored, some recurred and broken up again,
some still active) and the patrols and checks that go with them. A second call adds
nothing.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit, Level

from . import actions
from .models import Hotspot, HotspotKind, HotspotStatus

S = HotspotStatus
PROVINCE_CODE = "40"
# The wards of the demo agencies come first, so the demo users find hotspots at home.
FIRST_COMMUNES = ("16690", "16681", "16732")
COUNT = 25

PUBLIC_PLACES = [
    "Khu vực bờ kè sông",
    "Công viên trung tâm",
    "Khu vực bến xe khách",
    "Đường ven hồ điều hòa",
    "Khu vực chợ đêm",
    "Bãi biển phía bắc",
    "Khu vực ga tàu",
    "Vỉa hè đường tránh",
    "Khu vực cầu vượt",
    "Bãi đất trống sau chợ",
]
ESTABLISHMENTS = [
    ("Nhà nghỉ", ["Hoa Sen", "Bình Minh", "Sông Lam", "Hồng Nhung", "Phương Nam"]),
    ("Karaoke", ["Ánh Dương", "Ngôi Sao", "Hải Âu", "Thiên Thanh"]),
    ("Cơ sở massage", ["Thư Giãn", "Sen Việt", "Hương Quế"]),
    ("Quán cà phê", ["Võng Xanh", "Góc Phố", "Mộc"]),
]
STREETS = ["Lê Lợi", "Quang Trung", "Nguyễn Du", "Trần Phú", "Phan Đình Phùng", "Lê Hồng Phong"]
# How a hotspot's story goes; each is a list of (status, days after it was found).
STORIES = [
    [],  # still active
    [(S.BROKEN_UP, 60), (S.MONITORED, 90)],  # kept clear
    [(S.BROKEN_UP, 45)],
    [(S.BROKEN_UP, 40), (S.MONITORED, 70), ("check", 300), (S.BROKEN_UP, 330)],
    [(S.BROKEN_UP, 90), (S.MONITORED, 120)],
    [(S.BROKEN_UP, 30), ("check", 200)],  # recurred, not yet broken up again
]


def _communes():
    province = AdministrativeUnit.objects.filter(
        level=Level.PROVINCE, code=PROVINCE_CODE, valid_to__isnull=True
    ).first()
    if province is None:
        return []
    communes = list(
        AdministrativeUnit.objects.filter(
            level=Level.COMMUNE, province=province, valid_to__isnull=True
        ).order_by("code")
    )
    first = [c for code in FIRST_COMMUNES for c in communes if c.code == code]
    return first + [c for c in communes if c not in first]


def _plans(rng: random.Random, communes) -> list[dict]:
    """What to create, drawn completely before anything is written: the same seed
    always gives the same hotspots, whatever exists already."""
    places = communes[: len(FIRST_COMMUNES)] + rng.sample(
        communes[len(FIRST_COMMUNES) :], min(COUNT, len(communes)) - len(FIRST_COMMUNES)
    )
    plans = []
    for index in range(COUNT):
        commune = places[index % len(places)]
        establishment = index % 3 == 1
        if establishment:
            kind_name, names = ESTABLISHMENTS[index % len(ESTABLISHMENTS)]
            business = f"{kind_name} {rng.choice(names)}"
            name = f"Phòng cho thuê tại {business}"
        else:
            business = ""
            name = f"{rng.choice(PUBLIC_PLACES)} ({commune.name})"
        found = datetime.date(2025, 1, 6) + datetime.timedelta(days=rng.randint(0, 420))
        latitude = Decimal(f"{18.55 + rng.random() * 0.9:.6f}") if index % 2 == 0 else None
        plans.append(
            {
                "fields": {
                    "name": name,
                    "commune": commune,
                    "address": f"Số {rng.randint(1, 250)} đường {rng.choice(STREETS)}",
                    "kind": HotspotKind.ESTABLISHMENT
                    if establishment
                    else HotspotKind.PUBLIC_PLACE,
                    "establishment_name": business,
                    "latitude": latitude,
                    "longitude": Decimal(f"{104.9 + rng.random() * 0.9:.6f}") if latitude else None,
                    "description": "Dữ liệu minh họa (không có thật).",
                },
                "found": found,
                "story": STORIES[index % len(STORIES)],
                "patrols": sorted(rng.sample(range(20, 560, 20), 3)),
            }
        )
    return plans


@transaction.atomic
def load_demo_hotspots(seed: int = 2026) -> int:
    """Create the demo hotspots that do not exist yet; the number created."""
    communes = _communes()
    if not communes:
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    plans = _plans(rng, communes)
    user = get_user_model().objects.filter(username="police").first()
    agency = (
        Agency.objects.filter(name__startswith="Công an tỉnh Nghệ An").first()
        or Agency.objects.filter(jurisdiction__code=PROVINCE_CODE, kind="police").first()
    )
    today = timezone.localdate()
    created = 0
    for plan in plans:
        fields = plan["fields"]
        if Hotspot.objects.filter(commune=fields["commune"], name=fields["name"]).exists():
            continue
        hotspot = actions.create_hotspot(user, status_since=plan["found"], **fields)
        created += 1
        events = [(plan["found"] + datetime.timedelta(days=d), step) for step, d in plan["story"]]
        events += [(plan["found"] + datetime.timedelta(days=d), "patrol") for d in plan["patrols"]]
        for day, step in sorted(events, key=lambda e: (e[0], e[1] != "patrol")):
            if day > today:
                continue
            if step == "patrol":
                actions.record_check(
                    user,
                    hotspot,
                    day,
                    found_activity=hotspot.status in (S.ACTIVE, S.RECURRED),
                    agency=agency,
                    note="Tuần tra định kỳ.",
                )
            elif step == "check":
                actions.record_check(
                    user,
                    hotspot,
                    day,
                    found_activity=True,
                    agency=agency,
                    note="Kiểm tra đột xuất, phát hiện hoạt động trở lại.",
                )
            elif step in hotspot.allowed_statuses:
                actions.change_status(
                    user,
                    hotspot,
                    step,
                    day,
                    note="Theo kết quả đấu tranh, triệt xóa."
                    if step == S.BROKEN_UP
                    else "Đưa vào diện theo dõi, quản lý.",
                )
    return created
