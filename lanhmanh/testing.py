"""Factories and the standard cast of users for tests.

As healthchecks' alice/bob/charlie: ``Cast`` gives one user per role inside the demo
jurisdiction (province Nghệ An), one per role in a commune of it, and one per role in
another province (Hà Tĩnh), so that every test can check access from inside and out.

Relationships, for the object-level permission tests: ``cast.relations(role, agency)``
gives, for one role, a user *of the object's own agency* (``member``), one of another
agency of the same province (``area``: ``cast.neighbours``, made on first use) and one
of another province (``outside``); ``cast.on_team(case, role)`` the same for a support
case, whose ``member`` is assigned to the case (``Case.members``) and whose
``colleague`` belongs to the case's team agency without being assigned to the case.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from lanhmanh.agencies.models import Agency, AgencyKind, Membership
from lanhmanh.agencies.roles import Role
from lanhmanh.places.models import AdministrativeUnit, Level, System

PASSWORD = "correct-horse-battery"  # noqa: S105 - test users only
_counter = itertools.count(1)


def load_reference_data():
    """What a fresh test database holds besides its tables: the units, the legal bases and
    the default criteria set (the last two from data migrations, which a transactional
    test's flush takes out). Each loader leaves what is there."""
    from lanhmanh.assessments.defaults import load_default_set
    from lanhmanh.assessments.models import CriteriaSet, Criterion
    from lanhmanh.inspections.legal_bases import seed_legal_bases
    from lanhmanh.inspections.models import LegalBasis
    from lanhmanh.places.loader import load_units

    load_units()
    seed_legal_bases(LegalBasis)
    load_default_set(CriteriaSet, Criterion)


def unit(code: str, level: str = Level.PROVINCE, system: str = System.TWO_TIER):
    return AdministrativeUnit.objects.get(system=system, level=level, code=code)


def make_agency(jurisdiction=None, kind=AgencyKind.DEPARTMENT, name=None, **fields) -> Agency:
    return Agency.objects.create(
        name=name or f"Cơ quan thử nghiệm {next(_counter)}",
        kind=kind,
        jurisdiction=jurisdiction,
        **fields,
    )


def make_user(role=None, agency=None, username=None, password=PASSWORD, **fields):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_counter)}", password=password, **fields
    )
    if role:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@dataclass(frozen=True)
class Relations:
    """Users of one role by their relationship to one object."""

    member: object  # of the object's own unit (agency, team)
    area: object  # of another agency of the same province: same area, not a member
    outside: object  # of another province
    colleague: object | None = None  # a case's team agency, not assigned to the case

    def items(self) -> list[tuple[str, object]]:
        pairs = [("member", self.member), ("area", self.area), ("outside", self.outside)]
        if self.colleague is not None:
            pairs.append(("colleague", self.colleague))
        return pairs


@dataclass
class Cast:
    province: AdministrativeUnit
    commune: AdministrativeUnit
    other_province: AdministrativeUnit
    province_agency: Agency
    commune_agency: Agency
    other_agency: Agency
    inside: dict[str, object] = field(default_factory=dict)
    in_commune: dict[str, object] = field(default_factory=dict)
    outside: dict[str, object] = field(default_factory=dict)
    _neighbour_agency: Agency | None = field(default=None, repr=False)
    _neighbours: dict[str, object] = field(default_factory=dict, repr=False)
    _members: dict[tuple[int, str], object] = field(default_factory=dict, repr=False)

    @property
    def neighbour_agency(self) -> Agency:
        """Another agency of the demo province (made on first use): same area as the
        province and commune agencies, member of neither."""
        if self._neighbour_agency is None:
            self._neighbour_agency = make_agency(
                self.province, AgencyKind.POLICE, name="Công an tỉnh Nghệ An (thử nghiệm)"
            )
        return self._neighbour_agency

    @property
    def neighbours(self) -> dict[str, object]:
        """One user per role in ``neighbour_agency``."""
        if not self._neighbours:
            agency = self.neighbour_agency
            for role in Role.values:
                self._neighbours[role] = make_user(role, agency, username=f"{role}_neighbour")
        return self._neighbours

    def member_of(self, agency: Agency, role: str):
        """A user holding ``role`` in ``agency``: the cast's own where it has one."""
        if agency.pk == self.province_agency.pk:
            return self.inside[role]
        if agency.pk == self.commune_agency.pk:
            return self.in_commune[role]
        if agency.pk == self.other_agency.pk:
            return self.outside[role]
        if self._neighbour_agency is not None and agency.pk == self._neighbour_agency.pk:
            return self.neighbours[role]
        key = (agency.pk, role)
        if key not in self._members:
            self._members[key] = make_user(role, agency, username=f"{role}_of_{agency.pk}")
        return self._members[key]

    def relations(self, role: str, agency: Agency | None = None) -> Relations:
        """For ``role``: a member of ``agency`` (the object's own; the commune agency by
        default), a user of the same province not in it, and one of another province.
        The object must lie in the demo province and within ``agency``'s jurisdiction."""
        agency = agency or self.commune_agency
        if self._neighbour_agency is not None and agency.pk == self._neighbour_agency.pk:
            raise ValueError("the neighbour agency is the 'area' relationship itself")
        return Relations(
            member=self.member_of(agency, role),
            area=self.neighbours[role],
            outside=self.outside[role],
        )

    def on_team(self, case, role: str) -> Relations:
        """For a support case: a user of ``role`` in the case's team agency assigned to
        the case (``member``), one of the same province not on the team (``area``), one
        of another province, and one of the team agency not assigned (``colleague``)."""
        member = make_user(role, case.team, username=f"{role}_team_{case.pk}_{next(_counter)}")
        case.members.add(member)
        colleague = make_user(
            role, case.team, username=f"{role}_colleague_{case.pk}_{next(_counter)}"
        )
        return Relations(
            member=member,
            area=self.neighbours[role],
            outside=self.outside[role],
            colleague=colleague,
        )


def make_cast() -> Cast:
    province = unit("40")  # Nghệ An
    commune = unit("16690", Level.COMMUNE)  # Phường Trường Vinh
    other = unit("42")  # Hà Tĩnh
    cast = Cast(
        province=province,
        commune=commune,
        other_province=other,
        province_agency=make_agency(province, name="Sở Y tế tỉnh Nghệ An"),
        commune_agency=make_agency(
            commune, AgencyKind.PEOPLES_COMMITTEE, name="UBND phường Trường Vinh"
        ),
        other_agency=make_agency(other, name="Sở Y tế tỉnh Hà Tĩnh"),
    )
    for role in Role.values:
        cast.inside[role] = make_user(role, cast.province_agency, username=f"{role}_in")
        cast.in_commune[role] = make_user(role, cast.commune_agency, username=f"{role}_commune")
        cast.outside[role] = make_user(role, cast.other_agency, username=f"{role}_out")
    return cast
