"""Activities for tests: invented events and counts, nobody named."""

import datetime
import itertools

from lanhmanh.places.models import AdministrativeUnit, Level

from .. import actions

_counter = itertools.count(1)
DAY = datetime.date(2026, 3, 2)


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


def make_activity(user, organiser, unit=None, kind="talk", **fields):
    """An activity kept under ``unit`` (the organiser's own unit by default)."""
    fields.setdefault("title", f"Buổi tuyên truyền thử nghiệm {next(_counter)}")
    fields.setdefault("held_on", DAY)
    if kind in ("talk", "conference", "campaign", "outreach", "training"):
        fields.setdefault("participants", 40)
    if kind == "printed":
        fields.setdefault("medium", "leaflet")
        fields.setdefault("quantity", 1000)
    if kind == "media":
        fields.setdefault("medium", "article")
    if kind == "unit_plan":
        fields.setdefault("document_number", "12/KH-UBND")
    return actions.create_activity(
        user,
        kind=kind,
        unit=unit or organiser.jurisdiction,
        organiser=organiser,
        **fields,
    )


def make_model(user, organiser, unit=None, **fields):
    fields.setdefault("name", f"Câu lạc bộ thử nghiệm {next(_counter)}")
    fields.setdefault("kind", "club")
    fields.setdefault("started_on", datetime.date(2025, 5, 1))
    return actions.create_model(
        user, unit=unit or organiser.jurisdiction, organiser=organiser, **fields
    )
