"""The national dataset's people stage: people reached by support services, with cases.

Everybody is invented (DESIGN.md, rule 6): names are put together from lists of common
Vietnamese family names, middle names and given names; ID numbers are 12 digits starting
with ``000`` (no province has that code), phones ``0900 …``, addresses end in
"(giả định)". The people-register rules hold as if the actions had recorded them:

- identities are encrypted as ``identity.set_identity`` encrypts them (``crypto.encrypt``
  tokens, one Fernet built once instead of once per field) and carry the same keyed hashes
  (``identity.hashes``), so that the duplicate search finds repeat records; no plaintext is
  stored anywhere, not even in notes;
- a case has the person's consent to case management before any service, and a referral
  the person's consent to that provider (a few cases just opened have no consent yet and
  no service);
- each person has one case, kept by the province's Women's Union under the person's
  commune: open or closed with an outcome, with the needs assessed, own services, referrals
  (referred, accepted, declined, delivered) and follow-ups (due, overdue, done).

Rows go in with ``bulk_create``; no history rows (``CaseEvent``, audit change records) are
written for them, nor duplicate flags: the actions would write them one by one.
"""

from __future__ import annotations

import datetime
import random

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lanhmanh import crypto
from lanhmanh.agencies.models import Agency, AgencyKind, Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.demo.national_computed import analyze
from lanhmanh.people.identity import hashes
from lanhmanh.people.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Case,
    CaseStatus,
    Consent,
    ConsentMethod,
    FollowUp,
    Need,
    Outcome,
    Person,
    Purpose,
    Service,
    ServiceKind,
    ServiceStatus,
    province_prefix,
)
from lanhmanh.text import fold

PEOPLE = 100_000
INTAKE_NOTE = "Tiếp nhận qua tổ dân phố (dữ liệu thử nghiệm quốc gia)."
WITNESS = "Cán bộ Hội Phụ nữ cơ sở (dữ liệu thử nghiệm quốc gia)"  # marks the stage

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lương",
    "Trịnh",
    "Mai",
    "Tạ",
    "Cao",
    "Lâm",
    "Hà",
    "Chu",
    "Kiều",
    "Quách",
    "Thái",
    "Triệu",
    "Đàm",
]
MIDDLE = [
    "Thị",
    "Thị Thu",
    "Thị Minh",
    "Thị Ngọc",
    "Thị Hồng",
    "Thị Thanh",
    "Thị Kim",
    "Thị Bích",
    "Thị Thúy",
    "Thị Mỹ",
    "Ngọc",
    "Minh",
    "Thanh",
    "Thu",
    "Hồng",
    "Khánh",
    "Bảo",
    "Văn",
    "Đức",
    "Quang",
]
GIVEN = [
    "Lan",
    "Hoa",
    "Mai",
    "Hương",
    "Trang",
    "Thảo",
    "Linh",
    "Hạnh",
    "Yến",
    "Nhung",
    "Hằng",
    "Nga",
    "Phương",
    "Huyền",
    "Loan",
    "Vân",
    "Ngân",
    "Hà",
    "Thủy",
    "Oanh",
    "Quyên",
    "Giang",
    "Hiền",
    "Duyên",
    "Trinh",
    "Nhi",
    "Tâm",
    "Châu",
    "Ly",
    "My",
    "Vy",
    "Diệp",
    "Liên",
    "Tuyết",
    "Xuân",
    "Dung",
    "Anh",
    "Hải",
    "Nam",
    "Tuấn",
    "Hùng",
]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Du", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt"]

#: (provider name prefix, kind, services it gives), the case team first.
TEAM = ("Hội Liên hiệp Phụ nữ", AgencyKind.MASS_ORGANISATION)
PROVIDERS = (
    (
        "Sở Y tế",
        AgencyKind.DEPARTMENT,
        (ServiceKind.HEALTH_CHECK, ServiceKind.HIV_STI, ServiceKind.METHADONE),
    ),
    ("Sở Tư pháp", AgencyKind.DEPARTMENT, (ServiceKind.LEGAL_AID,)),
    (
        "Trung tâm Công tác xã hội",
        AgencyKind.SERVICE_PROVIDER,
        (ServiceKind.VOCATIONAL_TRAINING, ServiceKind.JOB_PLACEMENT, ServiceKind.SHELTER),
    ),
)
OWN = (ServiceKind.COUNSELLING, ServiceKind.PREFERENTIAL_LOAN, ServiceKind.COUNSELLING)


