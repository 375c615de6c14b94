"""Importing a spreadsheet of activities: all or nothing, every bad row named, bombs
refused before openpyxl loads anything; through the door, from the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lanhmanh.activities import actions
from lanhmanh.activities.models import Activity
from lanhmanh.agencies.roles import Role
from lanhmanh.spreadsheets import ImportRejected
from lanhmanh.tests import bombs

pytestmark = pytest.mark.django_db

HEADER = [
    "Loại hoạt động",
    "Nội dung",
    "Ngày",
    "Xã, phường",
    "Đơn vị tổ chức",
    "Đối tượng",
    "Số người tham dự",
    "Nữ",
    "Ấn phẩm",
    "Số lượng",
]


def rows(cast):
    ward = cast.commune_agency.name
    province = cast.province_agency.name
    return [
        HEADER,
        [
            "Hội nghị",
            "Hội nghị triển khai năm 2026",
            "15/01/2026",
            "",
            province,
            "Cán bộ",
            "120",
            "60",
            "",
            "",
        ],
        [
            "Nói chuyện",
            "Nói chuyện tại tổ dân phố 3",
            "2026-02-03",
            "Trường Vinh",
            ward,
            "Cộng đồng",
            "1.050",
            "",
            "",
            "",
        ],
        [
            "Ấn phẩm",
            "Cấp phát tờ rơi",
            "03/03/2026",
            "16690",
            province,
            "",
            "",
            "",
            "Tờ rơi",
            "10.000",
        ],
    ]


def refusal(user, province, name, data):
    with translation.override("en"), pytest.raises(ImportRejected) as refused:
        actions.import_activities(user, province, name, data)
    assert Activity.objects.count() == 0
    return refused.value.errors


def test_a_good_file_imports_every_row(cast, as_csv):
    coordinator = cast.inside[Role.COORDINATOR]
    for name, data in (("a.xlsx", bombs.xlsx(rows(cast))), ("a.csv", as_csv(rows(cast)))):
        made = actions.import_activities(coordinator, cast.province, name, data)
        assert [a.kind for a in made] == ["conference", "talk", "printed"]
        talk = made[1]
        assert talk.unit == cast.commune and talk.participants == 1050
        assert list(talk.communes.all()) == [cast.commune]
        assert made[2].quantity == 10000 and made[2].medium == "leaflet"
        assert made[0].unit == cast.province and made[0].women == 60
        Activity.objects.all().delete()


def test_every_bad_row_is_named_and_nothing_is_imported(cast, as_csv):
    table = rows(cast)
    table[1][0] = "Đá bóng"  # not a kind
    table[2][2] = "31/02/2026"  # no such day
    table[2][6] = "nhiều"  # not a number
    table[3][8] = ""  # printed, but what?
    table.append(
        [
            "Hội nghị",
            "Hội nghị ở tỉnh khác",
            "01/02/2026",
            "Xã Kỳ Anh",
            "Sở Y tế tỉnh Hà Tĩnh",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    errors = refusal(cast.inside[Role.COORDINATOR], cast.province, "a.csv", as_csv(table))
    assert [row for row, _message in errors] == [2, 3, 4, 5]
    messages = dict(errors)
    assert "unknown kind “Đá bóng”" in messages[2]
    assert "dd/mm/yyyy" in messages[3] and "not a whole number" in messages[3]
    assert "medium" in messages[4]
    assert "not a current commune" in messages[5] and "not an agency" in messages[5]


def test_missing_columns_and_wrong_files_are_refused(cast, as_csv):
    coordinator = cast.inside[Role.COORDINATOR]
    assert refusal(coordinator, cast.province, "a.csv", as_csv([["Nội dung"], ["x"]]))[0][0] == 1
    assert refusal(coordinator, cast.province, "a.docx", b"x") == [
        (0, "Send an .xlsx or .csv file.")
    ]
    assert refusal(coordinator, cast.province, "a.csv", b"\xff\xfe") == [
        (0, "The CSV file is not in UTF-8.")
    ]


def test_bombs_are_refused_before_openpyxl(cast, monkeypatch):
    import openpyxl

    reached = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: reached.append(a))
    coordinator = cast.inside[Role.COORDINATOR]
    data = bombs.with_extra_entries(bombs.xlsx(rows(cast)), 10_000)
    [(row, message)] = refusal(coordinator, cast.province, "a.xlsx", data)
    assert row == 0 and message.startswith("The file holds too many parts")
    data = bombs.with_compressed_part(
        bombs.xlsx(rows(cast)), "xl/sharedStrings.xml", 200 * 1024 * 1024
    )
    [(row, message)] = refusal(coordinator, cast.province, "a.xlsx", data)
    assert "unpacks to more than 16 MB" in message
    assert reached == []


def test_the_import_page_lists_the_bad_rows(client, cast, as_csv):
    client.force_login(cast.inside[Role.COORDINATOR])
    table = rows(cast)
    table[2][0] = "Đá bóng"
    response = client.post(
        "/activities/import/",
        {"province": cast.province.pk, "file": SimpleUploadedFile("a.csv", as_csv(table))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.context["problems"][0][0] == 3
    assert "Đá bóng" in response.content.decode()
    assert Activity.objects.count() == 0
    response = client.post(
        "/activities/import/",
        {"province": cast.province.pk, "file": SimpleUploadedFile("a.csv", as_csv(rows(cast)))},
    )
    assert response.status_code == 302 and Activity.objects.count() == 3
    # A commune's officer has no import page: an import goes into a province.
    client.force_login(cast.in_commune[Role.REPORTER])
    assert client.get("/activities/import/").status_code in (200, 403)
    response = client.post(
        "/activities/import/",
        {"province": cast.province.pk, "file": SimpleUploadedFile("a.csv", as_csv(rows(cast)))},
    )
    assert response.status_code == 400 and Activity.objects.count() == 3
