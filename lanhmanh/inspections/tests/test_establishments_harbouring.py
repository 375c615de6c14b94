"""Establishments found running prostitution are counted from the inspections' violations:
each establishment once, in the period, in the area."""

import datetime

import pytest

from lanhmanh.indicators import registry
from lanhmanh.inspections.actions import ViolationInput, record_inspection
from lanhmanh.inspections.models import Establishment, LegalBasis
from lanhmanh.places.models import Level
from lanhmanh.testing import make_agency, unit

pytestmark = pytest.mark.django_db
D = datetime.date


def test_each_establishment_caught_in_the_period_counts_once():
    province, commune = unit("40"), unit("16690", Level.COMMUNE)
    team = make_agency(province, "inspection_team", name="Đội kiểm tra liên ngành 178 tỉnh")
    selling = LegalBasis.objects.get(decree="282/2025/NĐ-CP", behaviour="Bán dâm")

    def inspected(name, day, caught):
        venue, _ = Establishment.objects.get_or_create(kind="massage", name=name, commune=commune)
        found = [ViolationInput(selling, "warning", None)] * caught
        record_inspection(
            None,
            establishment=venue,
            team=team,
            inspected_on=day,
            kind="surprise",
            violations=found,
        )

    inspected("Massage Thiên Thanh", D(2026, 2, 3), 2)
    inspected("Massage Thiên Thanh", D(2026, 4, 9), 1)  # caught again: still one
    inspected("Massage Bình An", D(2026, 3, 1), 0)  # inspected, nothing found
    inspected("Massage Hồng Nhung", D(2026, 8, 1), 1)  # after the period
    harbouring = registry.function_for("inspections.establishments_harbouring")
    assert harbouring({province.pk}, D(2026, 1, 1), D(2026, 6, 30)) == 1
    assert harbouring({province.pk}, D(2026, 1, 1), D(2026, 12, 31)) == 2
    assert harbouring({unit("42").pk}, D(2026, 1, 1), D(2026, 12, 31)) == 0
