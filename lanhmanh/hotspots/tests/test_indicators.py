"""Indicator arithmetic: broken up inside a period, kept clear through it, active on a day."""

import datetime

import pytest

from lanhmanh.agencies.roles import Role
from lanhmanh.hotspots import actions, indicators
from lanhmanh.hotspots.models import HotspotStatus

from .factories import make_hotspot, other_commune

pytestmark = pytest.mark.django_db
S = HotspotStatus
D = datetime.date
START, END = D(2025, 7, 1), D(2025, 12, 31)  # the second half of 2025


def moved(user, path, since=datetime.date(2024, 1, 5), place=None):
    """A hotspot registered active on ``since`` that then took the (status, day) path."""
    hotspot = make_hotspot(user, since=since, place=place)
    for status, day in path:
        actions.change_status(user, hotspot, status, day)
    return hotspot


@pytest.fixture
def figures(cast):
    police = cast.inside[Role.POLICE]
    # broken up before the period, monitored, never recurred: kept clear
    moved(police, [(S.BROKEN_UP, D(2024, 6, 1)), (S.MONITORED, D(2024, 8, 1))])
    # broken up before, recurred inside the period: neither kept clear nor broken up
    moved(police, [(S.BROKEN_UP, D(2025, 2, 1)), (S.RECURRED, D(2025, 9, 1))])
    # broken up before, recurred after the period ended: kept clear in this period
    moved(police, [(S.BROKEN_UP, D(2025, 1, 1)), (S.RECURRED, D(2026, 1, 15))])
    # broken up inside the period: broken up, not kept clear (it was active at the start)
    moved(police, [(S.BROKEN_UP, D(2025, 8, 10))])
    # recurred before the period, broken up again inside it: broken up, not kept clear
    moved(
        police,
        [(S.BROKEN_UP, D(2024, 3, 1)), (S.RECURRED, D(2025, 3, 1)), (S.BROKEN_UP, D(2025, 10, 1))],
    )
    # broken up twice inside the period counts once
    moved(
        police,
        [(S.BROKEN_UP, D(2025, 7, 1)), (S.RECURRED, D(2025, 8, 1)), (S.BROKEN_UP, D(2025, 12, 31))],
    )
    # still active; and one registered only after the period
    moved(police, [])
    moved(police, [], since=D(2026, 2, 1))
    # broken up inside the period, but in Hà Tĩnh
    moved(cast.outside[Role.POLICE], [(S.BROKEN_UP, D(2025, 9, 9))], place=other_commune())
    return cast


def test_broken_up_inside_the_period(figures):
    assert indicators.broken_up(figures.province, START, END) == 3
    assert indicators.broken_up([figures.province.pk], START, END) == 3
    assert indicators.broken_up(figures.other_province.pk, START, END) == 1
    both = [figures.province.pk, figures.other_province.pk]
    assert indicators.broken_up(both, START, END) == 4
    assert indicators.broken_up(figures.province, D(2024, 1, 1), D(2024, 12, 31)) == 2


def test_kept_clear_through_the_period(figures):
    assert indicators.kept_clear(figures.province, START, END) == 2
    # the whole of 2025: only the first was clear on 1 January and stayed so
    assert indicators.kept_clear(figures.province, D(2025, 1, 1), D(2025, 12, 31)) == 1


def test_active_on_a_day(figures):
    # on 30/06/2025: the one recurred in March, the two broken up later in 2025 and
    # the one still active; the one registered in 2026 did not exist yet
    assert indicators.active(figures.province, D(2025, 6, 30)) == 4
    # on 31/12/2025: the one recurred in September and the one still active
    assert indicators.active(figures.province, END) == 2
    assert indicators.active(figures.province, D(2023, 1, 1)) == 0


def test_area_is_expanded_to_its_communes(figures):
    from lanhmanh.places.models import AdministrativeUnit

    assert indicators.broken_up(figures.commune, START, END) == 3  # all in Trường Vinh
    units = AdministrativeUnit.objects.filter(pk__in=[figures.province.pk])
    assert indicators.broken_up(units, START, END) == 3
    empty = AdministrativeUnit.objects.filter(level="commune", province__code="40").exclude(
        pk=figures.commune.pk
    )
    assert indicators.broken_up(empty, START, END) == 0


def test_kept_clear_share_is_over_every_hotspot_broken_up_before_the_period(figures):
    # broken up before 1/7/2025: the first, the two broken up early in 2025 and the one
    # broken up in 2024 that recurred in March (it counts against the share)
    assert indicators.cleared_total(figures.province, START, END) == 4
    assert indicators.kept_clear_share(figures.province, START, END) == 50.0
    assert indicators.cleared_total(figures.province, D(2024, 1, 1), END) == 0
    assert indicators.kept_clear_share(figures.province, D(2024, 1, 1), END) is None


def test_the_registry_computes_them_by_the_catalogues_names(figures):
    from lanhmanh.indicators import registry

    area = {figures.province.pk}
    assert registry.function_for("hotspots.active")(area, START, END) == 2
    assert registry.function_for("hotspots.cleared_total")(area, START, END) == 4
    assert registry.function_for("hotspots.kept_clear_share")(area, START, END) == 50.0
