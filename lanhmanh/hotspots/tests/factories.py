"""Hotspots for tests: invented places, no people."""

import datetime
import itertools

from lanhmanh.places.models import AdministrativeUnit, Level

from .. import actions

_counter = itertools.count(1)


def commune(code: str = "16690") -> AdministrativeUnit:
    """Phường Trường Vinh (Nghệ An) unless told otherwise."""
    return AdministrativeUnit.objects.get(level=Level.COMMUNE, code=code, valid_to__isnull=True)


def other_commune() -> AdministrativeUnit:
    """A commune of Hà Tĩnh, outside the cast's province."""
    return (
        AdministrativeUnit.objects.filter(
            level=Level.COMMUNE, valid_to__isnull=True, province__code="42"
        )
        .order_by("code")
        .first()
    )


def make_hotspot(user, place=None, since=datetime.date(2025, 1, 10), **fields):
    fields.setdefault("name", f"Tụ điểm thử nghiệm {next(_counter)}")
    fields.setdefault("address", "Đường Lê Lợi")
    return actions.create_hotspot(
        user,
        commune=place or commune(),
        status_since=since,
        **fields,
    )
