import pytest

from lanhmanh.places.loader import load_units
from lanhmanh.places.models import (
    AdministrativeUnit,
    Level,
    System,
    UnitContainment,
    UnitSuccession,
)
from lanhmanh.testing import unit

pytestmark = pytest.mark.django_db


def count(system, level):
    return AdministrativeUnit.objects.filter(system=system, level=level).count()


def test_current_two_tier_units():
    assert count(System.TWO_TIER, Level.PROVINCE) == 34
    assert count(System.TWO_TIER, Level.COMMUNE) == 3321
    assert count(System.TWO_TIER, Level.DISTRICT) == 0
    assert AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).count() == 34


def test_historic_three_tier_units():
    assert count(System.THREE_TIER, Level.PROVINCE) == 63
    assert count(System.THREE_TIER, Level.DISTRICT) == 696
    assert count(System.THREE_TIER, Level.COMMUNE) == 10051
    hoa_binh = AdministrativeUnit.objects.get(
        system=System.THREE_TIER, level=Level.PROVINCE, name_search="tinh hoa binh"
    )
    assert str(hoa_binh.valid_to) == "2025-06-30"
    assert hoa_binh.valid_from is None


def test_units_have_parent_and_province():
    truong_vinh = unit("16690", Level.COMMUNE)
    assert truong_vinh.name == "Phường Trường Vinh"
    assert truong_vinh.parent == unit("40")
    assert truong_vinh.province == unit("40")
    old_commune = (
        AdministrativeUnit.objects.filter(system=System.THREE_TIER, level=Level.COMMUNE)
        .select_related("parent__parent", "province")
        .first()
    )
    assert old_commune.parent.level == Level.DISTRICT
    assert old_commune.province == old_commune.parent.parent


def test_codes_are_stored_with_their_validity():
    # Code 37 is Ninh Bình in both lists, but the 2025 Ninh Bình also took in Hà Nam
    # and Nam Định: two rows, told apart by their dates.
    old, new = AdministrativeUnit.objects.filter(level=Level.PROVINCE, code="37").order_by("system")
    assert {old.system, new.system} == {System.THREE_TIER, System.TWO_TIER}
    assert old.valid_to is not None and new.valid_to is None


def test_successions_map_merged_provinces():
    hoa_binh = AdministrativeUnit.objects.get(
        system=System.THREE_TIER, level=Level.PROVINCE, name_search="tinh hoa binh"
    )
    successors = UnitSuccession.objects.filter(predecessor=hoa_binh).values_list(
        "successor__name", flat=True
    )
    assert list(successors) == ["Tỉnh Phú Thọ"]
    ha_nam = AdministrativeUnit.objects.get(
        system=System.THREE_TIER, level=Level.PROVINCE, name_search="tinh ha nam"
    )
    assert UnitSuccession.objects.get(predecessor=ha_nam).successor.name == "Tỉnh Ninh Bình"


def test_split_communes_are_partial_successions():
    partial = UnitSuccession.objects.filter(partial=True, predecessor__level=Level.COMMUNE)
    assert partial.exists()
    split = partial.first().predecessor
    assert UnitSuccession.objects.filter(predecessor=split).count() >= 2


def test_historic_units_lie_inside_their_successors():
    phu_tho = unit("25")
    old_hoa_binh_communes = AdministrativeUnit.objects.filter(
        system=System.THREE_TIER, level=Level.COMMUNE, province__name_search="tinh hoa binh"
    )
    inside_phu_tho = UnitContainment.objects.filter(outer=phu_tho).values("inner_id")
    assert old_hoa_binh_communes.exists()
    assert not old_hoa_binh_communes.exclude(pk__in=inside_phu_tho).exists()
    # …and not inside a province they have nothing to do with.
    assert not UnitContainment.objects.filter(
        outer=unit("40"), inner__in=old_hoa_binh_communes
    ).exists()


def test_second_load_is_a_no_op_and_forced_reload_keeps_ids():
    ids_before = dict(AdministrativeUnit.objects.values_list("pk", "code")[:50])
    assert load_units().skipped
    result = load_units(force=True)
    assert not result.skipped
    assert result.units == AdministrativeUnit.objects.count() == 34 + 3321 + 63 + 696 + 10051
    assert dict(AdministrativeUnit.objects.filter(pk__in=ids_before).values_list("pk", "code")) == (
        ids_before
    )
    assert UnitContainment.objects.count() == result.containments


def test_current_communes_lie_inside_the_historic_province_they_came_from():
    old_nghe_an = AdministrativeUnit.objects.get(
        system=System.THREE_TIER, level=Level.PROVINCE, code="40"
    )
    truong_vinh = unit("16690", Level.COMMUNE)
    assert UnitContainment.objects.filter(outer=old_nghe_an, inner=truong_vinh).exists()
    old_ha_tinh = AdministrativeUnit.objects.get(
        system=System.THREE_TIER, level=Level.PROVINCE, code="42"
    )
    assert not UnitContainment.objects.filter(outer=old_ha_tinh, inner=truong_vinh).exists()
