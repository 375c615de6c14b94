"""Synthetic tips for the demo province (Nghệ An), generated deterministically.

``load_demo_tips`` records about forty tips received in 2026 through the same actions as
the pages, in every state: just received, assigned, being verified, handled with each
outcome, some of them late or overdue. A few carry an invented contact (no real person:
"Người gửi ẩn danh" names, 0900 numbers, example.invalid addresses). The references are
drawn from the seed, so a second run finds them and adds nothing.

Tips are routed to an agency that covers their commune and has a police officer to work
them (the commune's police first, then the province's, then any), and that officer
verifies and closes them: once a tip has a handling agency, its police alone work it.
Without such an agency, the tips stay received.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lanhmanh.agencies.models import AgencyKind, Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.places.models import AdministrativeUnit, Level, System

from . import actions
from .models import REFERENCE_ALPHABET, REFERENCE_LENGTH, Category, Channel, Outcome, Tip
from .queries import agencies_for_tip

PROVINCE_CODE = "40"  # Nghệ An
HOME_COMMUNE = "16690"  # Phường Trường Vinh, where the demo's commune police sit
COUNT = 40
YEAR = 2026

PLACES = [
    "quán karaoke",
    "cơ sở massage",
    "nhà nghỉ",
    "khách sạn mini",
    "quán cà phê có phòng riêng",
    "tiệm gội đầu",
    "khu vực công viên",
    "bãi đỗ xe gần bến xe",
]
WHAT = {
    Category.PROSTITUTION: "có dấu hiệu hoạt động mua bán dâm vào buổi tối",
    Category.BROKERING: "có người đứng ra môi giới, dẫn khách",
    Category.TRAFFICKING: "có người lạ đưa các cô gái trẻ từ nơi khác đến ở, nghi bị lừa",
    Category.ESTABLISHMENT: "nhân viên nữ tiếp khách trong phòng kín, đóng cửa sau giờ quy định",
    Category.OTHER: "thường xuyên có người lạ ra vào, gây mất trật tự",
}
NOTES = {
    Outcome.UNFOUNDED: "Đã xác minh, không phát hiện vi phạm.",
    Outcome.ADMINISTRATIVE: "Lập biên bản vi phạm hành chính, chuyển Đội 178 kiểm tra.",
    Outcome.CRIME: "Có dấu hiệu tội phạm, chuyển cơ quan điều tra thụ lý.",
    Outcome.HOTSPOT: "Xác định tụ điểm, đưa vào danh sách theo dõi và triệt xóa.",
}


def _references(seed: int) -> list[str]:
    rng = random.Random(f"tips-references-{seed}")  # noqa: S311 - demo data, reproducible
    return [
        "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        for _ in range(COUNT)
    ]


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))


def _officer(agency):
    """A police officer of ``agency``, who may work the tips it handles; or None."""
    membership = (
        Membership.objects.filter(agency=agency, role=Role.POLICE, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return membership.user if membership else None


def _handler(tip):
    """(agency, officer): the agency that handles the tip and the officer who works it.
    The commune's own police when it has an officer, else the province's; without
    police, another agency covering the commune with a police officer."""
    covering = list(agencies_for_tip(tip))
    police = [a for a in covering if a.kind == AgencyKind.POLICE]
    police.sort(key=lambda a: (a.jurisdiction_id != tip.commune_id, a.name))
    for agency in police + [a for a in covering if a.kind != AgencyKind.POLICE]:
        officer = _officer(agency)
        if officer is not None:
            return agency, officer
    return None, None


@transaction.atomic
def load_demo_tips(seed: int = YEAR) -> int:
    """Create the demo tips that are not there yet; the number created."""
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible
    communes = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE, province__code=PROVINCE_CODE, system=System.TWO_TIER)
        .order_by("code")
    )
    if not communes:
        return 0
    home = next((c for c in communes if c.code == HOME_COMMUNE), communes[0])
    officer = get_user_model().objects.filter(username="police").first()
    now = timezone.now()
    today = timezone.localdate()
    last_day = min(datetime.date(YEAR, 12, 31), today - datetime.timedelta(days=1))
    first_day = datetime.date(YEAR, 1, 5)
    span = max((last_day - first_day).days, 1)
    existing = set(Tip.objects.filter(reference__in=_references(seed)).values_list("reference"))
    existing = {reference for (reference,) in existing}
    created = 0
    for index, reference in enumerate(_references(seed)):
        # Draw everything for this tip first, so that skipping it keeps the rest the same.
        received_on = first_day + datetime.timedelta(days=round(span * index / (COUNT - 1)))
        received_at = min(_moment(received_on, rng.randint(7, 20)), now)
        commune = home if index % 4 == 0 else rng.choice(communes)
        category = rng.choice(Category.values)
        channel = rng.choice(Channel.values)
        place = rng.choice(PLACES)
        with_contact = rng.random() < 0.2
        fate = rng.random()
        outcome = rng.choice(Outcome.values)
        verify_after = rng.randint(1, 5)
        handle_after = rng.randint(6, 45)
        if reference in existing:
            continue
        contact = None
        if with_contact:
            contact = {
                "name": f"Người gửi ẩn danh {index + 1}",
                "phone": f"0900 000 {index + 1:03d}",
                "email": f"nguoigui{index + 1}@example.invalid",
            }
        tip = actions.receive_tip(
            officer if channel != Channel.WEB else None,
            channel=channel,
            commune=commune,
            category=category,
            content=f"Tại {place} trên địa bàn {commune.name}, {WHAT[category]}.",
            received_at=received_at,
            contact=contact,
        )
        Tip.objects.filter(pk=tip.pk).update(reference=reference)
        tip.reference = reference
        created += 1
        age = (today - received_on).days
        agency, handler = _handler(tip)
        if agency is None or index >= COUNT - 2 or (age < 7 and fate < 0.5):
            continue  # just received, not yet assigned
        # Routed by the police of the area, then worked by the handling agency's officer.
        actions.assign_tip(officer or handler, tip, agency)
        tip.events.filter(action="assigned").update(at=received_at + datetime.timedelta(hours=2))
        verify_at = received_at + datetime.timedelta(days=verify_after)
        if age < 7 or fate < 0.1 or verify_at >= now:
            continue  # assigned, waiting for verification (overdue if old)
        actions.start_verification(handler, tip, note="Giao tổ công tác xác minh.", at=verify_at)
        handle_at = received_at + datetime.timedelta(days=handle_after)
        if fate < 0.25 or handle_at >= now:
            continue  # being verified
        actions.close_tip(handler, tip, outcome, NOTES[outcome], at=handle_at)
    return created
