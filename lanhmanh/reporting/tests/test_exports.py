"""The export module of the provincial report: DOCX, XLSX and PDF files, read back."""

import datetime
import io
import re
import subprocess
import sys

import pytest
from docx import Document
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from lanhmanh.reporting.exports import (
    IndicatorTable,
    Narrative,
    ProvincialReport,
    TargetRow,
    date_line,
    docx_bytes,
    format_number,
    format_value,
    html_document,
    pdf_bytes,
    roman,
    xlsx_bytes,
    xlsx_table_bytes,
)

# Invented units and values of an invented province.
UNITS = [
    "Công an tỉnh",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "UBND phường Trường Vinh",
    "UBND xã Nghi Lộc",
    "UBND xã Diễn Châu",
    "UBND phường Cửa Lò",
    "UBND xã Quỳnh Lưu",
]


def make_report(units: list[str] | None = None) -> ProvincialReport:
    units = UNITS if units is None else units
    n = len(units)

    def spread(values: list[float | int | None]) -> list[float | int | None]:
        return (values * (n // len(values) + 1))[:n]

    rows = [
        ("Số cơ sở kinh doanh dịch vụ được kiểm tra", "cơ sở", spread([12, 0, 3, None, 25]), 1250),
        ("Tỷ lệ cơ sở được kiểm tra", "%", spread([27.5, 12.25, None, 40.0]), 31.4),
        ("Số người được tiếp cận truyền thông", "người", spread([10000, 2500, 780]), 48312),
        ("Số vụ án mua bán dâm được khởi tố", "vụ", spread([4, None]), 9),
    ]
    return ProvincialReport(
        issuer_parent="UBND tỉnh Nghệ An",
        issuer="Sở Y tế",
        number="…/BC-SYT",
        place="Nghệ An",
        date=datetime.date(2026, 6, 25),
        title="Báo cáo",
        subtitle=(
            "Kết quả thực hiện Kế hoạch số 118/KH-UBND về phòng, chống mại dâm\n"
            "6 tháng đầu năm 2026"
        ),
        period_label="6 tháng đầu năm 2026",
        targets=[
            TargetRow(
                section="Phòng ngừa",
                text="Kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ dễ bị lợi dụng",
                target="ít nhất 30%",
                value="27,5%",
                status="Có nguy cơ",
                status_code="at_risk",
            ),
            TargetRow(
                section="Phòng ngừa",
                text="Tổ chức 05 hội nghị tập huấn cho cán bộ làm công tác phòng, chống mại dâm",
                target="5 hội nghị",
                value="6",
                status="Đạt",
                status_code="met",
            ),
            TargetRow(
                section="Hỗ trợ",
                text="85% xã, phường được công nhận lành mạnh không có tệ nạn mại dâm",
                target="ít nhất 85%",
                value=None,
                status="Chưa có số liệu",
                status_code="no_data",
            ),
        ],
        table=IndicatorTable(units=units, rows=rows),
        narratives={
            "Kết quả đạt được": [
                Narrative(
                    unit="Công an tỉnh",
                    text=(
                        "Triệt phá 02 đường dây môi giới mại dâm trên mạng xã hội.\n"
                        "Phối hợp Đội kiểm tra liên ngành 178 kiểm tra 45 cơ sở."
                    ),
                ),
                Narrative(
                    unit="Hội Liên hiệp Phụ nữ tỉnh",
                    text="Tổ chức 12 buổi truyền thông tại khu công nghiệp Nam Cấm.",
                ),
            ],
            "Khó khăn, vướng mắc": [
                Narrative(
                    unit="UBND xã Nghi Lộc",
                    text="Cán bộ phụ trách kiêm nhiệm nhiều việc, kinh phí còn hạn chế.",
                ),
            ],
            "Đề xuất, kiến nghị": [],
        },
        missing=["UBND xã Quỳnh Lưu", "Sở Tư pháp"],
        late=["UBND phường Cửa Lò"],
        recipients=["Bộ Y tế (để b/c)", "UBND tỉnh (để b/c)", "Các sở, ngành liên quan"],
        signer_title="Giám đốc",
        signer_name="Nguyễn Văn A",
    )


@pytest.fixture(scope="module")
def report() -> ProvincialReport:
    return make_report()


@pytest.fixture(scope="module")
def document(report):
    return Document(io.BytesIO(docx_bytes(report)))


@pytest.fixture(scope="module")
def workbook(report):
    return load_workbook(io.BytesIO(xlsx_bytes(report)))


def all_paragraph_texts(document) -> list[str]:
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return texts


# --- formatting -----------------------------------------------------------------------------


def test_format_number_vietnamese_style():
    assert format_number(10000) == "10.000"
    assert format_number(2.5, 1) == "2,5"
    assert format_number(None) == "—"
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(-1250) == "-1.250"
    assert format_number(2.5) == "3"  # half up, not banker's rounding
    assert format_number(0) == "0"


def test_format_value_keeps_the_decimals_that_matter():
    assert format_value(27.5) == "27,5"
    assert format_value(12.25) == "12,25"
    assert format_value(40.0) == "40"
    assert format_value(48312) == "48.312"
    assert format_value(None) == "—"
    assert format_value(12.25, 1) == "12,3"
    assert format_value(39.96, 1) == "40"


def test_roman_and_date_line():
    assert [roman(n) for n in (1, 2, 4, 5, 9, 14)] == ["I", "II", "IV", "V", "IX", "XIV"]
    assert date_line("Nghệ An", datetime.date(2026, 6, 25)) == "Nghệ An, ngày 25 tháng 6 năm 2026"
    # Decree 30/2020: days below 10 and months 1 and 2 take a leading zero.
    assert date_line("Hà Nội", datetime.date(2026, 2, 5)) == "Hà Nội, ngày 05 tháng 02 năm 2026"
    assert date_line("Hà Nội", datetime.date(2026, 12, 9)) == "Hà Nội, ngày 09 tháng 12 năm 2026"


def test_module_does_not_import_django():
    code = (
        "import sys\n"
        "import lanhmanh.reporting.exports\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# --- DOCX -----------------------------------------------------------------------------------


def test_docx_header_block(document):
    header = document.tables[0]
    left, right = header.rows[0].cells
    left_texts = [p.text for p in left.paragraphs if p.text]
    right_texts = [p.text for p in right.paragraphs if p.text]
    assert left_texts == ["UBND TỈNH NGHỆ AN", "SỞ Y TẾ", "Số: …/BC-SYT"]
    assert right_texts == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nghệ An, ngày 25 tháng 6 năm 2026",
    ]
    issuer = next(p for p in left.paragraphs if p.text == "SỞ Y TẾ")
    assert all(run.bold for run in issuer.runs)
    parent = next(p for p in left.paragraphs if p.text == "UBND TỈNH NGHỆ AN")
    assert not any(run.bold for run in parent.runs)
    date = next(p for p in right.paragraphs if p.text.startswith("Nghệ An, ngày"))
    assert all(run.italic for run in date.runs)
    national = right.paragraphs[0]
    assert all(run.bold for run in national.runs)
    assert 12 <= national.runs[0].font.size.pt <= 13
    # The header table has no borders: no table style with a grid.
    assert header.style is None or header.style.name != "Table Grid"


def test_docx_header_without_parent_or_number():
    report = make_report()
    report.issuer_parent = None
    report.number = None
    document = Document(io.BytesIO(docx_bytes(report)))
    left = document.tables[0].rows[0].cells[0]
    texts = [p.text for p in left.paragraphs if p.text]
    assert texts[0] == "SỞ Y TẾ"
    assert texts[-1].startswith("Số:") and texts[-1].endswith("/BC")


def test_docx_title_and_sections(document):
    texts = [p.text for p in document.paragraphs]
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert all(run.bold for run in title.runs)
    assert title.alignment == 1  # centre
    assert any(text.startswith("Kết quả thực hiện Kế hoạch số 118/KH-UBND") for text in texts)
    headings = [text for text in texts if re.match(r"[IVX]+\. ", text)]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. SỐ LIỆU THEO ĐƠN VỊ",
        "III. KẾT QUẢ ĐẠT ĐƯỢC",
        "IV. KHÓ KHĂN, VƯỚNG MẮC",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
        "VI. TÌNH HÌNH BÁO CÁO",
    ]


def test_docx_targets_table(document):
    table = document.tables[1]
    assert [cell.text for cell in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Mục tiêu",
        "Kết quả",
        "Đánh giá",
    ]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    first = next(row for row in rows if row[1].startswith("Kiểm tra ít nhất 30%"))
    assert first[0] == "1"
    assert first[2:] == ["ít nhất 30%", "27,5%", "Có nguy cơ"]
    no_data = next(row for row in rows if row[1].startswith("85% xã"))
    assert no_data[3:] == ["—", "Chưa có số liệu"]
    # Section rows span the table.
    assert any(row == ["Hỗ trợ"] * 5 for row in rows)


def test_docx_indicator_table_by_unit(document, report):
    unit_tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"][1:]
    # Nine units do not fit one landscape table: two balanced blocks, 5 and 4 units.
    assert len(unit_tables) == 2
    headers = [cell.text for cell in unit_tables[0].rows[0].cells]
    assert headers[:3] == ["STT", "Chỉ tiêu", "Đơn vị tính"]
    assert headers[3] == "Công an tỉnh"
    assert headers[-1] == "Toàn tỉnh"
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in unit_tables[0].rows[1:]}
    assert rows["Số cơ sở kinh doanh dịch vụ được kiểm tra"][3] == "12"
    assert rows["Số cơ sở kinh doanh dịch vụ được kiểm tra"][-1] == "1.250"
    # Percents with one decimal at most.
    assert rows["Tỷ lệ cơ sở được kiểm tra"][3:5] == ["27,5", "12,3"]
    assert rows["Số người được tiếp cận truyền thông"][3] == "10.000"
    assert rows["Số vụ án mua bán dâm được khởi tố"][4] == "—"
    second = [cell.text for cell in unit_tables[1].rows[0].cells]
    assert len(headers) == 3 + 5 + 1
    assert second[3:] == [*report.table.units[5:], "Toàn tỉnh"]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in unit_tables[1].rows[1:]}
    reach = rows["Số người được tiếp cận truyền thông"]
    assert reach[3:] == ["780", "10.000", "2.500", "780", "48.312"]
    # The table sits in a landscape section, and the text after it is portrait again.
    sections = document.sections
    assert len(sections) == 3
    assert sections[1].page_width > sections[1].page_height
    assert sections[2].page_width < sections[2].page_height


