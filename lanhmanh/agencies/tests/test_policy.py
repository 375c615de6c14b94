"""The permission door decides by relationship: area, own agency, the case's team."""

import pytest
from django.core.exceptions import PermissionDenied

from lanhmanh.agencies.policy import ACTIONS, RELATIONS, Subject, can, require
from lanhmanh.agencies.roles import Role
from lanhmanh.testing import make_agency, make_user

pytestmark = pytest.mark.django_db


def test_area_rule_reaches_inside_the_jurisdiction_only(cast):
    inside = Subject(unit_id=cast.commune.pk)
    elsewhere = Subject(unit_id=cast.other_province.pk)
    police = cast.inside[Role.POLICE]
    assert can(police, "sanction.record", inside)
    assert not can(police, "sanction.record", elsewhere)
    assert can(cast.outside[Role.POLICE], "sanction.record", elsewhere)
    # A role the rule does not name, in the right area, is refused.
    assert not can(cast.inside[Role.VIEWER], "sanction.record", inside)


def test_agency_rule_needs_the_role_in_that_very_agency(cast):
    report = Subject(unit_id=cast.province.pk, agency_ids=frozenset({cast.commune_agency.pk}))
    assert can(cast.in_commune[Role.REPORTER], "report.fill", report)
    # A viewer of the unit is a member, but not in a role that fills reports.
    assert not can(cast.in_commune[Role.VIEWER], "report.fill", report)
    # A reporting officer of another unit of the same province is not the unit.
    assert not can(cast.inside[Role.REPORTER], "report.fill", report)
    # A user who is reporter in one agency and viewer in the unit: the roles do not mix.
    mixed = make_user(Role.REPORTER, cast.province_agency)
    mixed.memberships.create(agency=cast.commune_agency, role=Role.VIEWER)
    assert not can(mixed, "report.fill", report)


def test_agency_rule_follows_successors(cast):
    old = make_agency(cast.province, name="Sở Lao động cũ", successor=cast.province_agency)
    decision = Subject(unit_id=cast.commune.pk, agency_ids=frozenset({old.pk}))
    assert can(cast.inside[Role.POLICE], "sanction.edit", decision)
    assert not can(cast.outside[Role.POLICE], "sanction.edit", decision)


def test_team_rule_is_the_assigned_members_only(cast):
    worker = cast.inside[Role.CASE_WORKER]
    colleague = make_user(Role.CASE_WORKER, cast.province_agency)
    case = Subject(
        unit_id=cast.commune.pk,
        agency_ids=frozenset({cast.province_agency.pk}),
        member_ids=frozenset({worker.pk}),
    )
    assert can(worker, "case.read_identity", case)
    assert not can(colleague, "case.read_identity", case)
    # The colleague of the area may ask by break-glass, not read outright.
    assert can(colleague, "case.break_glass", case)
    assert not can(cast.outside[Role.CASE_WORKER], "case.break_glass", case)


def test_require_raises_and_unknown_actions_are_errors(cast):
    with pytest.raises(PermissionDenied):
        require(cast.inside[Role.VIEWER], "sanction.edit", Subject(unit_id=cast.commune.pk))
    with pytest.raises(ValueError):
        can(cast.inside[Role.ADMIN], "sanction.erase_everything")


def test_anonymous_and_inactive_users_may_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    police = cast.inside[Role.POLICE]
    police.is_active = False
    assert not can(police, "sanction.record", Subject(unit_id=cast.commune.pk))
    assert not can(AnonymousUser(), "plan.read")


def test_every_rule_names_known_roles_and_relations():
    for action, rules in ACTIONS.items():
        assert rules, action
        for rule in rules:
            assert rule.roles <= set(Role.values), action
            assert rule.relation in RELATIONS, action


def test_the_directory_is_the_area_s_and_the_national_agencies(cast):
    national = make_agency(None, name="Bộ Công an (thử)")
    for role in Role.values:
        outside = cast.outside[role]
        assert can(outside, "agency.read", national)
        assert can(outside, "agency.read", cast.other_agency)
        assert not can(outside, "agency.read", cast.commune_agency)
