"""A spreadsheet built to exhaust the server is refused (or read for what it holds) by the
establishment import, before openpyxl is asked to load anything it cannot afford."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from lanhmanh.inspections.importing import ImportRejected, import_establishments
from lanhmanh.inspections.models import Establishment
from lanhmanh.testing import unit
from lanhmanh.tests import bombs

pytestmark = pytest.mark.django_db

HEADER = ["Loại hình", "Tên cơ sở", "Địa chỉ", "Xã, phường"]
ROW = ["Karaoke", "Karaoke Hoa Sen", "12 Lê Lợi", "Trường Vinh"]


@pytest.fixture
def openpyxl_loader(monkeypatch):
    import openpyxl

    reached = []

    def trap(*args, **kwargs):
        reached.append(args)
        raise AssertionError("openpyxl.load_workbook was reached")

    monkeypatch.setattr(openpyxl, "load_workbook", trap)
    return reached


def refusal(name, data) -> list[tuple[int, str]]:
    with translation.override("en"), pytest.raises(ImportRejected) as refused:
        import_establishments(name, data, unit("40"))
    assert Establishment.objects.count() == 0
    return refused.value.errors


def test_a_declared_dimension_of_a_hundred_million_cells_costs_nothing():
    data = bombs.xlsx_declaring("A1:ALL100000", [HEADER, ROW], last_row=100_000)
    assert len(data) < 10_000
    tracemalloc.start()
    try:
        report = import_establishments("co-so.xlsx", data, unit("40"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.created == 1
    assert Establishment.objects.get().name == "Karaoke Hoa Sen"
    assert peak < 30 * 1024 * 1024


def test_a_sheet_with_a_huge_row_is_refused():
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(ROW)
    book.active.cell(row=3, column=16_000, value="x")
    assert refusal("co-so.xlsx", bombs.save(book)) == [(0, "The sheet has more than 50 columns.")]


def test_ten_thousand_parts_are_refused_before_openpyxl(openpyxl_loader):
    data = bombs.with_extra_entries(bombs.xlsx([HEADER, ROW]), 10_000)
    [(row, message)] = refusal("co-so.xlsx", data)
    assert row == 0 and message.startswith("The file holds too many parts (10")
    assert openpyxl_loader == []


def test_a_200_mb_shared_strings_part_is_refused_before_openpyxl(openpyxl_loader):
    data = bombs.with_compressed_part(
        bombs.xlsx([HEADER, ROW]), "xl/sharedStrings.xml", 200 * 1024 * 1024
    )
    assert refusal("co-so.xlsx", data) == [
        (0, "A part of the file (xl/sharedStrings.xml) unpacks to more than 16 MB.")
    ]
    assert openpyxl_loader == []


def test_rows_past_the_cap_stop_the_reading(monkeypatch):
    from lanhmanh.inspections import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 5)
    rows = [HEADER] + [ROW] * 50
    for name, data in (("co-so.xlsx", bombs.xlsx(rows)), ("co-so.csv", _csv(rows))):
        assert refusal(name, data) == [(0, "At most 5 rows per file.")]


def test_a_csv_line_of_a_million_fields_is_refused():
    data = _csv([HEADER]) + b"," * 1_000_000
    assert refusal("co-so.csv", data) == [(0, "The sheet has more than 50 columns.")]


def test_the_command_exits_2_with_the_reason(tmp_path, openpyxl_loader):
    path = tmp_path / "co-so.xlsx"
    path.write_bytes(bombs.with_extra_entries(bombs.xlsx([HEADER, ROW]), 10_000))
    with translation.override("en"), pytest.raises(CommandError) as refused:
        call_command("import_establishments", str(path))
    assert refused.value.returncode == 2
    assert "row 0: The file holds too many parts" in str(refused.value)
    assert "\n" not in str(refused.value)


def test_the_import_page_says_why(client, cast, openpyxl_loader):
    client.force_login(cast.inside["inspector"])
    data = bombs.with_extra_entries(bombs.xlsx([HEADER, ROW]), 10_000)
    response = client.post(
        "/establishments/import/",
        {"file": SimpleUploadedFile("co-so.xlsx", data)},
        HTTP_ACCEPT_LANGUAGE="vi",
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "Dòng 0: Tệp chứa quá nhiều thành phần (10009; tối đa 1000)." in shown
    assert openpyxl_loader == []


def _csv(rows) -> bytes:
    return "".join(",".join(row) + "\n" for row in rows).encode()
