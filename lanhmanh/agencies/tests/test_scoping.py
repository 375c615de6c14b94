"""The scoping matrix: role × jurisdiction × record inside or outside the area.

The expected policy is written out here by hand, independently of ``roles.POLICY``,
so that a change to the policy has to change this table too.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.agencies.roles import POLICY, Kind, Role
from lanhmanh.agencies.scoping import get_for_user, scope
from lanhmanh.places.models import Level, System, UnitSuccession
from lanhmanh.testing import make_agency, make_user, unit

pytestmark = pytest.mark.django_db

ROLES = ["admin", "coordinator", "reporter", "inspector", "police", "case_worker", "viewer"]
# w = read and write, r = read only, - = nothing.        adm coo rep ins pol cas vie
MATRIX = {
    Kind.AGENCY: "w r r r r r r",
    Kind.USER: "w r - - - - -",
    Kind.PLAN: "r w r r r r r",
    Kind.REPORT: "- w w r r - r",
    Kind.ACTIVITY: "- w w - - - r",
    Kind.ESTABLISHMENT: "- r - w w - -",
    Kind.INSPECTION: "- r - w r - -",
    Kind.HOTSPOT: "- r - r w - -",
    Kind.TIP: "- r - - w - -",
    Kind.SANCTION: "- r - w w - -",
    Kind.SUPPORT_CASE: "- r - - - w -",
    Kind.ASSESSMENT: "- w w - - - r",
    Kind.ASSESSMENT_REVIEW: "- w r - - - r",
    Kind.DASHBOARD: "r r r r r - r",
}


def access(kind, role):
    return dict(zip(ROLES, MATRIX[kind].split(), strict=True))[role]


def test_matrix_covers_every_kind_and_role():
    assert set(MATRIX) == set(POLICY) == set(Kind.values)
    assert Role.values == ROLES


@pytest.fixture
def records(cast):
    """One record (an agency stands in for any record with a unit) per place."""
    other_commune = unit("16681", Level.COMMUNE)  # Phường Thành Vinh, same province
    historic = (
        UnitSuccession.objects.filter(successor=cast.commune, partial=False)
        .select_related("predecessor")
        .first()
        .predecessor
    )
    assert historic.system == System.THREE_TIER
    return {
        "commune": make_agency(cast.commune, name="record in the commune"),
        "same_province": make_agency(other_commune, name="record elsewhere in the province"),
        "historic_commune": make_agency(historic, name="record under the old commune"),
        "province": make_agency(cast.province, name="record at province level"),
        "other_province": make_agency(cast.other_province, name="record in another province"),
    }


# Which records each user's area contains.
AREA = {
    "inside": {"commune", "same_province", "historic_commune", "province"},
    "in_commune": {"commune", "historic_commune"},
    "outside": {"other_province"},
}


@pytest.mark.parametrize("kind", list(MATRIX))
def test_scope_matrix(cast, records, kind):
    """Every role, from inside the province, a commune of it and another province,
    reading and writing: the records seen are exactly the expected ones."""
    pks = {r.pk: name for name, r in records.items()}
    wrong = []
    for role in ROLES:
        for where, area in AREA.items():
            user = getattr(cast, where)[role]
            for write in (False, True):
                allowed = access(kind, role) == "w" if write else access(kind, role) in "rw"
                expected = set(area) if allowed else set()
                seen = scope(
                    Agency.objects.filter(pk__in=pks),
                    user,
                    kind,
                    unit_field="jurisdiction",
                    write=write,
                ).values_list("pk", flat=True)
                got = {pks[pk] for pk in seen}
                if got != expected:
                    wrong.append((role, where, "write" if write else "read", got, expected))
    assert not wrong, wrong


def test_national_membership_reaches_everywhere(records):
    ministry = make_agency(None, name="Bộ Y tế")
    user = make_user(Role.COORDINATOR, ministry)
    visible = scope(
        Agency.objects.filter(pk__in=[r.pk for r in records.values()]),
        user,
        Kind.PLAN,
        unit_field="jurisdiction",
    )
    assert visible.count() == len(records)


def test_superuser_is_a_national_admin_but_sees_no_cases(records):
    root = make_user(is_superuser=True, is_staff=True)
    qs = Agency.objects.filter(pk__in=[r.pk for r in records.values()])
    assert scope(qs, root, Kind.AGENCY, "jurisdiction").count() == len(records)
    assert scope(qs, root, Kind.SUPPORT_CASE, "jurisdiction").count() == 0


def test_dissolved_agency_grants_nothing(cast, records):
    labour = make_agency(cast.province, valid_to=datetime.date(2025, 2, 28))
    user = make_user(Role.COORDINATOR, labour)
    assert not scope(Agency.objects.all(), user, Kind.PLAN, "jurisdiction").exists()


def test_inactive_and_anonymous_users_see_nothing(cast, records):
    user = cast.inside[Role.COORDINATOR]
    user.is_active = False
    assert not scope(Agency.objects.all(), user, Kind.PLAN, "jurisdiction").exists()
    assert not scope(Agency.objects.all(), AnonymousUser(), Kind.PLAN, "jurisdiction").exists()


def test_unplaced_records_only_when_asked(cast):
    national = make_agency(None, AgencyKind.DEPARTMENT, name="Bộ Công an")
    user = cast.inside[Role.REPORTER]
    assert not scope(
        Agency.objects.filter(pk=national.pk), user, Kind.AGENCY, "jurisdiction"
    ).exists()
    assert scope(
        Agency.objects.filter(pk=national.pk),
        user,
        Kind.AGENCY,
        "jurisdiction",
        include_unplaced=True,
    ).exists()


def test_get_for_user_404_outside_403_read_only(cast, records):
    qs = Agency.objects.all()
    target = records["commune"].pk
    police = cast.inside[Role.POLICE]
    assert get_for_user(qs, police, target, Kind.HOTSPOT, "jurisdiction", write=True).pk == target
    with pytest.raises(Http404):
        get_for_user(qs, cast.outside[Role.POLICE], target, Kind.HOTSPOT, "jurisdiction")
    with pytest.raises(PermissionDenied):
        get_for_user(
            qs, cast.inside[Role.COORDINATOR], target, Kind.HOTSPOT, "jurisdiction", write=True
        )
    with pytest.raises(Http404):
        get_for_user(qs, cast.inside[Role.REPORTER], target, Kind.HOTSPOT, "jurisdiction")
    with pytest.raises(Http404):
        get_for_user(qs, police, "not-a-number", Kind.HOTSPOT, "jurisdiction")


def test_grants_are_read_once_per_user(cast, records, django_assert_num_queries):
    user = cast.inside[Role.COORDINATOR]
    qs = Agency.objects.filter(pk__in=[r.pk for r in records.values()])
    with django_assert_num_queries(2):  # memberships, then the scoped query
        list(scope(qs, user, Kind.PLAN, "jurisdiction"))
    with django_assert_num_queries(1):
        list(scope(qs, user, Kind.REPORT, "jurisdiction"))


def test_enclosing_areas_are_readable_only_when_asked(cast, records):
    """A commune reads the province's plan it carries out, but cannot change it."""
    user = cast.in_commune[Role.COORDINATOR]
    qs = Agency.objects.filter(pk=records["province"].pk)
    assert not scope(qs, user, Kind.PLAN, "jurisdiction").exists()
    assert scope(qs, user, Kind.PLAN, "jurisdiction", include_enclosing=True).exists()
    assert not scope(
        qs, user, Kind.PLAN, "jurisdiction", write=True, include_enclosing=True
    ).exists()
    # Another province is not enclosing.
    other = Agency.objects.filter(pk=records["other_province"].pk)
    assert not scope(other, user, Kind.PLAN, "jurisdiction", include_enclosing=True).exists()
    with pytest.raises(PermissionDenied):
        get_for_user(
            qs,
            user,
            records["province"].pk,
            Kind.PLAN,
            "jurisdiction",
            write=True,
            include_enclosing=True,
        )
