import datetime

import pytest

from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.places.queries import find_units

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


@pytest.mark.parametrize("query", ["ha noi", "Hà Nội", "HÀ NỘI", "hà nội", "Ha Noi"])
def test_province_search_ignores_case_and_diacritics(query):
    assert names(find_units(q=query, level=Level.PROVINCE)) == ["Thành phố Hà Nội"]


def test_nghe_an():
    assert names(find_units(q="nghe an", level=Level.PROVINCE)) == ["Tỉnh Nghệ An"]


def test_d_with_stroke():
    assert names(find_units(q="dong nai", level=Level.PROVINCE)) == ["Thành phố Đồng Nai"]
    assert names(find_units(q="ĐỒNG NAI", level=Level.PROVINCE)) == ["Thành phố Đồng Nai"]


def test_search_by_code():
    assert names(find_units(q="40", level=Level.PROVINCE)) == ["Tỉnh Nghệ An"]
    assert names(find_units(q="16690")) == ["Phường Trường Vinh"]


def test_as_of_before_the_reform_gives_the_three_tiers():
    before = datetime.date(2024, 5, 1)
    assert find_units(level=Level.PROVINCE, as_of=before).count() == 63
    assert names(find_units(q="hoa binh", level=Level.PROVINCE, as_of=before)) == ["Tỉnh Hoà Bình"]
    assert not find_units(q="hoa binh", level=Level.PROVINCE).exists()


def test_communes_of_a_province():
    nghe_an = AdministrativeUnit.objects.current().get(level=Level.PROVINCE, code="40")
    assert find_units(parent=nghe_an).count() == 130