def generate_people(provinces, communes, fraction: float, seed: int, insert) -> dict:
    """People, consents, cases, services and follow-ups spread over the communes, once."""
    # Case notes are encrypted, so the stage is recognised by a consent's plain witness.
    if Consent.objects.filter(witness=WITNESS).exists():
        return {}
    rng = random.Random(f"{seed}-people")  # noqa: S311 - reproducible synthetic data
    total = max(1, round(PEOPLE * fraction))
    today = timezone.localdate()
    fernet = Fernet(settings.DATA_KEYS[0])

    def encrypt(text: str) -> str:
        # What crypto.encrypt gives, without building a Fernet for every field.
        return crypto.PREFIX + fernet.encrypt(text.encode()).decode() if text else ""

    with transaction.atomic():
        agencies = _agencies(provinces)
        prefixes = {p.pk: province_prefix(p) for p in provinces}
        taken = set(Person.objects.values_list("code", flat=True))
        picked = [rng.choice(communes) for _ in range(total)]
        first_id = rng.randrange(10**8)
        people, places = [], []
        for n, (commune_id, province_id) in enumerate(picked):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            # 12 digits from 000, distinct for every n (7919 is prime to 10^9)
            id_number = f"000{(first_id + n * 7919) % 10**9:09d}"
            year = rng.randint(1975, 2007)
            birth = (
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                if rng.random() < 0.6
                else str(year)
            )
            phone = f"0900 {n // 1000 % 1000:03d} {n % 1000:03d}" if rng.random() < 0.8 else ""
            address = (
                f"Số {rng.randint(1, 300)} đường {rng.choice(STREETS)}, "
                f"tổ {rng.randint(1, 20)} (giả định)"
            )
            code = ""
            while not code or code in taken:
                code = f"{prefixes[province_id]}-" + "".join(
                    rng.choices(CODE_ALPHABET, k=CODE_LENGTH)
                )
            taken.add(code)
            draw = rng.random()
            person = Person(
                code=code,
                commune_id=commune_id,
                sells_sex=draw < 0.75,
                trafficking_returnee=draw >= 0.75 and draw < 0.9,
                at_risk=draw >= 0.9 or rng.random() < 0.1,
                full_name_enc=encrypt(name),
                id_number_enc=encrypt(id_number),
                birth_date_enc=encrypt(birth),
                phone_enc=encrypt(phone),
                address_enc=encrypt(address),
                **hashes(name, id_number, birth),
            )
            people.append(person)
            places.append((commune_id, province_id))
        people = insert(Person, iter(people), total, "people")
        made = _cases(people, places, agencies, today, rng, insert)
        analyze(Person, Case, Consent, Service, FollowUp)
    return {"people": len(people), **made}


def _agencies(provinces) -> dict[int, dict[str, int]]:
    """province pk → {"team": pk, provider prefix: pk}, made where missing (under the names
    the reports stage gives the same agencies)."""
    wanted = [TEAM[:2], *(p[:2] for p in PROVIDERS)]
    existing = {
        (kind, jurisdiction, name): pk
        for pk, kind, jurisdiction, name in Agency.objects.filter(
            jurisdiction__in=provinces
        ).values_list("pk", "kind", "jurisdiction_id", "name")
    }
    new = []
    for province in provinces:
        for prefix, kind in wanted:
            name = f"{prefix} {province.name}"
            if (kind, province.pk, name) not in existing:
                new.append(
                    Agency(
                        name=name,
                        name_search=fold(name),
                        short_name_search="",
                        kind=kind,
                        jurisdiction_id=province.pk,
                    )
                )
    for agency in Agency.objects.bulk_create(new):
        existing[(agency.kind, agency.jurisdiction_id, agency.name)] = agency.pk
    return {
        province.pk: {
            ("team" if prefix == TEAM[0] else prefix): existing[
                (kind, province.pk, f"{prefix} {province.name}")
            ]
            for prefix, kind in wanted
        }
        for province in provinces
    }


