"""Commune assessments under /api/v1/: list, one, open, score (and submit), review —
with the web's scoping, the same door (``agencies.policy``) and the same actions.
Registered by ``lanhmanh.api.api``."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status as HttpStatus

from lanhmanh.agencies.policy import can
from lanhmanh.api.problems import Problem, problem

from . import actions
from .models import Status
from .queries import (
    assessments_for_user,
    communes_for_user,
    filter_assessments,
    get_assessment_for_user,
)

router = Router(tags=["assessments"])


class AssessmentOut(Schema):
    id: int
    commune_id: int
    commune_name: str = Field(alias="commune.name")
    year: int
    criteria_set_id: int
    status: str
    total: int
    threshold: int = Field(alias="criteria_set.threshold")
    healthy: bool
    classification: str
    summary: str
    review_comment: str
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ScoreOut(Schema):
    criterion_id: int
    code: str = Field(alias="criterion.code")
    group: str = Field(alias="criterion.group")
    text: str = Field(alias="criterion.text")
    max_points: int = Field(alias="criterion.max_points")
    mandatory: bool = Field(alias="criterion.mandatory")
    points: int | None
    evidence: str


class EventOut(Schema):
    action: str
    at: datetime.datetime
    comment: str
    total: int | None


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    uploaded_at: datetime.datetime


class AssessmentDetailOut(AssessmentOut):
    scores: list[ScoreOut]
    history: list[EventOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_scores(assessment):
        return list(
            assessment.scores.select_related("criterion").order_by(
                "criterion__order", "criterion_id"
            )
        )

    @staticmethod
    def resolve_history(assessment):
        return list(assessment.events.order_by("at", "pk"))

    @staticmethod
    def resolve_attachments(assessment):
        return list(assessment.attachments.all())


class AssessmentFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    status: Status | None = None
    healthy: bool | None = Field(None, description="classification (any status)")
    commune: int | None = Field(None, description="id of the commune")
    q: str = Field("", max_length=100, description="commune name; diacritics optional")


class ScoreIn(Schema):
    criterion_id: int
    points: int | None = Field(None, ge=0, le=1000)
    evidence: str = Field("", max_length=5000)


class AssessmentIn(Schema):
    commune: int = Field(..., description="id of a commune that existed at the end of the year")
    year: int = Field(..., ge=2000, le=2100)
    summary: str = Field("", max_length=5000)
    scores: list[ScoreIn] = []
    submit: bool = Field(False, description="send for review once scored")


class AssessmentPatch(Schema):
    summary: str | None = Field(None, max_length=5000)
    scores: list[ScoreIn] = []
    submit: bool = False


class ReviewIn(Schema):
    decision: str = Field(..., pattern="^(approve|return)$")
    comment: str = Field("", max_length=5000)


def _scores(items: list[ScoreIn]) -> dict[int, dict]:
    return {s.criterion_id: {"points": s.points, "evidence": s.evidence} for s in items}


@router.get("/assessments", response=list[AssessmentOut], summary="Assessments you can see")
@paginate(LimitOffsetPagination)
def list_assessments(request, filters: Query[AssessmentFilters]):
    if not can(request.user, "assessment.read"):
        raise PermissionDenied  # as the page: 403 with a reason, not an empty list
    assessments = filter_assessments(
        assessments_for_user(request.user).select_related("commune", "criteria_set"),
        year=filters.year,
        q=filters.q,
        status=filters.status.value if filters.status else "",
        result="" if filters.healthy is None else "healthy" if filters.healthy else "not_healthy",
    )
    if filters.commune is not None:
        assessments = assessments.filter(commune_id=filters.commune)
    return assessments.order_by("-year", "commune__name_search", "pk")


@router.get("/assessments/{assessment_id}", response=AssessmentDetailOut, summary="One assessment")
def get_assessment(request, assessment_id: int):
    return get_assessment_for_user(request.user, assessment_id)


@router.post(
    "/assessments",
    response={201: AssessmentDetailOut, 400: Problem, 403: Problem},
    summary="Open a commune's assessment of a year (and score it)",
)
def create_assessment(request, data: AssessmentIn):
    if not can(request.user, "assessment.open"):
        return HttpStatus(403, {"detail": "Your role does not allow preparing assessments."})
    commune = communes_for_user(request.user, data.year, write=True).filter(pk=data.commune).first()
    if commune is None:
        return HttpStatus(
            400,
            {
                "detail": "No such commune in your area for that year.",
                "errors": {
                    "commune": [
                        "Give the id of a commune in your area that existed at the end of "
                        "the year (before 2025: an old commune)."
                    ]
                },
            },
        )
    try:
        with transaction.atomic():
            assessment = actions.create_assessment(request.user, commune, data.year, data.summary)
            if data.scores:
                actions.save_scores(request.user, assessment, _scores(data.scores))
            if data.submit:
                actions.submit(request.user, assessment)
    except ValidationError as exc:
        return problem(exc)
    return HttpStatus(201, get_assessment_for_user(request.user, assessment.pk))


@router.patch(
    "/assessments/{assessment_id}",
    response={200: AssessmentDetailOut, 400: Problem, 403: Problem},
    summary="Score a draft or returned assessment (and submit it)",
)
def update_assessment(request, assessment_id: int, data: AssessmentPatch):
    try:
        assessment = get_assessment_for_user(request.user, assessment_id, action="assessment.edit")
    except PermissionDenied:
        return HttpStatus(403, {"detail": "Your role does not allow changing this assessment."})
    try:
        with transaction.atomic():
            if data.scores or data.summary is not None:
                actions.save_scores(
                    request.user, assessment, _scores(data.scores), summary=data.summary
                )
            if data.submit:
                actions.submit(request.user, assessment)
    except ValidationError as exc:
        return problem(exc)
    return HttpStatus(200, get_assessment_for_user(request.user, assessment.pk))


@router.post(
    "/assessments/{assessment_id}/review",
    response={200: AssessmentDetailOut, 400: Problem, 403: Problem},
    summary="Approve a submitted assessment, or return it (coordinating office)",
)
def review_assessment(request, assessment_id: int, data: ReviewIn):
    try:
        assessment = get_assessment_for_user(
            request.user, assessment_id, action="assessment.review"
        )
    except PermissionDenied:
        return HttpStatus(403, {"detail": "Only the coordinating office reviews assessments."})
    try:
        actions.review(request.user, assessment, data.decision, data.comment)
    except ValidationError as exc:
        return problem(exc)
    return HttpStatus(200, get_assessment_for_user(request.user, assessment.pk))
