"""The national dataset's assessment stage: every commune's "lành mạnh" assessment of last
year and of this year, scored under the criteria set that applies (the province's own, else
the national one, loaded if missing), classified by :func:`assessments.scoring.score`, and
mostly reviewed by the coordinating office: last year's nearly all approved, this year's
partly still submitted, returned or in draft.

Assessments a commune already has (the demo's, say) are left alone. Rows go in with
``bulk_create``; no history rows (``AssessmentEvent``) are written for them.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lanhmanh.assessments import scoring
from lanhmanh.assessments.defaults import load_default_set
from lanhmanh.assessments.demo import EVIDENCE
from lanhmanh.assessments.models import (
    Assessment,
    AssessmentScore,
    CriteriaSet,
    Criterion,
    Status,
)
from lanhmanh.demo.national_computed import analyze

SUMMARY = "Tự đánh giá của Ủy ban nhân dân xã (dữ liệu thử nghiệm quốc gia)."  # marks the stage


def generate_assessments(provinces, communes, fraction: float, seed: int, insert) -> dict:
    """Assessments of last year and this year for the communes of each province, once."""
    if Assessment.objects.filter(summary=SUMMARY).exists():
        return {}
    rng = random.Random(f"{seed}-assessments")  # noqa: S311 - reproducible synthetic data
    today = timezone.localdate()
    years = (today.year - 1, today.year)
    with transaction.atomic():
        load_default_set(CriteriaSet, Criterion)
        criteria: dict[int, list[Criterion]] = {}
        for criterion in Criterion.objects.order_by("criteria_set_id", "order", "pk"):
            criteria.setdefault(criterion.criteria_set_id, []).append(criterion)
        sets = {}
        for year in years:
            covering = CriteriaSet.objects.filter(first_year__lte=year).filter(
                Q(last_year__isnull=True) | Q(last_year__gte=year)
            )
            national = covering.filter(jurisdiction__isnull=True).order_by("-first_year", "-pk")
            for province in provinces:
                own = covering.filter(jurisdiction=province).order_by("-first_year", "-pk")
                chosen = own.first() or national.first()
                if chosen is not None:
                    sets[(province.pk, year)] = chosen
        existing = set(Assessment.objects.values_list("commune_id", "year"))
        by_province: dict[int, list[int]] = {}
        for commune_id, province_id in communes:
            by_province.setdefault(province_id, []).append(commune_id)
        rows, scores = [], []
        for province in provinces:
            mine = by_province.get(province.pk, [])
            for commune_id in mine[: max(1, round(len(mine) * fraction))]:
                for year in years:
                    criteria_set = sets.get((province.pk, year))
                    if criteria_set is None or (commune_id, year) in existing:
                        continue
                    rules = criteria[criteria_set.pk]
                    points = _points(rng, rules, healthy=rng.random() < 0.82)
                    result = scoring.score(
                        [scoring.Rule(c.pk, c.max_points, c.mandatory) for c in rules],
                        {key: value for key, (value, _evidence) in points.items()},
                        criteria_set.threshold,
                    )
                    status = _status(rng, year == today.year)
                    submitted = reviewed = None
                    if status != Status.DRAFT:
                        day = (
                            datetime.date(year + 1, 1, 10)
                            if year < today.year
                            else today - datetime.timedelta(days=20)
                        ) + datetime.timedelta(days=rng.randint(0, 10))
                        submitted = _at(min(day, today), 9)
                        if status in (Status.APPROVED, Status.RETURNED):
                            reviewed = _at(min(day + datetime.timedelta(days=7), today), 15)
                    rows.append(
                        Assessment(
                            commune_id=commune_id,
                            year=year,
                            criteria_set=criteria_set,
                            status=status,
                            total=result.total,
                            healthy=result.healthy,
                            summary=SUMMARY,
                            review_comment="Đề nghị bổ sung biên bản kiểm tra."
                            if status == Status.RETURNED
                            else "",
                            submitted_at=submitted,
                            reviewed_at=reviewed,
                        )
                    )
                    scores.append(points)
        made = insert(Assessment, iter(rows), len(rows), "assessments")
        total = sum(len(points) for points in scores)
        insert(
            AssessmentScore,
            (
                AssessmentScore(
                    assessment_id=assessment.pk,
                    criterion_id=key,
                    points=value,
                    evidence=evidence,
                )
                for assessment, points in zip(made, scores, strict=True)
                for key, (value, evidence) in points.items()
            ),
            total,
            "assessment scores",
            keep=False,
        )
        analyze(Assessment, AssessmentScore)
    return {"assessments": len(made), "assessment_scores": total}


def _status(rng: random.Random, this_year: bool) -> str:
    draw = rng.random()
    if not this_year:
        return Status.APPROVED if draw < 0.95 else Status.SUBMITTED
    if draw < 0.65:
        return Status.APPROVED
    if draw < 0.8:
        return Status.SUBMITTED
    if draw < 0.85:
        return Status.RETURNED
    return Status.DRAFT


def _points(rng: random.Random, criteria: list[Criterion], healthy: bool) -> dict:
    """criterion pk → (points, evidence): near full marks for a commune meant to pass, a
    mandatory criterion short (a hotspot found) for one meant to fail."""
    points = {}
    for criterion in criteria:
        earned = criterion.max_points
        if not criterion.mandatory:
            earned = max(0, earned - rng.randint(0, 2))
        points[criterion.pk] = (earned, rng.choice(EVIDENCE).format(n=rng.randint(10, 250)))
    mandatory = [c for c in criteria if c.mandatory]
    if not healthy and mandatory:
        failing = rng.choice(mandatory)
        points[failing.pk] = (
            rng.randint(0, failing.max_points - 1),
            "Trong năm phát hiện hoạt động mại dâm trên địa bàn.",
        )
    return points


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)
