"""Opening, scoring, submitting and reviewing assessments; keeping criteria sets."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lanhmanh.assessments import actions
from lanhmanh.assessments.models import Assessment, AssessmentEvent, CriteriaSet, Status
from lanhmanh.places.models import Level, System, UnitSuccession
from lanhmanh.testing import unit

from .factories import default_set, full_points, make_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return default_set()


@pytest.fixture
def old_commune(cast):
    """Phường Trường Thi, one of the old wards merged into Phường Trường Vinh in 2025."""
    return UnitSuccession.objects.get(successor=cast.commune, predecessor__code="16690").predecessor


def test_open_scores_every_criterion_empty(cast, national):
    user = cast.in_commune["reporter"]
    assessment = actions.create_assessment(user, cast.commune, 2025)
    assert assessment.criteria_set == national
    assert assessment.status == Status.DRAFT
    assert assessment.scores.count() == national.criteria.count() == 10
    assert not assessment.scores.exclude(points=None).exists()
    assert list(assessment.events.values_list("action", flat=True)) == ["created"]


def test_one_assessment_per_commune_per_year(cast, national):
    user = cast.in_commune["reporter"]
    actions.create_assessment(user, cast.commune, 2025)
    with pytest.raises(ValidationError) as info:
        actions.create_assessment(user, cast.commune, 2025)
    assert "year" in info.value.message_dict


def test_a_year_before_the_merger_is_assessed_on_the_old_commune(cast, national, old_commune):
    user = cast.inside["coordinator"]
    with pytest.raises(ValidationError) as info:
        actions.create_assessment(user, cast.commune, 2024)
    assert "commune" in info.value.message_dict
    assessment = actions.create_assessment(user, old_commune, 2024)
    assert assessment.commune.system == System.THREE_TIER
    with pytest.raises(ValidationError):
        actions.create_assessment(user, old_commune, 2025)  # gone by the end of 2025


def test_future_years_and_provinces_are_refused(cast, national):
    user = cast.inside["coordinator"]
    with pytest.raises(ValidationError):
        actions.create_assessment(user, cast.commune, datetime.date.today().year + 1)
    with pytest.raises(ValidationError):
        actions.create_assessment(user, cast.province, 2025)


def test_scores_compute_total_and_classification(cast, national):
    user = cast.in_commune["reporter"]
    assessment = actions.create_assessment(user, cast.commune, 2025)
    points = full_points(assessment)
    actions.save_scores(user, assessment, points, summary="Tóm tắt")
    assert (assessment.total, assessment.healthy) == (100, True)
    # The hotspot criterion (mandatory, 15 points) at 10: 95 points, and not lành mạnh.
    hotspot = national.criteria.get(code="3.1")
    actions.save_scores(user, assessment, {hotspot.pk: {"points": 10}})
    assessment.refresh_from_db()
    assert (assessment.total, assessment.healthy) == (95, False)
    assert assessment.classification == "Chưa đạt"
    assert assessment.scores.get(criterion=hotspot).evidence == "Biên bản kiểm tra."


def test_points_above_the_criterion_maximum_are_refused_and_nothing_changes(cast, national):
    user = cast.in_commune["reporter"]
    assessment = actions.create_assessment(user, cast.commune, 2025)
    first, second = national.criteria.order_by("order")[:2]
    with pytest.raises(ValidationError) as info:
        actions.save_scores(user, assessment, {first.pk: {"points": 5}, second.pk: {"points": 11}})
    assert "1.2" in info.value.message_dict["scores"][0]
    assert not assessment.scores.exclude(points=None).exists()


def test_submit_needs_every_criterion_scored(cast, national):
    user = cast.in_commune["reporter"]
    assessment = actions.create_assessment(user, cast.commune, 2025)
    with pytest.raises(ValidationError):
        actions.submit(user, assessment)
    actions.save_scores(user, assessment, full_points(assessment))
    actions.submit(user, assessment)
    assert assessment.status == Status.SUBMITTED
    with pytest.raises(ValidationError):
        actions.save_scores(user, assessment, full_points(assessment))  # locked now


def test_review_returns_with_a_comment_then_approves(cast, national):
    reporter, coordinator = cast.in_commune["reporter"], cast.inside["coordinator"]
    assessment = make_assessment(reporter, cast.commune, 2025, status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as info:
        actions.review(coordinator, assessment, actions.RETURN, "  ")
    assert "comment" in info.value.message_dict
    actions.review(coordinator, assessment, actions.RETURN, "Thiếu biên bản.")
    assert assessment.status == Status.RETURNED
    actions.save_scores(reporter, assessment, full_points(assessment))  # editable again
    actions.submit(reporter, assessment)
    actions.review(coordinator, assessment, actions.APPROVE)
    assert assessment.status == Status.APPROVED
    assert assessment.reviewed_by == coordinator
    with pytest.raises(ValidationError):
        actions.review(coordinator, assessment, actions.APPROVE)
    assert list(assessment.events.order_by("at", "pk").values_list("action", flat=True)) == [
        "created",
        "saved",
        "submitted",
        "returned",
        "saved",
        "submitted",
        "approved",
    ]
    actions.reopen(coordinator, assessment, "Phát hiện tụ điểm sau khi công nhận.")
    assert assessment.status == Status.RETURNED
    assert assessment.events.last().action == AssessmentEvent.Action.REOPENED


def test_attachments_checked_and_only_while_editable(cast, national, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = cast.in_commune["reporter"]
    assessment = actions.create_assessment(user, cast.commune, 2025)
    with pytest.raises(ValidationError):
        actions.attach_file(user, assessment, SimpleUploadedFile("x.exe", b"MZ"))
    attachment = actions.attach_file(
        user, assessment, SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test")
    )
    assert attachment.name == "bien-ban.pdf" and attachment.size == 13
    actions.save_scores(user, assessment, full_points(assessment))
    actions.submit(user, assessment)
    with pytest.raises(ValidationError):
        actions.attach_file(user, assessment, SimpleUploadedFile("b.pdf", b"%PDF"))


# Criteria sets -----------------------------------------------------------------------

CRITERIA = [
    {"group": "A", "code": "1", "text": "Một", "max_points": 60, "mandatory": True},
    {"group": "A", "code": "2", "text": "Hai", "max_points": 40, "mandatory": False},
]


def set_fields(**changes):
    fields = {
        "name": "Bộ tiêu chí tỉnh Nghệ An",
        "jurisdiction": unit("40"),
        "first_year": 2026,
        "last_year": None,
        "threshold": 70,
        "healthy_label": "Lành mạnh",
        "not_healthy_label": "Chưa đạt",
        "basis": "",
    }
    fields.update(changes)
    return fields


def test_a_province_set_replaces_the_national_one_in_its_years(cast, national):
    user = cast.inside["coordinator"]
    own = actions.save_criteria_set(user, None, set_fields(), CRITERIA)
    assert [c.code for c in own.criteria.all()] == ["1", "2"]
    assert actions.create_assessment(user, cast.commune, 2026).criteria_set == own
    assert actions.create_assessment(user, cast.commune, 2025).criteria_set == national
    # A commune of another province keeps the national set.
    ha_tinh_commune = cast.other_province.children.filter(level=Level.COMMUNE).first()
    assert (
        actions.create_assessment(cast.outside["coordinator"], ha_tinh_commune, 2026).criteria_set
        == national
    )


@pytest.mark.parametrize(
    "changes, criteria, field",
    [
        ({"threshold": 101}, CRITERIA, "threshold"),
        ({"last_year": 2020}, CRITERIA, "last_year"),
        ({}, [], "criteria"),
        ({}, [CRITERIA[0], {**CRITERIA[1], "code": "1"}], "criteria"),
        ({}, [{**CRITERIA[0], "max_points": 0}], "criteria"),
    ],
)
def test_bad_sets_are_refused(cast, changes, criteria, field):
    with pytest.raises(ValidationError) as info:
        actions.save_criteria_set(cast.inside["coordinator"], None, set_fields(**changes), criteria)
    assert field in info.value.message_dict
    assert not CriteriaSet.objects.filter(jurisdiction=cast.province).exists()


def test_years_of_sets_of_one_area_may_not_overlap(cast):
    user = cast.inside["coordinator"]
    actions.save_criteria_set(user, None, set_fields(first_year=2020, last_year=2025), CRITERIA)
    with pytest.raises(ValidationError) as info:
        actions.save_criteria_set(user, None, set_fields(first_year=2025), CRITERIA)
    assert "first_year" in info.value.message_dict
    actions.save_criteria_set(user, None, set_fields(first_year=2026), CRITERIA)


def test_a_set_in_use_keeps_its_points_but_texts_may_change(cast):
    user = cast.inside["coordinator"]
    own = actions.save_criteria_set(user, None, set_fields(), CRITERIA)
    actions.create_assessment(user, cast.commune, 2026)
    rows = [
        {**c, "id": pk}
        for c, pk in zip(CRITERIA, own.criteria.values_list("pk", flat=True), strict=True)
    ]
    with pytest.raises(ValidationError):
        actions.save_criteria_set(user, own, {}, [rows[0], {**rows[1], "max_points": 30}])
    with pytest.raises(ValidationError):
        actions.save_criteria_set(user, own, {"threshold": 60}, rows)
    with pytest.raises(ValidationError):
        actions.save_criteria_set(user, own, {}, rows[:1])
    actions.save_criteria_set(user, own, {}, [rows[0], {**rows[1], "text": "Hai (sửa lời)"}])
    assert own.criteria.get(code="2").text == "Hai (sửa lời)"
    assert Assessment.objects.get().scores.count() == 2
