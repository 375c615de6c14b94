"""Helpers for the assessment tests: the default set, and assessments in any state."""

from __future__ import annotations

from lanhmanh.assessments import actions
from lanhmanh.assessments.defaults import load_default_set
from lanhmanh.assessments.models import CriteriaSet, Criterion, Status


def default_set() -> CriteriaSet:
    """The national default set (browser tests flush the table the migration filled)."""
    return load_default_set(CriteriaSet, Criterion) or CriteriaSet.objects.get(
        jurisdiction__isnull=True, name__startswith="Bộ tiêu chí"
    )


def full_points(assessment) -> dict[int, dict]:
    return {
        s.criterion_id: {"points": s.criterion.max_points, "evidence": "Biên bản kiểm tra."}
        for s in assessment.scores.select_related("criterion")
    }


def make_assessment(user, commune, year, healthy=True, status=Status.APPROVED, reviewer=None):
    """An assessment scored full marks (healthy) or with a mandatory criterion at zero."""
    assessment = actions.create_assessment(user, commune, year)
    points = full_points(assessment)
    if not healthy:
        mandatory = next(
            s.criterion_id
            for s in assessment.scores.select_related("criterion")
            if s.criterion.mandatory
        )
        points[mandatory]["points"] = 0
    actions.save_scores(user, assessment, points)
    if status in (Status.SUBMITTED, Status.APPROVED, Status.RETURNED):
        actions.submit(user, assessment)
    if status == Status.APPROVED:
        actions.review(reviewer or user, assessment, actions.APPROVE)
    elif status == Status.RETURNED:
        actions.review(reviewer or user, assessment, actions.RETURN, "Bổ sung minh chứng.")
    return assessment