def test_docx_few_units_stay_portrait():
    document = Document(io.BytesIO(docx_bytes(make_report(UNITS[:2]))))
    assert len(document.sections) == 1
    table = document.tables[2]
    assert [c.text for c in table.rows[0].cells][3:] == [*UNITS[:2], "Toàn tỉnh"]


def test_docx_narratives_and_reporting_status(document):
    texts = [p.text for p in document.paragraphs]
    results = texts.index("III. KẾT QUẢ ĐẠT ĐƯỢC")
    difficulties = texts.index("IV. KHÓ KHĂN, VƯỚNG MẮC")
    section = texts[results:difficulties]
    assert "1. Công an tỉnh" in section
    assert "Triệt phá 02 đường dây môi giới mại dâm trên mạng xã hội." in section
    assert "Phối hợp Đội kiểm tra liên ngành 178 kiểm tra 45 cơ sở." in section
    unit = next(p for p in document.paragraphs if p.text == "1. Công an tỉnh")
    assert all(run.bold for run in unit.runs)
    proposals = texts.index("V. ĐỀ XUẤT, KIẾN NGHỊ")
    assert texts[proposals + 1] == "Chưa có đơn vị báo cáo nội dung này."
    status = texts[texts.index("VI. TÌNH HÌNH BÁO CÁO") :]
    joined = "\n".join(status)
    assert "UBND xã Quỳnh Lưu; Sở Tư pháp." in joined
    assert "Đơn vị gửi báo cáo muộn: 1 đơn vị." in joined
    assert "UBND phường Cửa Lò." in joined


