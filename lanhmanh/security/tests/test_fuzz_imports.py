"""Fuzzing every import: establishments (CSV/XLSX), plan files (web and API).

Whatever the file, the answer is a clear refusal listing what is wrong, or a complete
import — never a traceback, never half a file.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lanhmanh.inspections.importing import ImportRejected, import_establishments
from lanhmanh.inspections.models import Establishment

from .fuzzing import fuzz_settings, plan_like_text

pytestmark = pytest.mark.django_db

HEADER = [
    "Loại hình",
    "Tên cơ sở",
    "Địa chỉ",
    "Xã/phường",
    "Trạng thái",
    "Nguy cơ",
    "Ngày hoạt động",
]
GOOD_ROW = [
    "karaoke",
    "Karaoke Hoa Sen",
    "12 Lê Lợi",
    "16690",
    "đang hoạt động",
    "cao",
    "01/02/2024",
]

cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["karaoke", "massage", "khách sạn", "16690", "Trường Vinh", "cao", "thấp", "", "=1+1"]
    ),
    st.sampled_from(["31/02/2024", "2024-13-01", "00/00/0000", "1/1/1", "9999-12-31"]),
    st.text(min_size=250, max_size=300),
)
rows = st.lists(st.lists(cell, min_size=0, max_size=9), min_size=0, max_size=12)


def to_csv(table) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue().encode("utf-8")


def to_xlsx(table) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in table:
        # openpyxl refuses control characters; a workbook cannot hold them anyway.
        sheet.append(["".join(ch for ch in v if ch.isprintable()) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _assert_all_or_nothing(name: str, data: bytes, province):
    before = Establishment.objects.count()
    try:
        report = import_establishments(name, data, province)
    except ImportRejected as exc:
        assert exc.errors, "a refusal must say why"
        for number, why in exc.errors:
            assert isinstance(number, int) and str(why).strip()
        assert Establishment.objects.count() == before, "a refused file imported rows"
        return
    assert Establishment.objects.count() == before + report.created


@fuzz_settings(60)
@given(st.sampled_from([".csv", ".xlsx", ".xls", ".txt", ""]), st.binary(max_size=3000))
@example(".csv", b"\xff\xfe\x00garbage")
@example(".csv", b"a,b\n" + b"x" * 200_000)
@example(".xlsx", b"PK\x03\x04" + b"\x00" * 64)
def test_any_bytes_are_refused_clearly_or_imported_whole(cast, suffix, data):
    _assert_all_or_nothing(f"co-so{suffix}", data, cast.province)


@fuzz_settings(60)
@given(st.booleans(), rows, st.integers(0, 3))
@example(False, [["karaoke", "Karaoke\x00Nul", "", "16690", "", "", ""]], 0)
def test_any_table_is_refused_clearly_or_imported_whole(cast, as_xlsx, body, good_rows):
    table = [HEADER, *([GOOD_ROW] * good_rows), *body]
    data = to_xlsx(table) if as_xlsx else to_csv(table)
    _assert_all_or_nothing("co-so.xlsx" if as_xlsx else "co-so.csv", data, cast.province)


def test_one_bad_row_among_good_ones_imports_nothing(cast):
    table = [HEADER, GOOD_ROW, [*GOOD_ROW[:3], "không có xã này", *GOOD_ROW[4:]], GOOD_ROW]
    with pytest.raises(ImportRejected) as refused:
        import_establishments("co-so.csv", to_csv(table), cast.province)
    assert [number for number, _why in refused.value.errors] == [3]
    assert Establishment.objects.count() == 0


@fuzz_settings(30)
@given(
    st.sampled_from(["co-so.csv", "co-so.xlsx", "co-so.exe"]),
    st.one_of(st.binary(max_size=2000), rows.map(to_csv)),
)
def test_the_import_page_never_fails(cast, client, name, data):
    client.force_login(cast.inside["inspector"])
    before = Establishment.objects.count()
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post("/establishments/import/", {"file": upload})
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        followed = client.get(response["Location"])
        assert followed.status_code == 200
    # Only a clean file adds rows; nothing here is clean unless by luck of the draw.
    assert Establishment.objects.count() >= before


@fuzz_settings(25)
@given(
    st.sampled_from(["ke-hoach.txt", "ke-hoach.docx", "ke-hoach.pdf", "ke-hoach.md"]),
    st.one_of(st.binary(max_size=2000), plan_like_text().map(lambda t: t.encode())),
)
def test_the_plan_import_page_and_api_never_fail(cast, client, name, data):
    from lanhmanh.plans.models import Plan

    client.force_login(cast.inside["coordinator"])
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post("/plans/import/", {"file": upload})
    assert response.status_code in (200, 302, 400)
    if response.status_code == 302:
        assert Plan.objects.filter(source_filename=name).exists()
    upload.seek(0)
    response = client.post("/api/v1/plans/extract", {"file": upload})
    assert response.status_code in (200, 400, 422), response.content[:300]
    assert response.json()
