import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from lanhmanh.inspections.importing import ImportRejected, import_establishments
from lanhmanh.inspections.models import Establishment
from lanhmanh.testing import unit

pytestmark = pytest.mark.django_db
HEADER = [
    "Loại hình",
    "Tên cơ sở",
    "Địa chỉ",
    "Xã, phường",
    "Số đăng ký kinh doanh",
    "Trạng thái",
    "Ngày hoạt động",
    "Mức độ nguy cơ",
]


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    [
        "Karaoke",
        "Karaoke Hoa Sen",
        "12 Lê Lợi",
        "Trường Vinh",
        "2901001",
        "Hoạt động",
        "01/03/2021",
        "Cao",
    ],
    ["Nhà nghỉ", "Nhà nghỉ Bình An", "5 Quang Trung", "16681", "", "", "", ""],
    [
        "Xoa bóp",
        "Massage Thư Giãn",
        "8 Nguyễn Du",
        "phường cửa lò",
        "2901003",
        "Tạm dừng",
        "2022-05-01",
        "trung bình",
    ],
]


def test_good_file_imports_every_row():
    report = import_establishments("list.xlsx", xlsx(GOOD), unit("40"))
    assert (report.created, report.merged) == (3, 0)
    hoa_sen = Establishment.objects.get(name="Karaoke Hoa Sen")
    assert hoa_sen.commune.name == "Phường Trường Vinh" and hoa_sen.risk == 3
    assert str(hoa_sen.opened_on) == "2021-03-01"
    assert Establishment.objects.get(name="Massage Thư Giãn").status == "suspended"


def test_one_bad_row_imports_nothing_and_names_every_bad_row():
    rows = [
        *GOOD,
        ["Sòng bạc", "X", "", "Trường Vinh", "", "", "", ""],
        ["Karaoke", "", "", "Hà Nội", "", "", "31/02/2024", ""],
    ]
    with pytest.raises(ImportRejected) as excinfo:
        import_establishments("list.xlsx", xlsx(rows), unit("40"))
    assert [n for n, _why in excinfo.value.errors] == [5, 6]
    assert "Sòng bạc" in excinfo.value.errors[0][1]
    assert "Hà Nội" in excinfo.value.errors[1][1] and "31/02/2024" in excinfo.value.errors[1][1]
    assert not Establishment.objects.exists()


def test_second_import_merges_duplicates():
    import_establishments("list.xlsx", xlsx(GOOD), unit("40"))
    again = [
        [
            "Karaoke",
            "Karaoke Hoa Sen (đổi tên)",
            "12 Lê Lợi",
            "Trường Vinh",
            "2901001",
            "Đã đóng cửa",
            "",
            "",
        ],
        GOOD[1],
    ]
    report = import_establishments("list.csv", _csv(again), unit("40"))
    assert (report.created, report.merged) == (0, 2)
    assert report.merged_rows == [2, 3]
    assert Establishment.objects.count() == 3
    assert Establishment.objects.get(registration_number="2901001").status == "closed"


def _csv(rows):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    for row in [HEADER, *rows]:
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("x.pdf", b"%PDF"),
        ("x.xlsx", b"not a workbook"),
        ("x.csv", b"\xff\xfe\x00bad"),
        ("x.csv", b""),
    ],
)
def test_unreadable_files_are_refused(filename, data):
    with pytest.raises(ImportRejected) as excinfo:
        import_establishments(filename, data, unit("40"))
    assert excinfo.value.errors[0][1]


def test_missing_columns():
    with pytest.raises(ImportRejected) as excinfo:
        import_establishments("x.csv", "Tên cơ sở\nA\n".encode(), unit("40"))
    assert "kind" in excinfo.value.errors[0][1]


def test_command_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv([["Karaoke", "", "", "Nowhere", "", "", "", ""]]))
    with pytest.raises(CommandError) as excinfo:
        call_command("import_establishments", str(bad))
    assert excinfo.value.returncode == 2 and "\n" not in str(excinfo.value)
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(GOOD))
    call_command("import_establishments", str(good))
    assert Establishment.objects.count() == 3
