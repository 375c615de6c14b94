"""Communes in scope are counted from the units, never typed: the communes inside the area
on the period's last day, in the system of units in force that day."""

import datetime

import pytest

from lanhmanh.indicators import registry
from lanhmanh.places.models import AdministrativeUnit, Level, System

pytestmark = pytest.mark.django_db
D = datetime.date


def communes_in_scope(area, year):
    return registry.function_for("places.communes_in_scope")(area, D(year, 1, 1), D(year, 12, 31))


def test_a_province_counts_its_communes_of_the_day(cast):
    today = AdministrativeUnit.objects.current().filter(level=Level.COMMUNE, province=cast.province)
    assert communes_in_scope({cast.province.pk}, 2026) == today.count() > 100
    # 2024: the three-tier communes that lie inside today's Nghệ An, many more and smaller
    before = communes_in_scope({cast.province.pk}, 2024)
    old_province = AdministrativeUnit.objects.get(
        system=System.THREE_TIER, level=Level.PROVINCE, code="40"
    )
    old = AdministrativeUnit.objects.filter(level=Level.COMMUNE, province=old_province)
    assert before >= old.count() > today.count()


def test_a_commune_is_one_and_two_provinces_add_up(cast):
    assert communes_in_scope({cast.commune.pk}, 2026) == 1
    both = communes_in_scope({cast.province.pk, cast.other_province.pk}, 2026)
    assert both == communes_in_scope({cast.province.pk}, 2026) + communes_in_scope(
        {cast.other_province.pk}, 2026
    )