def test_docx_recipients_and_signer(document):
    closing = document.tables[-1]
    left, right = closing.rows[0].cells
    left_texts = [p.text for p in left.paragraphs]
    assert left_texts[0] == "Nơi nhận:"
    label = left.paragraphs[0].runs[0]
    assert label.bold and label.italic and label.font.size == Pt(12)
    assert left_texts[1:] == [
        "- Bộ Y tế (để b/c);",
        "- UBND tỉnh (để b/c);",
        "- Các sở, ngành liên quan;",
        "- Lưu: VT.",
    ]
    assert all(p.runs[0].font.size == Pt(11) for p in left.paragraphs[1:])
    right_texts = [p.text for p in right.paragraphs if p.text]
    assert right_texts == ["GIÁM ĐỐC", "Nguyễn Văn A"]
    assert all(run.bold for run in right.paragraphs[0].runs)


def test_docx_fonts_and_sizes(document):
    body = [p for p in document.paragraphs if p.text.strip()]
    assert body
    for paragraph in body:
        for run in paragraph.runs:
            assert run.font.name == "Times New Roman", paragraph.text
            fonts = run._r.rPr.rFonts
            assert fonts.get(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
            ) == ("Times New Roman")
            assert Pt(13) <= run.font.size <= Pt(14), paragraph.text
    justified = [p for p in body if p.text.startswith("Triệt phá")]
    assert justified[0].alignment == 3  # justify
    assert justified[0].paragraph_format.first_line_indent > 0
    assert justified[0].paragraph_format.space_after == Pt(6)
    assert justified[0].paragraph_format.line_spacing >= 1.0
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    # Every run of every table is Times New Roman as well (sizes 11-14 pt).
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if run.text:
                            assert run.font.name == "Times New Roman"
                            assert Pt(11) <= run.font.size <= Pt(14)


