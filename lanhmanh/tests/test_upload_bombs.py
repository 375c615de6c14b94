"""Every kind of upload bomb is refused by ``lanhmanh.uploads`` before a parser sees it,
with a message saying why; legitimate files pass."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from lanhmanh import uploads
from lanhmanh.tests import bombs

FIXTURES = Path(__file__).resolve().parents[1] / "plans" / "tests" / "fixtures"


@pytest.fixture
def parsers(monkeypatch):
    """python-docx's ``Document`` and openpyxl's ``load_workbook``, made to fail loudly;
    the list tells which were reached."""
    import docx
    import openpyxl

    reached = []

    def trap(name):
        def called(*args, **kwargs):
            reached.append(name)
            raise AssertionError(f"{name} was reached")

        return called

    monkeypatch.setattr(docx, "Document", trap("docx.Document"))
    monkeypatch.setattr(openpyxl, "load_workbook", trap("openpyxl.load_workbook"))
    return reached


def test_a_million_empty_paragraphs_are_refused_before_python_docx(parsers):
    data = bombs.docx_of_empty_paragraphs(1_000_000)
    assert len(data) < 100_000
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_docx(data)
    # 6 MB of "<w:p/>" deflate to a few kilobytes: the directory alone gives it away.
    assert str(refused.value) == (
        "A part of the file (word/document.xml) is compressed more than 100 to 1: "
        "this is not an ordinary document."
    )
    assert parsers == []


def test_too_many_paragraphs_are_counted_in_a_streamed_read(parsers):
    # 60,000 empty paragraphs: a small part, under the compression rule, but too many.
    data = bombs.docx_of_empty_paragraphs(60_000)
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_docx(data)
    assert str(refused.value) == "The document has more than 50000 paragraphs."
    assert parsers == []


def test_ten_thousand_parts_are_refused_from_the_directory(parsers):
    data = bombs.with_extra_entries(bombs.plain_docx(), 10_000)
    for check in (uploads.check_docx, uploads.check_xlsx, uploads.open_package):
        with pytest.raises(uploads.UploadRefused) as refused:
            check(data)
        assert refused.value.template == uploads.TOO_MANY_PARTS
        assert refused.value.params["count"] > 10_000
    assert parsers == []


def test_a_highly_compressed_200_mb_part_is_refused_without_unpacking(parsers):
    data = bombs.with_compressed_part(bombs.plain_docx(), "word/document.xml", 200 * 1024 * 1024)
    assert len(data) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(uploads.UploadRefused) as refused:
            uploads.check_docx(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.template == uploads.PART_TOO_BIG
    assert "word/document.xml" in str(refused.value)
    assert peak < 5 * 1024 * 1024 + len(data)
    assert parsers == []


def test_a_part_compressed_a_thousand_to_one_is_refused(parsers):
    # 8 MB: under the part size limit, but no document compresses like that.
    data = bombs.with_compressed_part(bombs.plain_docx(), "word/document.xml", 8 * 1024 * 1024)
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_docx(data)
    assert refused.value.template == uploads.PART_TOO_COMPRESSED
    assert parsers == []


def test_a_declared_sheet_dimension_costs_nothing():
    data = bombs.xlsx_declaring(
        "A1:ALL100000", [["Loại hình", "Tên"], ["karaoke", "Hoa Sen"]], last_row=100_000
    )
    assert len(data) < 10_000
    tracemalloc.start()
    try:
        rows = uploads.read_sheet(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == [["Loại hình", "Tên"], ["karaoke", "Hoa Sen"]]
    assert peak < 20 * 1024 * 1024


def test_a_sheet_with_a_huge_row_is_refused():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Loại hình", "Tên"])
    book.active.cell(row=2, column=16_000, value="x")
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.read_sheet(bombs.save(book))
    assert str(refused.value) == "The sheet has more than 50 columns."


def test_a_sheet_past_the_row_cap_is_refused_while_streaming():
    rows = [["Tên"]] + [[f"cơ sở {i}"] for i in range(30)]
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.read_sheet(bombs.xlsx(rows), max_rows=21)
    assert str(refused.value) == "The sheet has more than 21 rows."


def test_a_csv_line_of_a_million_fields_is_refused_before_splitting():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.read_csv("Tên\n" + "," * 1_000_000 + "\n")
    assert refused.value.template == uploads.TOO_MANY_COLUMNS


def test_a_csv_of_empty_lines_past_any_sheet_is_refused():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.read_csv("Tên\n" + "\n" * 300_000)
    assert refused.value.template == uploads.TOO_MANY_ROWS


def test_an_oversized_upload_is_refused_by_its_size():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_size(21 * 1024 * 1024)
    assert str(refused.value) == "The file is larger than 20 MB."


def test_something_that_is_no_zip_is_refused_as_damaged(parsers):
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_docx(b"PK\x03\x04 not really a zip")
    assert refused.value.template == uploads.NOT_A_PACKAGE


def test_legitimate_office_files_pass():
    uploads.check_docx((FIXTURES / "ke_hoach_bang.docx").read_bytes())
    uploads.check_docx(bombs.plain_docx(["Kế hoạch"] * 2000))
    rows = [["Tên", "Xã"]] + [[f"cơ sở {i}", "16690"] for i in range(2_000)]
    assert uploads.read_sheet(bombs.xlsx(rows)) == rows
    assert uploads.read_csv("Tên,Xã\nA,1\n\n") == [["Tên", "Xã"], ["A", "1"]]


def test_a_text_of_too_many_lines_is_refused_but_blank_lines_are_free():
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check_text("1. a\n" * 50_001)
    assert str(refused.value) == "The document has more than 50000 lines."
    uploads.check_text("Kế hoạch\n\n" * 50_000)
