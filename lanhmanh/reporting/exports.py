"""Files of the compiled provincial report: DOCX, XLSX and PDF.

Plain Python on purpose (no Django import): the caller compiles a :class:`ProvincialReport` from
the database and this module only lays it out.

The DOCX follows the administrative layout of Decree 30/2020/NĐ-CP (Appendix I): A4, margins
20/20/30/15 mm, Times New Roman, the two-column header (issuing body, number / national title,
motto, place and date), the title and its summary, numbered sections, "Nơi nhận" and the signer
block, page numbers at the top centre from the second page on.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "NOT_ASKED",
    "IndicatorTable",
    "Narrative",
    "ProvincialReport",
    "TargetRow",
    "date_line",
    "docx_bytes",
    "format_number",
    "format_value",
    "html_document",
    "pdf_bytes",
    "roman",
    "xlsx_bytes",
    "xlsx_table_bytes",
]

FONT = "Times New Roman"
EMPTY = "—"
# A unit not asked for an indicator (not its work): a blank cell, unlike a missing value (—).
NOT_ASKED = ""
TABLE_LEGEND = "Ô để trống: đơn vị không được giao báo cáo chỉ tiêu này; dấu —: chưa có số liệu."

# Sizes in points.
BODY_PT = 14
HEADER_PT = 13
TARGETS_TABLE_PT = 13
INDICATOR_TABLE_PT = 11
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11

# Page geometry in millimetres (Decree 30/2020, Appendix I, section II).
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
LANDSCAPE_TEXT_WIDTH_CM = (PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
CELL_MARGINS_CM = 0.38  # Word's default left and right cell margins, 0.19 cm each

# Indicator table: unit columns per table in portrait and landscape; more units than
# PORTRAIT_MAX_UNITS put the table on landscape pages, split in blocks of LANDSCAPE_MAX_UNITS.
PORTRAIT_MAX_UNITS = 3
LANDSCAPE_MAX_UNITS = 7

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TOTAL_LABEL = "Toàn tỉnh"


# --------------------------------------------------------------------------------------------
# Data


@dataclass
class TargetRow:
    """One target's result: its text, the target, the current value and the status."""

    section: str
    text: str
    target: str
    value: str | None
    status: str
    status_code: str  # met / on_track / at_risk / off_track / no_data


@dataclass
class IndicatorTable:
    """Indicator values by unit: rows of (name, unit of measure, values per unit, total).
    A unit's value is :data:`NOT_ASKED` where the unit does not report the indicator."""

    units: list[str]
    rows: list[tuple[str, str, list[float | int | str | None], float | int | None]]


@dataclass
class Narrative:
    """A unit's text under one narrative heading."""

    unit: str
    text: str


@dataclass
class ProvincialReport:
    """Everything the compiled provincial report shows, already computed and labelled."""

    issuer_parent: str | None
    issuer: str
    number: str | None
    place: str
    date: datetime.date
    title: str
    subtitle: str
    period_label: str
    targets: list[TargetRow]
    table: IndicatorTable
    narratives: dict[str, list[Narrative]]
    missing: list[str]
    late: list[str]
    recipients: list[str]
    signer_title: str
    signer_name: str | None = None
    intro: str | None = None


# --------------------------------------------------------------------------------------------
# Formatting helpers


def format_number(x: float | int | Decimal | None, decimals: int = 0) -> str:
    """Vietnamese number style: "." groups thousands, "," marks decimals; None → "—".

    >>> format_number(10000), format_number(2.5, 1), format_number(None)
    ('10.000', '2,5', '—')
    """
    if x is None:
        return EMPTY
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    value = Decimal(str(x)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{max(decimals, 0)}f}"  # "10,000.5"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return sign + text


def format_value(x: float | int | None, max_decimals: int = 2) -> str:
    """A table value: whole numbers without decimals, others with up to ``max_decimals``."""
    if x is None:
        return EMPTY
    if isinstance(x, str):  # NOT_ASKED
        return x
    value = round(float(x), max_decimals)
    if value.is_integer():
        return format_number(x, 0)
    decimals = next(d for d in range(1, max_decimals + 1) if round(value, d) == value)
    return format_number(x, decimals)


def roman(n: int) -> str:
    """Roman numeral for section numbers: 1 → "I", 4 → "IV"."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def date_line(place: str, date: datetime.date) -> str:
    """ "Nghệ An, ngày 25 tháng 6 năm 2026"; days below 10 and months 1–2 get a leading zero."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


# Characters that XML 1.0 forbids; text pasted from other programs may carry them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _upper(text: str) -> str:
    return unicodedata.normalize("NFC", text.upper())


# Rough advance widths of Times New Roman in em, for the lengths of the header rules.
def _text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    em = 0.0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        if char == " ":
            em += 0.25
        elif char in "Đđ":
            em += 0.72 if char == "Đ" else 0.5
        elif char.isupper():
            em += 0.72 if bold else 0.67
        elif char.isdigit():
            em += 0.5
        elif char.isalpha():
            em += 0.5 if bold else 0.46
        else:
            em += 0.33
    return em * size_pt * 2.54 / 72


# --------------------------------------------------------------------------------------------
# DOCX


def docx_bytes(report: ProvincialReport) -> bytes:
    """The report as a Word document in the Decree 30/2020 layout."""
    return _DocxWriter(report).build()


