"""Synthetic commune assessments for the demo province (Nghệ An, code 40): scores and
verdicts are invented, drawn from a fixed seed.

- 2023 and 2024: the old wards and communes that were merged into the first current
  communes (Trường Vinh, Thành Vinh, Cửa Lò, Quế Phong and a few more), all approved, so
  that the trend of those communes reaches back before the 2025 merger;
- 2025: about 30 current communes, approved (most lành mạnh), one returned, two waiting
  for review;
- 2026: Phường Trường Vinh's self-assessment in draft for the demo reporter, and two
  submitted for the demo coordinator to review.

A second call adds nothing.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from lanhmanh.places.models import AdministrativeUnit, Level, UnitSuccession

from . import actions
from .defaults import load_default_set
from .models import Assessment, CriteriaSet, Criterion, Status

PROVINCE_CODE = "40"
FIRST_COMMUNES = ("16690", "16681", "16732", "16738")
MERGED = 8  # current communes whose predecessors get 2023 and 2024 assessments
CURRENT = 30  # current communes assessed for 2025
EVIDENCE = [
    "Biên bản kiểm tra của Ủy ban nhân dân xã.",
    "Kế hoạch số {n}/KH-UBND và báo cáo kết quả thực hiện.",
    "Sổ theo dõi hoạt động tuyên truyền tại các thôn, tổ dân phố.",
    "Báo cáo của Công an xã về tình hình an ninh trật tự.",
    "Danh sách cơ sở kinh doanh dịch vụ và biên bản kiểm tra.",
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


def _points(rng: random.Random, criteria: list[Criterion], healthy: bool) -> dict[int, dict]:
    """Points that classify as asked: lành mạnh with everything near full marks, not
    lành mạnh with a mandatory criterion short (a hotspot found) or a low total."""
    scores = {}
    for criterion in criteria:
        if criterion.mandatory:
            points = criterion.max_points
        else:
            points = criterion.max_points - rng.randint(0, 2)
        scores[criterion.pk] = {
            "points": points,
            "evidence": rng.choice(EVIDENCE).format(n=rng.randint(10, 250)),
        }
    if not healthy:
        failing = rng.choice([c for c in criteria if c.mandatory])
        scores[failing.pk] = {
            "points": rng.randint(0, failing.max_points - 1),
            "evidence": "Trong năm phát hiện hoạt động mại dâm trên địa bàn.",
        }
    return scores


def _plans(rng: random.Random, communes) -> list[tuple]:
    """(commune, year, healthy, status) for every demo assessment, all drawn first."""
    plans = []
    merged = communes[:MERGED]
    links = {}
    for link in UnitSuccession.objects.filter(successor__in=merged).select_related("predecessor"):
        links.setdefault(link.successor_id, []).append(link.predecessor)
    for index, commune in enumerate(merged):
        olds = sorted(links.get(commune.pk, []), key=lambda u: u.code)
        for year in (2023, 2024):
            for old in olds:
                # One old commune of every third successor fails in 2023, so that the
                # successor rule shows; most pass.
                healthy = not (year == 2023 and index % 3 == 1 and old == olds[0])
                healthy = healthy and rng.random() > 0.08
                plans.append((old, year, healthy, Status.APPROVED))
    for index, commune in enumerate(communes[:CURRENT]):
        if index == 1:
            status = Status.RETURNED
        elif index in (5, 6):
            status = Status.SUBMITTED
        else:
            status = Status.APPROVED
        plans.append((commune, 2025, rng.random() > 0.2, status))
    plans.append((communes[0], 2026, True, Status.DRAFT))
    plans.append((communes[1], 2026, True, Status.SUBMITTED))
    plans.append((communes[2], 2026, False, Status.SUBMITTED))
    return plans


@transaction.atomic
def load_demo_assessments(seed: int = 2026) -> int:
    """Create the demo assessments that do not exist yet; the number created."""
    communes = _communes()
    if len(communes) < CURRENT:
        return 0
    load_default_set(CriteriaSet, Criterion)
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
    User = get_user_model()
    coordinator = User.objects.filter(username="coordinator").first()
    reporter = User.objects.filter(username="reporter").first()
    existing = set(Assessment.objects.values_list("commune_id", "year"))
    created = 0
    for commune, year, healthy, status in _plans(rng, communes):
        draw = random.Random(f"{seed}-{commune.system}-{commune.code}-{year}")  # noqa: S311
        if (commune.pk, year) in existing:
            continue
        author = reporter if commune.code == FIRST_COMMUNES[0] and year >= 2025 else coordinator
        assessment = actions.create_assessment(author, commune, year)
        criteria = list(assessment.criteria_set.criteria.all())
        scores = _points(draw, criteria, healthy)
        if status == Status.DRAFT:
            scores = dict(list(scores.items())[:4])  # half done
        actions.save_scores(author, assessment, scores, summary="Dữ liệu minh họa (không có thật).")
        if status != Status.DRAFT:
            actions.submit(author, assessment)
        if status == Status.APPROVED:
            actions.review(coordinator, assessment, actions.APPROVE)
        elif status == Status.RETURNED:
            actions.review(
                coordinator,
                assessment,
                actions.RETURN,
                "Đề nghị bổ sung biên bản kiểm tra cơ sở kinh doanh dịch vụ (tiêu chí 3.2).",
            )
        created += 1
    return created
