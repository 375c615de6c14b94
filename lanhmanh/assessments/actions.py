"""Every change to criteria sets and assessments: views, the API and the demo call these.

Each asks the permission door (``agencies.policy``) itself, so no entry point can differ
from another: the commune (or its coordinating office) opens, scores, submits and
attaches; the coordinating office reviews, reopens and keeps the criteria sets of its
area. ``user`` None is the system itself (a loader), never a request.

The audit log names records by id only; evidence and comments stay out of it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh import uploads
from lanhmanh.agencies import policy
from lanhmanh.places.models import Level
from lanhmanh.validity import is_valid_on

from . import scoring
from .models import (
    EDITABLE,
    Assessment,
    AssessmentAttachment,
    AssessmentEvent,
    AssessmentScore,
    CriteriaSet,
    Criterion,
    Status,
)
from .queries import set_for, year_end

log = logging.getLogger("lanhmanh.audit")

SET_FIELDS = (
    "name",
    "jurisdiction",
    "first_year",
    "last_year",
    "threshold",
    "healthy_label",
    "not_healthy_label",
    "basis",
)
CRITERION_FIELDS = ("group", "code", "text", "max_points", "mandatory", "order")
# What decides a score: these cannot change once a commune has been assessed on the set.
SCORING_FIELDS = ("max_points", "mandatory")


def _uid(user):
    return getattr(user, "pk", None)


def _require(user, action: str, obj) -> None:
    """The door, for every caller but the system itself (``user`` None)."""
    if user is not None:
        policy.require(user, action, obj)


# Criteria sets ----------------------------------------------------------------------


def _rules(criteria) -> list[scoring.Rule]:
    return [
        scoring.Rule(key=c.pk or index, max_points=c.max_points or 0, mandatory=c.mandatory)
        for index, c in enumerate(criteria)
    ]


@transaction.atomic
def save_criteria_set(
    user, criteria_set: CriteriaSet | None, fields: dict, criteria: list[dict]
) -> CriteriaSet:
    """Create or change a criteria set and its whole list of criteria.

    ``criteria`` lists every criterion the set keeps: a dict of ``CRITERION_FIELDS``
    with ``id`` for an existing one. Existing criteria left out are removed. Refused: a
    set that overlaps the years of another set of the same area, a threshold the
    criteria cannot reach, repeated numbers, and — once a commune has been assessed on
    the set — any change to points, the mandatory marks, the threshold or the list of
    criteria (the totals already given would silently change: make a new set for the
    coming years instead).
    """
    unknown = set(fields) - set(SET_FIELDS)
    if unknown:
        raise TypeError(f"unknown criteria set fields: {', '.join(sorted(unknown))}")
    creating = criteria_set is None
    if creating:
        criteria_set = CriteriaSet()
    else:
        # As stored: the office of the set's own area (a form may have changed it).
        _require(user, "criteria.edit", CriteriaSet.objects.get(pk=criteria_set.pk))
    before = {f: getattr(criteria_set, f) for f in ("threshold",)}
    for name, value in fields.items():
        setattr(criteria_set, name, value)
    # And of the area it is saved for (None: a national set, for a national office).
    _require(user, "criteria.edit", criteria_set)
    errors: dict[str, list[str]] = {}
    if criteria_set.jurisdiction_id and criteria_set.jurisdiction.level != Level.PROVINCE:
        errors.setdefault("jurisdiction", []).append(_("Choose a province."))
    try:
        criteria_set.full_clean(exclude=["jurisdiction"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    first, last = criteria_set.first_year, criteria_set.last_year
    if first and last and last < first:
        errors.setdefault("last_year", []).append(
            _("The last year cannot be before the first year.")
        )
    if first and not errors.get("last_year"):
        overlapping = CriteriaSet.objects.filter(
            jurisdiction_id=criteria_set.jurisdiction_id,
        ).filter(Q(last_year__isnull=True) | Q(last_year__gte=first))
        if last is not None:
            overlapping = overlapping.filter(first_year__lte=last)
        if criteria_set.pk:
            overlapping = overlapping.exclude(pk=criteria_set.pk)
        other = overlapping.first()
        if other is not None:
            errors.setdefault("first_year", []).append(
                _("The years overlap those of the set “%(name)s” (%(years)s) of the same area.")
                % {"name": other.name, "years": other.years_label}
            )

    existing = {} if creating else {c.pk: c for c in criteria_set.criteria.all()}
    kept: list[Criterion] = []
    for index, row in enumerate(criteria):
        pk = row.get("id")
        if pk is not None and pk not in existing:
            raise ValidationError({"criteria": [_("A criterion of another set was given.")]})
        criterion = existing.get(pk) or Criterion(criteria_set=criteria_set)
        for name in CRITERION_FIELDS:
            if name in row:
                setattr(criterion, name, row[name])
        if not row.get("order"):
            criterion.order = (index + 1) * 10
        try:
            criterion.full_clean(exclude=["criteria_set"], validate_unique=False)
        except ValidationError as exc:
            for _field, messages in exc.message_dict.items():
                errors.setdefault("criteria", []).extend(
                    f"{criterion.code or index + 1}: {message}" for message in messages
                )
        kept.append(criterion)
    codes = [c.code.strip() for c in kept]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        errors.setdefault("criteria", []).append(
            _("Each criterion needs its own number: %(codes)s are repeated.")
            % {"codes": ", ".join(repeated)}
        )
    if not errors.get("threshold") and criteria_set.threshold is not None:
        problems = scoring.check_set(_rules(kept), criteria_set.threshold)
        if not kept:
            errors.setdefault("criteria", []).append(_("Give the set at least one criterion."))
        elif problems:
            total = sum(c.max_points or 0 for c in kept)
            errors.setdefault("threshold", []).append(
                _("The threshold must lie between 1 and the %(total)s points of the criteria.")
                % {"total": total}
            )
    if criteria_set.pk and criteria_set.assessments.exists():
        removed = set(existing) - {c.pk for c in kept if c.pk}
        changed = any(
            c.pk is None
            or any(
                getattr(c, f) != getattr(Criterion.objects.get(pk=c.pk), f) for f in SCORING_FIELDS
            )
            for c in kept
        )
        if removed or changed or before["threshold"] != criteria_set.threshold:
            errors.setdefault("__all__", []).append(
                _(
                    "Communes have been assessed on this set: its points, mandatory criteria "
                    "and threshold can no longer change (texts can). Create a new set for the "
                    "coming years."
                )
            )
    if errors:
        raise ValidationError(errors)
    criteria_set.save()
    Criterion.objects.filter(criteria_set=criteria_set).exclude(
        pk__in=[c.pk for c in kept if c.pk]
    ).delete()
    # Numbers are unique per set: clear them first, so two criteria may swap numbers.
    for criterion in kept:
        if criterion.pk:
            Criterion.objects.filter(pk=criterion.pk).update(code=f"~{criterion.pk}")
    for criterion in kept:
        criterion.criteria_set = criteria_set
        criterion.code = criterion.code.strip()
        criterion.save()
    log.info(
        "criteria set %s id=%s criteria=%s by user=%s",
        "created" if creating else "updated",
        criteria_set.pk,
        len(kept),
        _uid(user),
    )
    return criteria_set


# Assessments -------------------------------------------------------------------------


def _event(assessment, user, action, comment="", total=None):
    return AssessmentEvent.objects.create(
        assessment=assessment, user=user, action=action, comment=comment, total=total
    )


@transaction.atomic
def create_assessment(user, commune, year: int, summary: str = "") -> Assessment:
    """Open a commune's assessment of ``year`` on the criteria set that applies, with an
    empty score for every criterion."""
    _require(user, "assessment.open", commune)
    errors = {}
    this_year = timezone.localdate().year
    if not isinstance(year, int) or not 2000 <= year <= this_year:
        errors["year"] = [
            _("Give a year between 2000 and %(year)s.") % {"year": this_year},
        ]
    elif commune.level != Level.COMMUNE:
        errors["commune"] = [_("Choose a commune or ward, not a province.")]
    elif not is_valid_on(commune, year_end(year)):
        errors["commune"] = [
            _(
                "%(name)s did not exist at the end of %(year)s: assess the commune of that "
                "time (before 2025, the communes from before the merger)."
            )
            % {"name": commune.name, "year": year}
        ]
    elif Assessment.objects.filter(commune=commune, year=year).exists():
        errors["year"] = [
            _("%(name)s already has an assessment for %(year)s.")
            % {"name": commune.name, "year": year}
        ]
    if errors:
        raise ValidationError(errors)
    criteria_set = set_for(commune, year)
    if criteria_set is None:
        raise ValidationError(
            {"year": [_("No criteria set applies to %(year)s yet.") % {"year": year}]}
        )
    assessment = Assessment.objects.create(
        commune=commune,
        year=year,
        criteria_set=criteria_set,
        summary=summary,
        created_by=user,
    )
    AssessmentScore.objects.bulk_create(
        [AssessmentScore(assessment=assessment, criterion=c) for c in criteria_set.criteria.all()]
    )
    _event(assessment, user, AssessmentEvent.Action.CREATED, total=0)
    log.info(
        "assessment created id=%s commune=%s year=%s by user=%s",
        assessment.pk,
        commune.pk,
        year,
        _uid(user),
    )
    return assessment


def _locked(user, assessment: Assessment) -> Assessment:
    """The assessment as stored, locked, if ``user`` may still change it."""
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(user, "assessment.edit", current)
    if current.status not in EDITABLE:
        raise ValidationError(
            _("This assessment is %(status)s and cannot be changed.")
            % {"status": current.get_status_display().lower()}
        )
    return current


def _rescore(assessment: Assessment) -> scoring.Score:
    scores = list(assessment.scores.select_related("criterion"))
    rules = [
        scoring.Rule(s.criterion_id, s.criterion.max_points, s.criterion.mandatory) for s in scores
    ]
    result = scoring.score(
        rules, {s.criterion_id: s.points for s in scores}, assessment.criteria_set.threshold
    )
    assessment.total, assessment.healthy = result.total, result.healthy
    return result


@transaction.atomic
def save_scores(
    user, assessment: Assessment, scores: dict[int, dict], summary: str | None = None
) -> Assessment:
    """Record points and evidence: ``scores`` maps a criterion id to ``{"points": int
    or None, "evidence": str}`` (either key may be left out). The total and the
    classification are computed again."""
    current = _locked(user, assessment)
    rows = {s.criterion_id: s for s in current.scores.select_related("criterion")}
    errors = []
    for criterion_id, values in scores.items():
        row = rows.get(criterion_id)
        if row is None:
            errors.append(
                _("Criterion %(id)s is not in this assessment's set.") % {"id": criterion_id}
            )
            continue
        if "points" in values:
            points = values["points"]
            try:
                scoring.check_points(scoring.Rule(criterion_id, row.criterion.max_points), points)
            except scoring.ScoreError:
                errors.append(
                    _("%(code)s: give between 0 and %(max)s points.")
                    % {"code": row.criterion.code, "max": row.criterion.max_points}
                )
                continue
            row.points = points
        if "evidence" in values:
            row.evidence = (values["evidence"] or "").strip()
    if errors:
        raise ValidationError({"scores": errors})
    AssessmentScore.objects.bulk_update(list(rows.values()), ["points", "evidence"])
    if summary is not None:
        current.summary = summary.strip()
    _rescore(current)
    current.save()
    _event(current, user, AssessmentEvent.Action.SAVED, total=current.total)
    _copy(current, assessment)
    log.info("assessment saved id=%s by user=%s", current.pk, _uid(user))
    return assessment


def _copy(source: Assessment, target: Assessment) -> None:
    if source is not target:
        target.refresh_from_db()


@transaction.atomic
def submit(user, assessment: Assessment) -> Assessment:
    """Send the assessment to the coordinating office: every criterion must be scored."""
    current = _locked(user, assessment)
    missing = list(
        current.scores.filter(points__isnull=True)
        .order_by("criterion__order", "criterion_id")
        .values_list("criterion__code", flat=True)
    )
    if missing:
        raise ValidationError(
            _("Score every criterion before submitting (missing: %(codes)s).")
            % {"codes": ", ".join(missing)}
        )
    _rescore(current)
    current.status = Status.SUBMITTED
    current.submitted_at = timezone.now()
    current.save()
    _event(current, user, AssessmentEvent.Action.SUBMITTED, total=current.total)
    _copy(current, assessment)
    log.info("assessment submitted id=%s by user=%s", current.pk, _uid(user))
    return assessment


APPROVE, RETURN = "approve", "return"


@transaction.atomic
def review(user, assessment: Assessment, decision: str, comment: str = "") -> Assessment:
    """The coordinating office approves a submitted assessment, or returns it with a
    comment saying what to correct."""
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(user, "assessment.review", current)
    comment = (comment or "").strip()
    if current.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted assessment can be reviewed."))
    if decision not in (APPROVE, RETURN):
        raise ValidationError({"decision": [_("Approve or return the assessment.")]})
    if decision == RETURN and not comment:
        raise ValidationError({"comment": [_("Say what the commune should correct.")]})
    current.status = Status.APPROVED if decision == APPROVE else Status.RETURNED
    current.review_comment = comment
    current.reviewed_at = timezone.now()
    current.reviewed_by = user
    current.save()
    action = (
        AssessmentEvent.Action.APPROVED if decision == APPROVE else AssessmentEvent.Action.RETURNED
    )
    _event(current, user, action, comment=comment, total=current.total)
    _copy(current, assessment)
    log.info("assessment %s id=%s by user=%s", current.status, current.pk, _uid(user))
    return assessment


@transaction.atomic
def reopen(user, assessment: Assessment, comment: str) -> Assessment:
    """The coordinating office takes back an approval (a mistake found later): the
    assessment goes back to the commune as returned, and stops counting."""
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(user, "assessment.review", current)
    comment = (comment or "").strip()
    if current.status != Status.APPROVED:
        raise ValidationError(_("Only an approved assessment can be reopened."))
    if not comment:
        raise ValidationError({"comment": [_("Say why the assessment is reopened.")]})
    current.status = Status.RETURNED
    current.review_comment = comment
    current.save()
    _event(current, user, AssessmentEvent.Action.REOPENED, comment=comment, total=current.total)
    _copy(current, assessment)
    log.info("assessment reopened id=%s by user=%s", current.pk, _uid(user))
    return assessment


@transaction.atomic
def attach_file(user, assessment: Assessment, upload) -> AssessmentAttachment:
    """Join a document of evidence to an assessment the commune may still change."""
    current = _locked(user, assessment)
    try:
        suffix = uploads.check_attachment(upload.name, upload.size)
    except uploads.UploadRefused as exc:
        raise ValidationError(_(exc.template) % exc.params) from exc
    attachment = AssessmentAttachment(
        assessment=current, name=Path(upload.name).name[:255], size=upload.size, uploaded_by=user
    )
    attachment.file.save(f"{current.pk}{suffix}", upload, save=False)
    attachment.save()
    _event(current, user, AssessmentEvent.Action.ATTACHED, comment=attachment.name)
    log.info(
        "assessment attachment id=%s assessment=%s by user=%s",
        attachment.pk,
        current.pk,
        _uid(user),
    )
    return attachment