def _cases(people, places, agencies, today, rng, insert) -> dict:
    cases, consents, services, follow_ups = [], [], [], []
    # services: (case index, provider pk, kind, referred_on, status, responded_on)
    for person, (commune_id, province_id) in zip(people, places, strict=True):
        mine = agencies[province_id]
        opened = today - datetime.timedelta(days=rng.randint(1, 3 * 365))
        fresh = (today - opened).days < 30 and rng.random() < 0.5
        closed = not fresh and rng.random() < 0.3
        closed_on = (
            min(today, opened + datetime.timedelta(days=rng.randint(30, 400))) if closed else None
        )
        cases.append(
            Case(
                person_id=person.pk,
                team_id=mine["team"],
                commune_id=commune_id,
                status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                opened_on=opened,
                intake_note=INTAKE_NOTE,
                needs=[] if fresh else rng.sample(list(Need.values), k=rng.randint(1, 3)),
                assessment_note="" if fresh else "Đánh giá nhu cầu tại buổi gặp đầu tiên.",
                plan="" if fresh else "Tư vấn, kết nối dịch vụ y tế, pháp lý và học nghề.",
                closed_on=closed_on,
                outcome=rng.choice(Outcome.values) if closed else "",
            )
        )
        index = len(cases) - 1
        if fresh:
            continue  # just opened: no consent yet, nothing recorded
        given = min(today, opened + datetime.timedelta(days=1))
        last = closed_on or today
        consents.append(
            Consent(
                person_id=person.pk,
                purpose=Purpose.CASE_MANAGEMENT,
                given_on=given,
                method=ConsentMethod.WRITTEN,
            )
        )
        referrals = []
        services.append((index, mine["team"], rng.choice(OWN), given, "delivered", given))
        if rng.random() < 0.6:
            prefix, _kind, kinds = rng.choice(PROVIDERS)
            provider = mine[prefix]
            consents.append(
                Consent(
                    person_id=person.pk,
                    purpose=Purpose.REFERRAL,
                    agency_id=provider,
                    given_on=given,
                    method=ConsentMethod.VERBAL,
                    witness=WITNESS,
                )
            )
            referred = min(last, given + datetime.timedelta(days=rng.randint(1, 20)))
            answer = min(last, referred + datetime.timedelta(days=rng.randint(1, 10)))
            draw = rng.random()
            status = (
                ServiceStatus.REFERRED
                if draw < 0.15 and not closed
                else ServiceStatus.DECLINED
                if draw < 0.25
                else ServiceStatus.ACCEPTED
                if draw < 0.5
                else ServiceStatus.DELIVERED
            )
            referrals.append(
                (
                    index,
                    provider,
                    rng.choice(kinds),
                    referred,
                    status,
                    None if status == ServiceStatus.REFERRED else answer,
                )
            )
        services.extend(referrals)
        for _ in range(rng.randint(1, 2)):
            due = min(
                last + datetime.timedelta(days=30),
                given + datetime.timedelta(days=rng.randint(7, max(8, (last - given).days + 30))),
            )
            done = due if (due <= today and (closed or rng.random() < 0.7)) else None
            follow_ups.append((index, due, done))
    cases = insert(Case, iter(cases), len(cases), "cases")
    insert(Consent, iter(consents), len(consents), "consents", keep=False)
    insert(
        Service,
        (
            Service(
                case_id=cases[index].pk,
                kind=kind,
                provider_id=provider,
                referred_on=referred,
                status=status,
                responded_on=responded,
            )
            for index, provider, kind, referred, status, responded in services
        ),
        len(services),
        "services",
        keep=False,
    )
    insert(
        FollowUp,
        (
            FollowUp(
                case_id=cases[index].pk,
                due_on=due,
                done_on=done,
                note="Thăm hỏi tại nhà." if done is None else "Đã gặp, tình hình ổn định.",
            )
            for index, due, done in follow_ups
        ),
        len(follow_ups),
        "follow-ups",
        keep=False,
    )
    # Each case's team: the case workers of its agency (as migration people 0002 did).
    workers: dict[int, list[int]] = {}
    for agency_id, user_id in Membership.objects.filter(role=Role.CASE_WORKER).values_list(
        "agency_id", "user_id"
    ):
        workers.setdefault(agency_id, []).append(user_id)
    Member = Case.members.through
    Member.objects.bulk_create(
        [Member(case_id=c.pk, user_id=u) for c in cases for u in workers.get(c.team_id, [])],
        batch_size=2000,
    )
    return {
        "cases": len(cases),
        "consents": len(consents),
        "services": len(services),
        "follow_ups": len(follow_ups),
    }
