import pytest

from lanhmanh.agencies.models import Agency
from lanhmanh.demo.replay import load_demo
from lanhmanh.plans.matching import best_match, normalise

pytestmark = pytest.mark.django_db


def test_normalise_drops_case_marks_punctuation_and_courtesy():
    assert normalise("Đề nghị Viện Kiểm sát nhân dân tỉnh,") == "vien kiem sat nhan dan tinh"
    assert normalise("Sở Lao động-Thương binh và Xã hội") == "so lao dong thuong binh va xa hoi"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Công an tỉnh", "Công an tỉnh Nghệ An"),
        ("Sở Y tế", "Sở Y tế tỉnh Nghệ An"),
        ("SỞ Y TẾ", "Sở Y tế tỉnh Nghệ An"),
        ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An"),
        ("Sở Lao động-Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An"),
        ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Nghệ An"),
        ("Đề nghị Tòa án nhân dân tỉnh", "Tòa án nhân dân tỉnh Nghệ An"),
        ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Nghệ An"),
        ("Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo tỉnh Nghệ An"),
    ],
)
def test_printed_names_find_the_directory_agency(printed, expected):
    load_demo(with_plans=False)
    assert best_match(printed, Agency.objects.all()).agency.name == expected


@pytest.mark.parametrize("printed", ["Sở Nông nghiệp và Phát triển nông thôn", "Cục Hải quan", ""])
def test_unknown_agencies_are_not_forced_onto_a_match(printed):
    load_demo(with_plans=False)
    assert best_match(printed, Agency.objects.all()).agency is None
