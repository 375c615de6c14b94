"""Factories and the standard cast of users for tests.

As healthchecks' alice/bob/charlie: ``Cast`` gives one user per role inside the demo
jurisdiction (province Nghệ An), one per role in a commune of it, and one per role in
another province (Hà Tĩnh), so that every test can check access from inside and out.
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