def test_docx_page_setup(document):
    first = document.sections[0]
    assert abs(first.page_width - Mm(210)) < Mm(0.5)
    assert abs(first.page_height - Mm(297)) < Mm(0.5)
    for section in document.sections:
        assert Mm(20) - Mm(0.5) <= section.top_margin <= Mm(25) + Mm(0.5)
        assert Mm(20) - Mm(0.5) <= section.bottom_margin <= Mm(25) + Mm(0.5)
        assert Mm(30) - Mm(0.5) <= section.left_margin <= Mm(35) + Mm(0.5)
        assert Mm(15) - Mm(0.5) <= section.right_margin <= Mm(20) + Mm(0.5)
    # Page numbers from the second page on.
    assert first.different_first_page_header_footer
    assert "PAGE" in first.header._element.xml


def test_docx_empty_report_still_builds():
    report = make_report([])
    report.targets = []
    report.table = IndicatorTable(units=[], rows=[])
    report.narratives = {}
    report.missing = []
    report.late = []
    report.recipients = []
    document = Document(io.BytesIO(docx_bytes(report)))
    texts = [p.text for p in document.paragraphs]
    assert "Tất cả các đơn vị đã gửi báo cáo đúng hạn." in texts
    assert "Chưa có số liệu." in texts


def test_pasted_control_characters_do_not_break_the_files():
    report = make_report(["Sở Y\x00 tế", *UNITS[:2]])
    report.narratives = {
        "Kết quả đạt được": [Narrative(unit="Công an tỉnh", text="Dòng một\x0bDòng hai\x07.")]
    }
    document = Document(io.BytesIO(docx_bytes(report)))
    texts = [p.text for p in document.paragraphs]
    assert "Dòng một" in texts
    assert "Dòng hai." in texts
    workbook = load_workbook(io.BytesIO(xlsx_bytes(report)))
    assert workbook["Số liệu"]["C2"].value == "Sở Y tế"


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_sheets(workbook):
    assert workbook.sheetnames == ["Chỉ tiêu", "Số liệu", "Báo cáo"]


def test_xlsx_targets_sheet(workbook):
    sheet = workbook["Chỉ tiêu"]
    assert [c.value for c in sheet[2]] == [
        "STT",
        "Nhóm",
        "Chỉ tiêu",
        "Mục tiêu",
        "Kết quả",
        "Đánh giá",
        "Mã trạng thái",
    ]
    assert [c.value for c in sheet[3]][3:] == ["ít nhất 30%", "27,5%", "Có nguy cơ", "at_risk"]
    assert sheet["A3"].value == 1
    assert sheet["E5"].value == "—"
    assert sheet.freeze_panes == "A3"


