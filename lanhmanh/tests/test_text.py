import pytest

from lanhmanh.text import fold


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Hà Nội", "ha noi"),
        ("HÀ NỘI", "ha noi"),
        ("ha noi", "ha noi"),
        ("Tỉnh Nghệ An", "tinh nghe an"),
        ("ĐỒNG NAI", "dong nai"),
        ("Đắk Lắk", "dak lak"),
        ("Tỉnh Hoà Bình", "tinh hoa binh"),  # old-style tone placement
        ("Tỉnh Hòa Bình", "tinh hoa binh"),
        ("Phan Rang-Tháp Chàm", "phan rang thap cham"),
        ("  Quảng   Ngãi ", "quang ngai"),
        ("", ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_fold_decomposed_input_matches_composed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Nghệ An")) == fold("Nghệ An") == "nghe an"
