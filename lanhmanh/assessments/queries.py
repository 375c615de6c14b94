"""Scoped queries of assessments and criteria sets, shared by the pages, exports and API."""

from __future__ import annotations

import datetime

from django.db.models import Q

from lanhmanh.agencies import policy
from lanhmanh.agencies.roles import Kind
from lanhmanh.agencies.scoping import NATIONAL, get_for_user, reach, scope
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.text import fold
from lanhmanh.validity import valid_on

from .models import Assessment, CriteriaSet


def assessments_for_user(user, write=False):
    """Assessments of communes in the user's area (or only those the user may prepare)."""
    return scope(Assessment.objects.all(), user, Kind.ASSESSMENT, unit_field="commune", write=write)


def get_assessment_for_user(user, pk, action="assessment.read") -> Assessment:
    """One assessment: 404 outside the user's area, 403 if the door refuses ``action``."""
    return get_for_user(
        Assessment.objects.select_related("commune", "criteria_set", "reviewed_by"),
        user,
        pk,
        Kind.ASSESSMENT,
        unit_field="commune",
        action=action,
    )


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def communes_for_user(user, year: int, write=False):
    """The communes that existed at the end of ``year`` (old ones before the 2025 reform)
    in which the user may read (or prepare) assessments."""
    return scope(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE).filter(valid_on(year_end(year))),
        user,
        Kind.ASSESSMENT,
        unit_field="pk",
        write=write,
    ).order_by("name_search", "pk")


def criteria_sets_for_user(user):
    """Criteria sets the user may read: the national ones and their provinces'."""
    return scope(
        CriteriaSet.objects.all(),
        user,
        Kind.ASSESSMENT,
        unit_field="jurisdiction",
        include_unplaced=True,
        include_enclosing=True,
    )


def editable_criteria_sets(user):
    """Sets the user may change (the door's ``criteria.edit``, as a list): their
    province's, or every set for a national office."""
    area = reach(user, Kind.ASSESSMENT_REVIEW, write=True)
    if area == NATIONAL:
        return CriteriaSet.objects.all()
    return scope(
        CriteriaSet.objects.all(),
        user,
        Kind.ASSESSMENT_REVIEW,
        unit_field="jurisdiction",
        write=True,
    )


def get_criteria_set_for_user(user, pk, action: str | None = None) -> CriteriaSet:
    """One criteria set the user may read: 404 otherwise; 403 if the door refuses
    ``action`` (``criteria.edit``)."""
    from django.http import Http404

    criteria_set = criteria_sets_for_user(user).filter(pk=pk).first()
    if criteria_set is None:
        raise Http404
    if action is not None:
        policy.require(user, action, criteria_set)
    return criteria_set


def trend_areas(user) -> list[AdministrativeUnit]:
    """The units whose trend the user may see: their jurisdictions, or every province."""
    area = reach(user, Kind.ASSESSMENT)
    units = AdministrativeUnit.objects.filter(valid_to__isnull=True)
    units = units.filter(level=Level.PROVINCE) if area == NATIONAL else units.filter(pk__in=area)
    return list(units.order_by("level", "name_search", "pk"))


def provinces_for_criteria(user):
    """Provinces for which the user may keep a set of their own."""
    return scope(
        AdministrativeUnit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True),
        user,
        Kind.ASSESSMENT_REVIEW,
        unit_field="pk",
        write=True,
    ).order_by("name_search", "pk")


def set_for(commune: AdministrativeUnit, year: int) -> CriteriaSet | None:
    """The criteria set that applies to ``commune`` in ``year``: its province's own (a
    set of a province that contains the commune, today or then), else the national one."""
    around = UnitContainment.objects.filter(inner=commune).values("outer_id")
    covering = CriteriaSet.objects.filter(first_year__lte=year).filter(
        Q(last_year__isnull=True) | Q(last_year__gte=year)
    )
    own = covering.filter(jurisdiction__in=around).order_by("-first_year", "-pk").first()
    if own is not None:
        return own
    return covering.filter(jurisdiction__isnull=True).order_by("-first_year", "-pk").first()


def filter_assessments(
    assessments, year=None, q: str = "", status: str = "", result: str = "", commune=None
):
    """The list's filters, for the page, the exports and the API alike."""
    if year:
        assessments = assessments.filter(year=year)
    folded = fold(q or "")
    if folded:
        assessments = assessments.filter(commune__name_search__contains=folded)
    if status:
        assessments = assessments.filter(status=status)
    if result == "healthy":
        assessments = assessments.filter(healthy=True)
    elif result == "not_healthy":
        assessments = assessments.filter(healthy=False)
    if commune is not None:
        assessments = assessments.filter(commune=commune)
    return assessments