def test_xlsx_indicator_sheet(workbook, report):
    sheet = workbook["Số liệu"]
    header = [c.value for c in sheet[2]]
    assert header == ["Chỉ tiêu", "Đơn vị tính", *report.table.units, "Toàn tỉnh"]
    assert sheet.freeze_panes == "C3"
    assert sheet["A3"].value == "Số cơ sở kinh doanh dịch vụ được kiểm tra"
    assert sheet["C3"].value == 12 and isinstance(sheet["C3"].value, int)
    assert sheet["F3"].value is None  # not reported stays empty, not "—"
    total = sheet.cell(row=3, column=len(header))
    assert total.value == 1250
    assert total.number_format == "#,##0"
    percent = sheet["C4"]
    assert percent.value == 27.5 and isinstance(percent.value, float)
    assert percent.number_format == "0.0"
    assert sheet["C5"].value == 10000
    assert sheet.column_dimensions["A"].width >= 40
    assert sheet.column_dimensions["C"].width >= 10


def test_xlsx_reporting_sheet(workbook):
    sheet = workbook["Báo cáo"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["Kỳ báo cáo", "6 tháng đầu năm 2026", None] in values
    assert [1, "UBND xã Quỳnh Lưu", "Chưa báo cáo"] in values
    assert [2, "Sở Tư pháp", "Chưa báo cáo"] in values
    assert [3, "UBND phường Cửa Lò", "Báo cáo muộn"] in values


def test_xlsx_table_only(report):
    workbook = load_workbook(io.BytesIO(xlsx_table_bytes(report.table, "2026-H1")))
    assert workbook.sheetnames == ["Số liệu"]
    sheet = workbook["Số liệu"]
    assert "2026-H1" in sheet["A1"].value
    assert sheet["D5"].value == 2500


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_is_laid_out_by_weasyprint(report, tmp_path):
    from pypdf import PdfReader

    data = pdf_bytes(report)
    assert data[:5] == b"%PDF-"
    pdf = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text
    assert report.targets[0].status in text
    assert "Toàn tỉnh" in text and "Nơi nhận:" in text
    # A4 portrait first; the wide indicator table on landscape pages.
    first = pdf.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)
    assert any(float(page.mediabox.width) > float(page.mediabox.height) for page in pdf.pages)
    last = pdf.pages[-1].mediabox  # and portrait again after it
    assert float(last.width) < float(last.height)
    fonts = {
        str(font["/BaseFont"])
        for page in pdf.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        if "/BaseFont" in font.get_object()
        for font in [font.get_object()]
    }
    assert any("Times" in name or "Liberation" in name for name in fonts), fonts


def test_pdf_html_escapes_text(report):
    from dataclasses import replace

    html = html_document(replace(report, intro="<script>x</script> & co"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_pdf_without_weasyprint_is_a_clear_error(report, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(RuntimeError, match="WeasyPrint"):
        pdf_bytes(report)


def test_docx_indicator_rows_are_formatted_alike_and_hold_their_values():
    """Rows after the first are copies of it with other texts (for speed): each must still
    carry its own values, blanks and dashes, with the first row's formatting."""
    units = UNITS[:3]
    rows = [
        (f"Chỉ tiêu số {n}" + ("\ndòng thứ hai" if n == 7 else ""), "vụ", [n, None, ""], n * 3)
        for n in range(1, 41)
    ]
    report = make_report(units)
    report.table = IndicatorTable(units=units, rows=rows)
    document = Document(io.BytesIO(docx_bytes(report)))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Toàn tỉnh")
    body = table.rows[1:]
    assert len(body) == 40
    for number, row in enumerate(body, start=1):
        texts = [cell.text for cell in row.cells]
        assert texts[0] == str(number)
        assert texts[2:] == ["vụ", format_value(number), "—", "", format_value(number * 3)]
        total, value = row.cells[-1].paragraphs[0], row.cells[3].paragraphs[0]
        assert total.alignment == value.alignment == 2  # right
        assert total.runs[0].bold and not value.runs[0].bold
        assert row.cells[1].paragraphs[0].alignment == 0  # left
        assert row.cells[3].width == body[0].cells[3].width
    assert body[6].cells[1].text == "Chỉ tiêu số 7\ndòng thứ hai"
