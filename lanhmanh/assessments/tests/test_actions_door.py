"""The assessments' actions ask the door themselves: the commune (and its coordinating
office) prepares, the coordinating office decides and keeps the criteria; whoever calls
an action with a user who may not, nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from lanhmanh.agencies.roles import Role
from lanhmanh.assessments import actions
from lanhmanh.assessments.models import (
    Assessment,
    AssessmentAttachment,
    AssessmentEvent,
    AssessmentScore,
    CriteriaSet,
    Criterion,
    Status,
)
from lanhmanh.testing import unit

from .factories import default_set, full_points

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def national():
    return default_set()


def state():
    return (
        sorted(Assessment.objects.values_list("pk", "status", "total", "summary")),
        sorted(AssessmentScore.objects.values_list("pk", "points", "evidence")),
        AssessmentEvent.objects.count(),
        AssessmentAttachment.objects.count(),
        sorted(CriteriaSet.objects.values_list("pk", "name", "jurisdiction_id", "threshold")),
        sorted(Criterion.objects.values_list("pk", "text", "max_points")),
    )


def refused(call):
    before = state()
    with pytest.raises(PermissionDenied):
        call()
    assert state() == before


@pytest.fixture
def draft(cast, national):
    return actions.create_assessment(cast.in_commune[Role.REPORTER], cast.commune, YEAR)


@pytest.mark.parametrize(
    "who",
    [
        ("in_commune", Role.VIEWER),
        ("inside", Role.INSPECTOR),
        ("outside", Role.REPORTER),  # another province
        ("outside", Role.COORDINATOR),
    ],
)
def test_preparing_needs_the_commune_or_its_office(cast, draft, who, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = getattr(cast, who[0])[who[1]]
    refused(lambda: actions.create_assessment(user, cast.commune, YEAR + 1))
    refused(lambda: actions.save_scores(user, draft, full_points(draft), summary="Trái phép"))
    actions.save_scores(cast.in_commune[Role.REPORTER], draft, full_points(draft))
    refused(lambda: actions.submit(user, draft))
    refused(lambda: actions.attach_file(user, draft, SimpleUploadedFile("b.pdf", b"%PDF-1.4 x")))


@pytest.mark.parametrize(
    "who",
    [
        ("in_commune", Role.REPORTER),  # the commune prepares; it does not decide
        ("inside", Role.REPORTER),
        ("inside", Role.VIEWER),
        ("outside", Role.COORDINATOR),
    ],
)
def test_deciding_is_the_coordinating_office_s(cast, draft, who):
    reporter = cast.in_commune[Role.REPORTER]
    actions.save_scores(reporter, draft, full_points(draft))
    actions.submit(reporter, draft)
    user = getattr(cast, who[0])[who[1]]
    refused(lambda: actions.review(user, draft, actions.APPROVE))
    actions.review(cast.inside[Role.COORDINATOR], draft, actions.APPROVE)
    refused(lambda: actions.reopen(user, draft, "Tự mở lại."))


CRITERIA = [{"group": "A", "code": "1", "text": "Một", "max_points": 100, "mandatory": True}]


def fields(jurisdiction, **changes):
    return {
        "name": "Bộ tiêu chí riêng",
        "jurisdiction": jurisdiction,
        "first_year": 2030,
        "last_year": None,
        "threshold": 70,
        "healthy_label": "Lành mạnh",
        "not_healthy_label": "Chưa đạt",
        "basis": "",
        **changes,
    }


def test_criteria_are_kept_by_the_office_of_their_province(cast, national):
    coordinator = cast.inside[Role.COORDINATOR]
    # Not the national set, not another province's set, and not as a reporter.
    refused(
        lambda: actions.save_criteria_set(
            coordinator, national, fields(None, name="Đổi tên"), CRITERIA
        )
    )
    refused(lambda: actions.save_criteria_set(coordinator, None, fields(unit("42")), CRITERIA))
    refused(
        lambda: actions.save_criteria_set(
            cast.inside[Role.REPORTER], None, fields(cast.province), CRITERIA
        )
    )
    own = actions.save_criteria_set(coordinator, None, fields(cast.province), CRITERIA)
    # Nor may the office hand its set over to another province.
    refused(lambda: actions.save_criteria_set(coordinator, own, fields(unit("42")), CRITERIA))
    refused(
        lambda: actions.save_criteria_set(
            cast.outside[Role.COORDINATOR], own, fields(unit("42")), CRITERIA
        )
    )
    assert CriteriaSet.objects.get(pk=own.pk).jurisdiction == cast.province
    assert Assessment.objects.filter(status=Status.APPROVED).count() == 0
