"""Synthetic activities for the demo province (Nghệ An, code 40): titles, counts and dates
are invented, drawn from a fixed seed; nobody is named.

``load_demo_activities()`` records, over 2025 and 2026 up to today, the province's
conferences, courses, campaign days, outreach sessions, broadcasts and articles, leaflets
and panels, its supervision visits of the wards, the wards' own plans, and a few community
models, organised by the demo agencies (the departments, the mass organisations, the
media, and the demo wards' People's Committees). A second call adds nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit, Level

from . import actions
from .models import Activity, ActivityKind, Audience, CommunityModel, Medium, ModelKind

K = ActivityKind
A = Audience
PROVINCE_CODE = "40"
# The wards of the demo agencies come first, so the demo users find activities at home.
FIRST_COMMUNES = ("16690", "16681", "16732", "16738")
MARK = "Dữ liệu minh họa (không có thật)."
# kind -> (title patterns, organisers by name start, audiences, how many per year)
PROGRAMME = [
    (
        K.CONFERENCE,
        [
            "Hội nghị triển khai công tác phòng, chống mại dâm năm {year}",
            "Hội thảo nâng cao hiệu quả phối hợp liên ngành {year}",
        ],
        ["Sở Y tế", "Ủy ban nhân dân tỉnh"],
        [A.OFFICIALS],
        3,
    ),
    (
        K.TALK,
        [
            "Buổi nói chuyện chuyên đề phòng, chống mại dâm tại {place}",
            "Tuyên truyền pháp luật về phòng, chống mại dâm tại {place}",
        ],
        ["Hội Liên hiệp Phụ nữ", "Tỉnh Đoàn", "Ủy ban nhân dân phường"],
        [A.COMMUNITY, A.STUDENTS, A.ESTABLISHMENT_WORKERS, A.INDUSTRIAL_WORKERS],
        10,
    ),
    (
        K.TRAINING,
        [
            "Lớp tập huấn kỹ năng cho cán bộ làm công tác phòng, chống mại dâm đợt {n}",
            "Tập huấn nghiệp vụ cho thành viên Đội 178 đợt {n}",
        ],
        ["Sở Y tế", "Sở Tư pháp"],
        [A.OFFICIALS],
        3,
    ),
    (
        K.CAMPAIGN,
        ["Ngày cao điểm tuyên truyền phòng, chống mại dâm tại {place}"],
        ["Ủy ban nhân dân phường", "Sở Văn hóa, Thể thao và Du lịch"],
        [A.COMMUNITY],
        3,
    ),
    (
        K.OUTREACH,
        ["Truyền thông lưu động tại {place}", "Tiếp cận cộng đồng tại {place}"],
        ["Hội Liên hiệp Phụ nữ", "Ủy ban nhân dân phường"],
        [A.SELLING_SEX, A.COMMUNITY, A.ESTABLISHMENT_WORKERS],
        6,
    ),
    (
        K.MEDIA,
        [
            "Phóng sự “Chung tay phòng, chống mại dâm” số {n}",
            "Bài viết về mô hình hỗ trợ người bán dâm hòa nhập cộng đồng số {n}",
        ],
        ["Đài Phát thanh và Truyền hình", "Báo Nghệ An"],
        [A.COMMUNITY],
        8,
    ),
    (
        K.PRINTED,
        ["In và cấp phát tài liệu tuyên truyền đợt {n}"],
        ["Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch"],
        [A.COMMUNITY],
        4,
    ),
    (
        K.SUPERVISION,
        ["Giám sát việc thực hiện kế hoạch phòng, chống mại dâm tại {place}"],
        ["Sở Y tế", "Ủy ban nhân dân tỉnh"],
        [""],
        4,
    ),
]
MODELS = [
    (ModelKind.CLUB, "Câu lạc bộ “Phụ nữ với phòng, chống mại dâm” {place}"),
    (ModelKind.PEER_GROUP, "Nhóm đồng đẳng hỗ trợ người bán dâm {place}"),
    (ModelKind.COUNSELLING, "Điểm tư vấn, hỗ trợ cộng đồng {place}"),
    (ModelKind.HEALTHY_AREA, "Khu dân cư lành mạnh không có tệ nạn mại dâm {place}"),
]


def _place():
    province = AdministrativeUnit.objects.filter(
        level=Level.PROVINCE, code=PROVINCE_CODE, valid_to__isnull=True
    ).first()
    if province is None:
        return None, []
    communes = list(
        AdministrativeUnit.objects.filter(
            level=Level.COMMUNE, province=province, valid_to__isnull=True
        ).order_by("code")
    )
    first = [c for code in FIRST_COMMUNES for c in communes if c.code == code]
    return province, first + [c for c in communes if c not in first]


def _agencies():
    return list(
        Agency.objects.active_on()
        .filter(jurisdiction__province__code=PROVINCE_CODE)
        .select_related("jurisdiction")
        .order_by("pk")
    ) + list(
        Agency.objects.active_on()
        .filter(jurisdiction__code=PROVINCE_CODE, jurisdiction__level=Level.PROVINCE)
        .select_related("jurisdiction")
        .order_by("pk")
    )


def _day(rng, year: int, today: datetime.date) -> datetime.date | None:
    day = datetime.date(year, 1, 8) + datetime.timedelta(days=rng.randint(0, 340))
    return day if day <= today else None


def _activity(rng, kind, titles, organiser, audience, unit, n, year, day, communes):
    place = unit.name
    fields = {
        "kind": kind,
        "title": rng.choice(titles).format(year=year, place=place, n=n),
        "held_on": day,
        "unit": unit,
        "organiser": organiser,
        "audience": audience,
        "description": MARK,
    }
    reached = []
    if kind in (K.CONFERENCE, K.TALK, K.TRAINING, K.CAMPAIGN, K.OUTREACH):
        total = rng.randint(25, 60) if kind == K.TRAINING else rng.randint(40, 250)
        women = rng.randint(total // 3, total * 2 // 3)
        fields.update(participants=total, women=women, men=total - women)
        if kind == K.TRAINING:
            fields["ends_on"] = day + datetime.timedelta(days=1)
    if kind == K.MEDIA:
        fields["medium"] = rng.choice([Medium.BROADCAST, Medium.ARTICLE, Medium.ONLINE])
    if kind == K.PRINTED:
        fields["medium"] = rng.choice([Medium.LEAFLET, Medium.LEAFLET, Medium.PANEL, Medium.POSTER])
        fields["quantity"] = (
            rng.randint(10, 40) * 100 if fields["medium"] == Medium.LEAFLET else rng.randint(2, 12)
        )
    if unit.level == Level.PROVINCE and kind != K.SUPERVISION:
        reached = rng.sample(communes, min(len(communes), rng.randint(2, 8)))
    return fields, reached


@transaction.atomic
def load_demo_activities(seed: int = 2026) -> int:
    """Create the demo activities and community models that do not exist yet; the number
    of records created."""
    province, communes = _place()
    if province is None:
        return 0
    agencies = _agencies()
    if not agencies:
        return 0
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    today = timezone.localdate()
    ward_agencies = [
        a
        for a in agencies
        if a.jurisdiction.level == Level.COMMUNE and a.name.startswith("Ủy ban nhân dân")
    ]
    plans, models = [], []
    for year in (2025, 2026):
        for kind, titles, organisers, audiences, count in PROGRAMME:
            for n in range(1, count + 1):
                day = _day(rng, year, today)
                name = rng.choice(organisers)
                candidates = [a for a in agencies if name in a.name]
                organiser = rng.choice(candidates) if candidates else agencies[0]
                if organiser.jurisdiction.level == Level.COMMUNE:
                    unit = organiser.jurisdiction
                elif kind in (K.TALK, K.CAMPAIGN, K.OUTREACH) and rng.random() < 0.6:
                    unit = rng.choice(communes[:20])
                else:
                    unit = province
                audience = rng.choice(audiences)
                if day is None:
                    continue
                fields, reached = _activity(
                    rng, kind, titles, organiser, audience, unit, n, year, day, communes[:30]
                )
                if kind == K.SUPERVISION:
                    visited = rng.choice(ward_agencies) if ward_agencies else None
                    if visited is None:
                        continue
                    fields["visited"] = visited
                    fields["title"] = titles[0].format(place=visited.jurisdiction.name)
                plans.append((fields, reached))
        for agency in ward_agencies:
            day = datetime.date(year, 2, rng.randint(1, 25))
            if day <= today:
                plans.append(
                    (
                        {
                            "kind": K.UNIT_PLAN,
                            "title": f"Kế hoạch phòng, chống mại dâm năm {year}",
                            "held_on": day,
                            "unit": agency.jurisdiction,
                            "organiser": agency,
                            "document_number": f"{rng.randint(10, 150)}/KH-UBND",
                            "description": MARK,
                        },
                        [],
                    )
                )
    for index, (kind, pattern) in enumerate(MODELS):
        unit = communes[index % len(communes)]
        organiser = next(
            (a for a in ward_agencies if a.jurisdiction_id == unit.pk),
            next((a for a in agencies if "Phụ nữ" in a.name), agencies[0]),
        )
        started = datetime.date(2025, 3 + index * 2, 1)
        models.append(
            {
                "name": pattern.format(place=unit.name),
                "kind": kind,
                "unit": unit,
                "organiser": organiser,
                "audience": A.SELLING_SEX if kind == ModelKind.PEER_GROUP else A.COMMUNITY,
                "started_on": started,
                "stopped_on": datetime.date(2026, 1, 31) if index == 3 else None,
                "reviewed_on": started + datetime.timedelta(days=180),
                "review": "Duy trì sinh hoạt định kỳ hằng tháng." if index != 3 else "Tạm dừng.",
                "description": MARK,
            }
        )
    created = 0
    for fields, reached in plans:
        if Activity.objects.filter(
            title=fields["title"], held_on=fields["held_on"], unit=fields["unit"]
        ).exists():
            continue
        actions.create_activity(None, communes=reached, **fields)
        created += 1
    for fields in models:
        if fields["started_on"] > today:
            continue
        if CommunityModel.objects.filter(name=fields["name"]).exists():
            continue
        actions.create_model(None, communes=[fields["unit"]], **fields)
        created += 1
    return created