def _clone_row(table, prototype, texts: list[str]) -> bool:
    """Append a copy of the row ``prototype`` with other texts, one a cell; False (nothing
    appended) when the copy's cells cannot take them in their single run. Formatting every
    cell anew costs python-docx about a millisecond; a province of 180 units makes 20.000."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if any(text != text.strip() or "\n" in text for text in texts):
        return False
    row = copy.deepcopy(prototype)
    cells = row.findall(qn("w:tc"))
    if len(cells) != len(texts):
        return False
    for cell, text in zip(cells, texts, strict=True):
        runs = cell.findall(f".//{qn('w:r')}")
        nodes = runs[0].findall(qn("w:t")) if len(runs) == 1 else []
        if len(runs) != 1 or len(nodes) > 1:
            return False
        if not nodes:  # a blank cell's run has no text element
            nodes = [OxmlElement("w:t")]
            runs[0].append(nodes[0])
        nodes[0].text = text
    table._tbl.append(row)
    return True


class _DocxWriter:
    def __init__(self, report: ProvincialReport) -> None:
        import docx  # python-docx; imported here so that the XLSX path does not need it

        self.report = report
        self.doc = docx.Document()
        self._section_number = 0
        # Formatted run and paragraph properties, built once per combination and copied: a
        # province of 130 units makes thousands of table cells.
        self._rpr_cache: dict[tuple, object] = {}
        self._ppr_cache: dict[tuple, object] = {}

    # --- low-level helpers -------------------------------------------------------------------

    @staticmethod
    def _set_fonts(rpr_parent, name: str = FONT) -> None:
        """Set every script's font (ascii, hAnsi, eastAsia, cs) and drop theme fonts."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rpr = rpr_parent.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attribute}"), name)

    def _run(
        self,
        paragraph,
        text: str,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
    ):
        from docx.shared import Pt

        run = paragraph.add_run(_clean(text))
        key = (size, bold, italic)
        cached = self._rpr_cache.get(key)
        if cached is not None:
            run._r.insert(0, copy.deepcopy(cached))
            return run
        run.font.name = FONT
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        self._set_fonts(run._r)
        self._rpr_cache[key] = copy.deepcopy(run._r.rPr)
        return run

    def _format(
        self,
        paragraph,
        align: str = "justify",
        first_line_cm: float | None = None,
        before: float = 0,
        after: float = 6,
        line_spacing: float = 1.15,
        keep_with_next: bool = False,
    ) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        key = (align, first_line_cm, before, after, line_spacing, keep_with_next)
        existing = paragraph._p.pPr
        fresh = existing is None or len(existing) == 0
        cached = self._ppr_cache.get(key)
        if fresh and cached is not None:
            if existing is not None:
                paragraph._p.remove(existing)
            paragraph._p.insert(0, copy.deepcopy(cached))
            return
        fmt = paragraph.paragraph_format
        fmt.alignment = {
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        fmt.first_line_indent = Cm(first_line_cm) if first_line_cm else None
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = line_spacing
        fmt.keep_with_next = keep_with_next
        fmt.widow_control = True
        if fresh:
            self._ppr_cache[key] = copy.deepcopy(paragraph._p.pPr)

    def _paragraph(
        self,
        container,
        text: str = "",
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        **fmt,
    ):
        paragraph = container.add_paragraph()
        self._format(paragraph, **fmt)
        if text:
            self._run(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    def _body(self, text: str, **fmt):
        fmt.setdefault("first_line_cm", 1.27)
        return self._paragraph(self.doc, text, **fmt)

    def _rule(
        self, container, width_cm: float, container_cm: float, after: float = 0, before: float = 2
    ) -> None:
        """A centred solid line of the given length: an empty paragraph with a top border."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        width_cm = min(width_cm, container_cm)
        side = max((container_cm - width_cm) / 2, 0)
        paragraph = container.add_paragraph()
        # The border goes in first: python-docx then puts spacing and indents after it, in the
        # order the schema wants (pBdr before spacing, ind and jc).
        ppr = paragraph._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        top.set(qn("w:val"), "single")
        top.set(qn("w:sz"), "6")
        top.set(qn("w:space"), "1")
        top.set(qn("w:color"), "000000")
        borders.append(top)
        ppr.append(borders)
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(side)
        fmt.right_indent = Cm(side)
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        fmt.line_spacing = Pt(2)
        run = self._run(paragraph, "", size=1)
        run.font.size = Pt(1)

    @staticmethod
    def _table_widths(table, widths_cm: list[float]) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm

        table.autofit = False
        tbl = table._tbl
        grid = tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
            col.set(qn("w:w"), str(int(Cm(width).twips)))
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)
        tblpr = tbl.tblPr
        layout = tblpr.find(qn("w:tblLayout"))
        if layout is None:
            layout = OxmlElement("w:tblLayout")
            tblpr.append(layout)
        layout.set(qn("w:type"), "fixed")
        total = tblpr.find(qn("w:tblW"))
        if total is None:
            total = OxmlElement("w:tblW")
            tblpr.append(total)
        total.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
        total.set(qn("w:type"), "dxa")

    @staticmethod
    def _repeat_header(row) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        trpr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        trpr.append(header)

    @staticmethod
    def _no_split(row) -> None:
        from docx.oxml import OxmlElement

        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def _cell_text(
        self,
        cell,
        text: str,
        size: float,
        bold: bool = False,
        italic: bool = False,
        align: str = "left",
        pad: float = 2,
    ) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        lines = text.split("\n")
        for index, line in enumerate(lines):
            if index:
                paragraph = cell.add_paragraph()
            before = pad if index == 0 else 0
            after = pad if index == len(lines) - 1 else 0
            self._format(paragraph, align=align, after=after, before=before, line_spacing=1.0)
            self._run(paragraph, line, size=size, bold=bold, italic=italic)

    def _grid_table(self, rows: int, cols: int):
        table = self.doc.add_table(rows=rows, cols=cols)
        table.style = self.doc.styles["Table Grid"]
        from docx.enum.table import WD_TABLE_ALIGNMENT

        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        return table

    def _heading(self, title: str) -> None:
        self._section_number += 1
        self._body(
            f"{roman(self._section_number)}. {_upper(title)}",
            bold=True,
            before=6,
            keep_with_next=True,
        )

    # --- document parts ----------------------------------------------------------------------

    def build(self) -> bytes:
        self._setup()
        self._header()
        self._title()
        if self.report.intro:
            for text in _paragraphs(self.report.intro):
                self._body(text)
        self._targets()
        self._indicator_table()
        for heading, narratives in self.report.narratives.items():
            self._narratives(heading, narratives)
        self._reporting_status()
        self._closing()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _setup(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        doc = self.doc
        # Fonts: the document defaults and the Normal style, every script, no theme fonts.
        styles_element = doc.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(qn("w:rPrDefault"))
            if rpr_default is not None:
                rpr = rpr_default.find(qn("w:rPr"))
                if rpr is not None:
                    fonts = rpr.find(qn("w:rFonts"))
                    if fonts is None:
                        fonts = OxmlElement("w:rFonts")
                        rpr.insert(0, fonts)
                    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                        fonts.attrib.pop(qn(f"w:{attribute}"), None)
                    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
                        fonts.set(qn(f"w:{attribute}"), FONT)
        normal = doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        self._set_fonts(normal.element)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        lang.set(qn("w:eastAsia"), "vi-VN")
        normal.element.get_or_add_rPr().append(lang)
        normal.paragraph_format.space_after = Pt(0)

        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGIN_TOP_MM)
        section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
        section.left_margin = Mm(MARGIN_LEFT_MM)
        section.right_margin = Mm(MARGIN_RIGHT_MM)
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)
        # Page numbers: top centre, not on the first page.
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        self._format(paragraph, align="center", after=0, line_spacing=1.0)
        self._page_field(paragraph)

        props = doc.core_properties
        props.title = _clean(f"{self.report.title} {self.report.subtitle}".strip())
        props.author = _clean(self.report.issuer)
        props.last_modified_by = _clean(self.report.issuer)
        props.language = "vi-VN"
        props.comments = ""

    def _page_field(self, paragraph) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        run = self._run(paragraph, "", size=BODY_PT)
        begin = OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instruction = OxmlElement("w:instrText")
        instruction.set(qn("xml:space"), "preserve")
        instruction.text = " PAGE "
        separate = OxmlElement("w:fldChar")
        separate.set(qn("w:fldCharType"), "separate")
        text = OxmlElement("w:t")
        text.text = "2"
        end = OxmlElement("w:fldChar")
        end.set(qn("w:fldCharType"), "end")
        for element in (begin, instruction, separate, text, end):
            run._r.append(element)

    def _header(self) -> None:
        report = self.report
        left_cm, right_cm = 6.3, TEXT_WIDTH_CM + 0.7 - 6.3
        table = self.doc.add_table(rows=1, cols=2)
        from docx.enum.table import WD_TABLE_ALIGNMENT

        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._table_widths(table, [left_cm, right_cm])
        left, right = table.rows[0].cells

        # Left column: issuing body (parent regular, issuer bold), a short rule, the number.
        first = left.paragraphs[0]
        self._format(first, align="center", after=0, line_spacing=1.0)
        if report.issuer_parent:
            self._run(first, _upper(report.issuer_parent), size=HEADER_PT)
            issuer = left.add_paragraph()
            self._format(issuer, align="center", after=0, line_spacing=1.0)
        else:
            issuer = first
        self._run(issuer, _upper(report.issuer), size=HEADER_PT, bold=True)
        last_line = _upper(report.issuer).split("\n")[-1]
        # A wrapped name fills the column: the rule takes under half of the column then.
        issuer_width = min(
            _text_width_cm(last_line, HEADER_PT, bold=True), left_cm - CELL_MARGINS_CM
        )
        self._rule(left, max(issuer_width * 0.45, 1.5), left_cm - CELL_MARGINS_CM, after=4)
        number = report.number.strip() if report.number else "      /BC"
        if not number.lower().startswith("số"):
            number = f"Số: {number}"
        self._paragraph(left, number, size=HEADER_PT, align="center", after=0, line_spacing=1.0)

        # Right column: national title, motto with a rule of its own length, place and date.
        title = right.paragraphs[0]
        self._format(title, align="center", after=0, line_spacing=1.0)
        national_size = HEADER_PT if right_cm >= 9.5 else HEADER_PT - 1
        self._run(title, NATIONAL_TITLE, size=national_size, bold=True)
        self._paragraph(right, MOTTO, size=HEADER_PT + 1, bold=True, align="center", after=0)
        right.paragraphs[-1].paragraph_format.line_spacing = 1.0
        motto_width = _text_width_cm(MOTTO, HEADER_PT + 1, bold=True) * 1.03
        self._rule(right, motto_width, right_cm - CELL_MARGINS_CM, after=6)
        self._paragraph(
            right,
            date_line(report.place, report.date),
            size=BODY_PT,
            italic=True,
            align="center",
            after=0,
            line_spacing=1.0,
        )

    def _title(self) -> None:
        report = self.report
        self._paragraph(
            self.doc,
            _upper(report.title),
            bold=True,
            align="center",
            before=18,
            after=0,
            line_spacing=1.0,
            keep_with_next=True,
        )
        lines = [line for line in report.subtitle.split("\n") if line.strip()]
        for line in lines:
            self._paragraph(
                self.doc,
                line,
                bold=True,
                align="center",
                after=0,
                line_spacing=1.0,
                keep_with_next=True,
            )
        longest = max((_text_width_cm(line, BODY_PT, bold=True) for line in lines), default=6.0)
        width = min(max(min(longest, TEXT_WIDTH_CM) * 0.4, 2.5), 6.0)
        self._rule(self.doc, width, TEXT_WIDTH_CM, after=12)

    def _targets(self) -> None:
        self._heading("Kết quả thực hiện các chỉ tiêu")
        targets = self.report.targets
        if not targets:
            self._body("Kế hoạch chưa có chỉ tiêu được theo dõi.", italic=True)
            return
        widths = [1.4, 7.1, 2.9, 2.4, 2.7]
        headers = ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"]
        sections = [row.section for row in targets]
        show_sections = len(set(sections)) > 1 or any(sections)
        table = self._grid_table(1, len(headers))
        self._repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._cell_text(cell, text, TARGETS_TABLE_PT, bold=True, align="center")
        current_section = None
        for number, row in enumerate(targets, start=1):
            if show_sections and row.section != current_section and row.section:
                current_section = row.section
                cells = table.add_row().cells
                merged = cells[0].merge(cells[-1])
                self._cell_text(merged, row.section, TARGETS_TABLE_PT, bold=True)
            cells = table.add_row().cells
            self._no_split(table.rows[-1])
            values = [str(number), row.text, row.target, row.value or EMPTY, row.status]
            aligns = ["center", "left", "center", "center", "center"]
            for cell, text, align in zip(cells, values, aligns, strict=True):
                self._cell_text(cell, text, TARGETS_TABLE_PT, align=align)
        self._table_widths(table, widths)
        self._spacer()

    def _spacer(self, after: float = 6) -> None:
        self._paragraph(self.doc, "", size=6, after=after, line_spacing=1.0)

    def _indicator_table(self) -> None:
        from docx.enum.section import WD_ORIENT, WD_SECTION
        from docx.shared import Mm

        report = self.report
        table_data = report.table
        units = table_data.units
        landscape = len(units) > PORTRAIT_MAX_UNITS
        if landscape:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width = Mm(PAGE_HEIGHT_MM)
            section.page_height = Mm(PAGE_WIDTH_MM)
            section.different_first_page_header_footer = False
        width = LANDSCAPE_TEXT_WIDTH_CM if landscape else TEXT_WIDTH_CM
        per_table = LANDSCAPE_MAX_UNITS if landscape else PORTRAIT_MAX_UNITS

        self._heading("Số liệu theo đơn vị")
        self._body(f"Kỳ báo cáo: {report.period_label}.", italic=True)
        if not table_data.rows:
            self._body("Chưa có số liệu.", italic=True)
        # Balanced blocks: 9 units in landscape make tables of 5 and 4, not 7 and 2.
        count = max(-(-len(units) // per_table), 1)
        size = -(-len(units) // count) if units else 0
        starts = list(range(0, len(units), size)) if units else [0]
        blocks = [(start, units[start : start + size] if size else []) for start in starts]
        for block_index, (start, block) in enumerate(blocks if table_data.rows else []):
            if len(blocks) > 1:
                label = f"Bảng {block_index + 1}/{len(blocks)}: đơn vị {start + 1}–"
                label += f"{start + len(block)} (số liệu toàn tỉnh ở cột cuối)"
                self._paragraph(
                    self.doc,
                    label,
                    size=HEADER_PT,
                    italic=True,
                    align="left",
                    after=3,
                    keep_with_next=True,
                )
            self._unit_block(block, start, width)
            self._spacer()
        if table_data.rows and any(
            value == NOT_ASKED for _n, _m, values, _t in table_data.rows for value in values
        ):
            self._paragraph(self.doc, TABLE_LEGEND, size=HEADER_PT, italic=True, after=6)
        if landscape:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width = Mm(PAGE_WIDTH_MM)
            section.page_height = Mm(PAGE_HEIGHT_MM)
            section.different_first_page_header_footer = False

    def _unit_block(self, block: list[str], start: int, width_cm: float) -> None:
        rows = self.report.table.rows
        size = INDICATOR_TABLE_PT
        number_col, measure_col = 1.2, 1.8
        value_cols = len(block) + 1
        value_width = min(2.6, (width_cm - number_col - measure_col - 6.0) / value_cols)
        name_col = width_cm - number_col - measure_col - value_width * value_cols
        widths = [number_col, name_col, measure_col] + [value_width] * value_cols
        headers = ["STT", "Chỉ tiêu", "Đơn vị tính", *block, TOTAL_LABEL]
        table = self._grid_table(1, len(headers))
        self._repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._cell_text(cell, text, size, bold=True, align="center")
        prototype = None
        for number, (name, measure, values, total) in enumerate(rows, start=1):
            block_values = list(values[start : start + len(block)])
            block_values += [None] * (len(block) - len(block_values))
            texts = [str(number), name, measure]
            decimals = 1 if measure.strip() == "%" else 2
            texts += [format_value(value, decimals) for value in block_values]
            texts.append(format_value(total, decimals))
            if prototype is not None and _clone_row(table, prototype, texts):
                continue
            row = table.add_row()
            self._no_split(row)
            cells = row.cells
            aligns = ["center", "left", "center"] + ["right"] * len(block)
            for cell, text, align in zip(cells, texts, aligns, strict=False):
                self._cell_text(cell, text, size, align=align)
            self._cell_text(cells[-1], texts[-1], size, bold=True, align="right")
            if prototype is None:
                # The widths go on the first rows, so the rows cloned from them carry them.
                self._table_widths(table, widths)
                prototype = row._tr
        if prototype is None:
            self._table_widths(table, widths)

    def _narratives(self, heading: str, narratives: list[Narrative]) -> None:
        self._heading(heading)
        written = [item for item in narratives if item.text and item.text.strip()]
        if not written:
            self._body("Chưa có đơn vị báo cáo nội dung này.", italic=True)
            return
        for number, item in enumerate(written, start=1):
            self._body(f"{number}. {item.unit}", bold=True, keep_with_next=True)
            for text in _paragraphs(item.text):
                self._body(text)

    def _reporting_status(self) -> None:
        report = self.report
        self._heading("Tình hình báo cáo")
        if not report.missing and not report.late:
            self._body("Tất cả các đơn vị đã gửi báo cáo đúng hạn.")
            return
        parts = [
            ("Đơn vị chưa gửi báo cáo", report.missing),
            ("Đơn vị gửi báo cáo muộn", report.late),
        ]
        for number, (label, units) in enumerate(parts, start=1):
            paragraph = self._body("", keep_with_next=bool(units))
            self._run(paragraph, f"{number}. {label}: ", bold=True)
            if units:
                self._run(paragraph, f"{len(units)} đơn vị.")
                self._body("; ".join(units) + ".")
            else:
                self._run(paragraph, "không có.")

    def _closing(self) -> None:
        report = self.report
        self._paragraph(self.doc, "", size=6, after=6, line_spacing=1.0)
        from docx.enum.table import WD_TABLE_ALIGNMENT

        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left_cm = 8.0
        right_cm = TEXT_WIDTH_CM + 0.7 - left_cm
        self._table_widths(table, [left_cm, right_cm])
        self._no_split(table.rows[0])
        left, right = table.rows[0].cells

        label = left.paragraphs[0]
        self._format(label, align="left", after=0, line_spacing=1.0, keep_with_next=True)
        self._run(label, "Nơi nhận:", size=RECIPIENTS_LABEL_PT, bold=True, italic=True)
        recipients = [line.strip().lstrip("-").strip().rstrip(";.") for line in report.recipients]
        recipients = [line for line in recipients if line]
        if not any(line.lower().startswith("lưu") for line in recipients):
            recipients.append("Lưu: VT")
        for index, line in enumerate(recipients):
            end = "." if index == len(recipients) - 1 else ";"
            self._paragraph(
                left,
                f"- {line}{end}",
                size=RECIPIENTS_PT,
                align="left",
                after=0,
                line_spacing=1.0,
            )

        signer = right.paragraphs[0]
        self._format(signer, align="center", after=0, line_spacing=1.0, keep_with_next=True)
        title_lines = [_upper(line) for line in report.signer_title.split("\n") if line.strip()]
        for index, line in enumerate(title_lines):
            if index:
                signer = right.add_paragraph()
                self._format(signer, align="center", after=0, line_spacing=1.0)
            self._run(signer, line, bold=True)
        for _ in range(4):
            self._paragraph(right, "", align="center", after=0, line_spacing=1.0)
        if report.signer_name:
            self._paragraph(
                right, report.signer_name, bold=True, align="center", after=0, line_spacing=1.0
            )


def _paragraphs(text: str) -> list[str]:
    """Split narrative text into paragraphs on line breaks, dropping empty lines."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------------------------
# XLSX

_STATUS_FILLS = {
    "met": "C6EFCE",
    "on_track": "DDEBF7",
    "at_risk": "FFEB9C",
    "off_track": "FFC7CE",
    "no_data": "EDEDED",
}


def _xl(value):
    """Strings without the control characters that openpyxl refuses."""
    return _clean(value) if isinstance(value, str) else value


def _number_format(measure: str, values: list[float | int | None]) -> str:
    if measure.strip() == "%":
        return "0.0"
    if all(value in (None, NOT_ASKED) or float(value).is_integer() for value in values):
        return "#,##0"
    return "#,##0.0"


def _cell_number(value: float | int | str | None) -> float | int | None:
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _write_table_sheet(sheet, table: IndicatorTable, period_label: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)

    sheet["A1"] = _xl(f"Số liệu theo đơn vị - {period_label}")
    sheet["A1"].font = Font(name=FONT, bold=True, size=13)
    headers = ["Chỉ tiêu", "Đơn vị tính", *table.units, TOTAL_LABEL]
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row=2, column=column, value=_xl(text))
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row_index, (name, measure, values, total) in enumerate(table.rows, start=3):
        number_format = _number_format(measure, [*values, total])
        sheet.cell(row=row_index, column=1, value=_xl(name)).font = plain
        sheet.cell(row=row_index, column=2, value=_xl(measure)).font = plain
        padded = list(values) + [None] * (len(table.units) - len(values))
        for column, value in enumerate([*padded, total], start=3):
            cell = sheet.cell(row=row_index, column=column, value=_cell_number(value))
            cell.number_format = number_format
            cell.font = bold if column == len(headers) else plain
        for column in range(1, len(headers) + 1):
            cell = sheet.cell(row=row_index, column=column)
            cell.border = border
            if column == 1:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C3"
    sheet.column_dimensions["A"].width = 55
    sheet.column_dimensions["B"].width = 12
    for column in range(3, len(headers) + 1):
        letter = get_column_letter(column)
        longest = max((len(word) for word in headers[column - 1].split()), default=8)
        sheet.column_dimensions[letter].width = max(14, min(longest + 4, 24))
    sheet.row_dimensions[2].height = 45
    if table.rows:
        last = get_column_letter(len(headers))
        sheet.auto_filter.ref = f"A2:{last}{len(table.rows) + 2}"


def xlsx_table_bytes(table: IndicatorTable, period_label: str) -> bytes:
    """Only the indicator table by unit, as a one-sheet workbook."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    _write_table_sheet(sheet, table, period_label)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_bytes(report: ProvincialReport) -> bytes:
    """The report as a workbook: "Chỉ tiêu" (targets), "Số liệu" (by unit), "Báo cáo" (status)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    wrap = Alignment(wrap_text=True, vertical="top")

    workbook = Workbook()
    targets = workbook.active
    targets.title = "Chỉ tiêu"
    targets["A1"] = _xl(f"Kết quả thực hiện các chỉ tiêu - {report.period_label}")
    targets["A1"].font = Font(name=FONT, bold=True, size=13)
    headers = ["STT", "Nhóm", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá", "Mã trạng thái"]
    for column, text in enumerate(headers, start=1):
        cell = targets.cell(row=2, column=column, value=_xl(text))
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, row in enumerate(report.targets, start=1):
        values = [
            index,
            row.section,
            row.text,
            row.target,
            row.value if row.value is not None else EMPTY,
            row.status,
            row.status_code,
        ]
        for column, value in enumerate(values, start=1):
            cell = targets.cell(row=index + 2, column=column, value=_xl(value))
            cell.font = plain
            cell.border = border
            cell.alignment = wrap
        fill = _STATUS_FILLS.get(row.status_code)
        if fill:
            targets.cell(row=index + 2, column=6).fill = PatternFill("solid", fgColor=fill)
    targets.freeze_panes = "A3"
    for letter, width in zip("ABCDEFG", [6, 24, 60, 18, 14, 18, 14], strict=True):
        targets.column_dimensions[letter].width = width

    table_sheet = workbook.create_sheet("Số liệu")
    _write_table_sheet(table_sheet, report.table, report.period_label)

    status = workbook.create_sheet("Báo cáo")
    meta = [
        ("Cơ quan", report.issuer),
        ("Số", report.number or ""),
        ("Ngày", report.date),
        ("Báo cáo", report.subtitle),
        ("Kỳ báo cáo", report.period_label),
        ("Số đơn vị chưa báo cáo", len(report.missing)),
        ("Số đơn vị báo cáo muộn", len(report.late)),
    ]
    for row_index, (label, value) in enumerate(meta, start=1):
        status.cell(row=row_index, column=1, value=label).font = bold
        cell = status.cell(row=row_index, column=2, value=_xl(value))
        cell.font = plain
        cell.alignment = Alignment(wrap_text=True, horizontal="left", vertical="top")
        if isinstance(value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
    header_row = len(meta) + 2
    for column, text in enumerate(["STT", "Đơn vị", "Tình trạng"], start=1):
        cell = status.cell(row=header_row, column=column, value=_xl(text))
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
    entries = [(unit, "Chưa báo cáo") for unit in report.missing]
    entries += [(unit, "Báo cáo muộn") for unit in report.late]
    for index, (unit, state) in enumerate(entries, start=1):
        for column, value in enumerate([index, unit, state], start=1):
            cell = status.cell(row=header_row + index, column=column, value=_xl(value))
            cell.font = plain
            cell.border = border
    status.freeze_panes = f"A{header_row + 1}"
    for letter, width in zip("ABC", [26, 60, 18], strict=True):
        status.column_dimensions[letter].width = width

    workbook.properties.title = _clean(f"{report.title} {report.subtitle}".strip())
    workbook.properties.creator = _clean(report.issuer)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# PDF


_STATUS_COLOURS = {
    "met": "#1e7b34",
    "on_track": "#1d5fa8",
    "at_risk": "#9a6700",
    "off_track": "#b42318",
    "no_data": "#555555",
}


def _e(text: object) -> str:
    from html import escape

    return escape(_clean(str(text)))


def html_document(report: ProvincialReport) -> str:
    """The report as one HTML page in the Decree 30/2020 layout, for WeasyPrint: the same
    parts as the DOCX (header block, title, numbered sections, "Nơi nhận", signer)."""
    parts: list[str] = []
    number = report.number.strip() if report.number else "      /BC"
    if not number.lower().startswith("số"):
        number = f"Số: {number}"
    issuer = ""
    if report.issuer_parent:
        issuer += f"<div>{_e(_upper(report.issuer_parent))}</div>"
    issuer += f"<div class='b'>{_e(_upper(report.issuer))}</div>"
    parts.append(
        "<table class='head'><tr>"
        f"<td class='left'>{issuer}<hr class='short'><div>{_e(number)}</div></td>"
        f"<td class='right'><div class='b'>{_e(NATIONAL_TITLE)}</div>"
        f"<div class='b motto'>{_e(MOTTO)}</div><hr class='motto-rule'>"
        f"<div class='i date'>{_e(date_line(report.place, report.date))}</div></td>"
        "</tr></table>"
    )
    parts.append(f"<h1>{_e(_upper(report.title))}</h1>")
    for line in report.subtitle.split("\n"):
        if line.strip():
            parts.append(f"<p class='subtitle'>{_e(line)}</p>")
    parts.append("<hr class='title-rule'>")
    for text in _paragraphs(report.intro or ""):
        parts.append(f"<p>{_e(text)}</p>")
    section = 0

    def heading(title: str) -> None:
        nonlocal section
        section += 1
        parts.append(f"<h2>{roman(section)}. {_e(_upper(title))}</h2>")

    heading("Kết quả thực hiện các chỉ tiêu")
    if not report.targets:
        parts.append("<p class='i'>Kế hoạch chưa có chỉ tiêu được theo dõi.</p>")
    else:
        rows = []
        current = None
        for index, row in enumerate(report.targets, start=1):
            if row.section and row.section != current:
                current = row.section
                rows.append(f"<tr><td colspan='5' class='b'>{_e(row.section)}</td></tr>")
            colour = _STATUS_COLOURS.get(row.status_code, "#000")
            rows.append(
                f"<tr><td class='c'>{index}</td><td>{_e(row.text)}</td>"
                f"<td class='c'>{_e(row.target)}</td><td class='c'>{_e(row.value or EMPTY)}</td>"
                f"<td class='c' style='color:{colour}'>{_e(row.status)}</td></tr>"
            )
        parts.append(
            "<table class='grid targets'><thead><tr><th>STT</th><th>Chỉ tiêu</th>"
            "<th>Mục tiêu</th><th>Kết quả</th><th>Đánh giá</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    table = report.table
    wide = len(table.units) > PORTRAIT_MAX_UNITS
    # A wide table gets landscape pages of its own; the text goes on in portrait after it.
    parts.append("</div><section class='wide'>" if wide else "<section>")
    heading("Số liệu theo đơn vị")
    parts.append(f"<p class='i'>Kỳ báo cáo: {_e(report.period_label)}.</p>")
    if not table.rows:
        parts.append("<p class='i'>Chưa có số liệu.</p>")
    per_table = LANDSCAPE_MAX_UNITS if wide else PORTRAIT_MAX_UNITS
    blocks = max(-(-len(table.units) // per_table), 1)
    size = -(-len(table.units) // blocks) if table.units else 0
    starts = list(range(0, len(table.units), size)) if table.units else [0]
    for block_index, start in enumerate(starts if table.rows else []):
        block = table.units[start : start + size] if size else []
        if len(starts) > 1:
            parts.append(
                f"<p class='i small'>Bảng {block_index + 1}/{len(starts)}: đơn vị {start + 1}–"
                f"{start + len(block)} (số liệu toàn tỉnh ở cột cuối)</p>"
            )
        head = "".join(f"<th>{_e(unit)}</th>" for unit in block)
        rows = []
        for index, (name, measure, values, total) in enumerate(table.rows, start=1):
            decimals = 1 if measure.strip() == "%" else 2
            cells = list(values[start : start + len(block)])
            cells += [None] * (len(block) - len(cells))
            body = "".join(f"<td class='r'>{_e(format_value(v, decimals))}</td>" for v in cells)
            rows.append(
                f"<tr><td class='c'>{index}</td><td>{_e(name)}</td><td class='c'>{_e(measure)}"
                f"</td>{body}<td class='r b'>{_e(format_value(total, decimals))}</td></tr>"
            )
        parts.append(
            "<table class='grid values'><thead><tr><th>STT</th><th>Chỉ tiêu</th>"
            f"<th>Đơn vị tính</th>{head}<th>{TOTAL_LABEL}</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    if any(v == NOT_ASKED for _n, _m, values, _t in table.rows for v in values):
        parts.append(f"<p class='i small'>{_e(TABLE_LEGEND)}</p>")
    parts.append("</section><div class='main'>" if wide else "</section>")

    for title, narratives in report.narratives.items():
        heading(title)
        written = [item for item in narratives if item.text and item.text.strip()]
        if not written:
            parts.append("<p class='i'>Chưa có đơn vị báo cáo nội dung này.</p>")
        for index, item in enumerate(written, start=1):
            parts.append(f"<p class='b unit'>{index}. {_e(item.unit)}</p>")
            parts.extend(f"<p>{_e(text)}</p>" for text in _paragraphs(item.text))

    heading("Tình hình báo cáo")
    if not report.missing and not report.late:
        parts.append("<p>Tất cả các đơn vị đã gửi báo cáo đúng hạn.</p>")
    else:
        for index, (label, units) in enumerate(
            [("Đơn vị chưa gửi báo cáo", report.missing), ("Đơn vị gửi báo cáo muộn", report.late)],
            start=1,
        ):
            count = f"{len(units)} đơn vị." if units else "không có."
            parts.append(f"<p><span class='b'>{index}. {_e(label)}:</span> {count}</p>")
            if units:
                parts.append(f"<p>{_e('; '.join(units))}.</p>")

    recipients = [line.strip().lstrip("-").strip().rstrip(";.") for line in report.recipients]
    recipients = [line for line in recipients if line]
    if not any(line.lower().startswith("lưu") for line in recipients):
        recipients.append("Lưu: VT")
    listed = "".join(
        f"<div>- {_e(line)}{'.' if i == len(recipients) - 1 else ';'}</div>"
        for i, line in enumerate(recipients)
    )
    signer = "".join(
        f"<div class='b'>{_e(_upper(line))}</div>"
        for line in report.signer_title.split("\n")
        if line.strip()
    )
    if report.signer_name:
        signer += f"<div class='b name'>{_e(report.signer_name)}</div>"
    parts.append(
        "<table class='closing'><tr>"
        f"<td class='recipients'><div class='b i label'>Nơi nhận:</div>{listed}</td>"
        f"<td class='signer'>{signer}</td></tr></table>"
    )
    title = _e(f"{report.title} {report.subtitle}".strip())
    return (
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta name='author' content='{_e(report.issuer)}'><style>{_PDF_CSS}</style></head>"
        f"<body><div class='main'>{''.join(parts)}</div></body></html>"
    )


_PDF_CSS = f"""
@page {{
  size: A4;
  margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
  @top-center {{ content: counter(page); font: {BODY_PT}pt "{FONT}", "Liberation Serif", serif; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
@page main {{ size: A4; }}
@page wide {{ size: A4 landscape; }}
div.main {{ page: main; }}
section.wide {{ page: wide; }}
body {{ font-family: "{FONT}", "Liberation Serif", serif; font-size: {BODY_PT}pt;
  line-height: 1.2; text-align: justify; }}
p {{ margin: 0 0 6pt; text-indent: 1cm; orphans: 2; widows: 2; }}
.b {{ font-weight: bold; }} .i {{ font-style: italic; }} .c {{ text-align: center; }}
.r {{ text-align: right; white-space: nowrap; }}
.small {{ font-size: {HEADER_PT}pt; text-indent: 0; }}
table.head {{ width: 100%; border-collapse: collapse; font-size: {HEADER_PT}pt; }}
table.head td {{ vertical-align: top; text-align: center; padding: 0; }}
table.head td.left {{ width: 38%; }}
hr {{ border: 0; border-top: 0.75pt solid #000; margin: 2pt auto 4pt; }}
hr.short {{ width: 35%; }} hr.motto-rule {{ width: 58%; }}
.motto {{ font-size: {HEADER_PT + 1}pt; }} .date {{ font-size: {BODY_PT}pt; margin-top: 4pt; }}
h1 {{ font-size: {BODY_PT}pt; text-align: center; margin: 18pt 0 0; }}
p.subtitle {{ text-align: center; font-weight: bold; text-indent: 0; margin: 0; }}
hr.title-rule {{ width: 4cm; margin: 2pt auto 12pt; }}
h2 {{ font-size: {BODY_PT}pt; margin: 6pt 0; page-break-after: avoid; }}
p.unit {{ page-break-after: avoid; }}
table.grid {{ width: 100%; border-collapse: collapse; margin: 0 0 8pt; }}
table.grid th, table.grid td {{ border: 0.5pt solid #000; padding: 2pt 4pt;
  vertical-align: top; text-align: left; }}
table.grid th {{ text-align: center; font-weight: bold; }}
table.grid thead {{ display: table-header-group; }}
table.grid tr {{ page-break-inside: avoid; }}
table.targets {{ font-size: {TARGETS_TABLE_PT}pt; }}
table.values {{ font-size: {INDICATOR_TABLE_PT}pt; }}
table.closing {{ width: 100%; margin-top: 12pt; page-break-inside: avoid; }}
table.closing td {{ vertical-align: top; padding: 0; }}
td.recipients {{ width: 50%; font-size: {RECIPIENTS_PT}pt; }}
td.recipients .label {{ font-size: {RECIPIENTS_LABEL_PT}pt; }}
td.signer {{ text-align: center; }}
td.signer .name {{ margin-top: 60pt; }}
"""


def pdf_bytes(report: ProvincialReport) -> bytes:
    """The report as PDF, laid out by WeasyPrint from :func:`html_document` (Liberation
    Serif stands in for Times New Roman where it is not installed: same metrics).

    Raises RuntimeError when WeasyPrint or its system libraries (Pango) are missing.
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise RuntimeError(
            "PDF export needs WeasyPrint and Pango (Debian: apt-get install "
            f"libpango-1.0-0 libpangoft2-1.0-0): {error}"
        ) from error
    return HTML(string=html_document(report)).write_pdf()
