"""The compiled report as a DOCX in the administrative layout of Decree 30/2020/NĐ-CP."""

from __future__ import annotations

import copy
import io

from .report import (
    BODY_PT,
    CELL_MARGINS_CM,
    FONT,
    HEADER_PT,
    INDICATOR_TABLE_PT,
    LANDSCAPE_MAX_UNITS,
    LANDSCAPE_TEXT_WIDTH_CM,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MOTTO,
    NATIONAL_TITLE,
    NOT_ASKED,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    PORTRAIT_MAX_UNITS,
    RECIPIENTS_LABEL_PT,
    RECIPIENTS_PT,
    TABLE_LEGEND,
    TARGETS_TABLE_PT,
    TASKS_HEADERS,
    TASKS_HEADING,
    TEXT_WIDTH_CM,
    TOTAL_LABEL,
    Narrative,
    ProvincialReport,
    _clean,
    _paragraphs,
    _text_width_cm,
    _upper,
    date_line,
    format_value,
    roman,
)


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
        self._tasks()
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
            values = [str(number), row.text, row.target, row.result, row.status]
            aligns = ["center", "left", "center", "center", "center"]
            for cell, text, align in zip(cells, values, aligns, strict=True):
                self._cell_text(cell, text, TARGETS_TABLE_PT, align=align)
        self._table_widths(table, widths)
        self._spacer()

    def _tasks(self) -> None:
        if not self.report.tasks:
            return  # a plan with no tracked task: no section (the numbering stays)
        self._heading(TASKS_HEADING)
        table = self._grid_table(1, len(TASKS_HEADERS))
        self._repeat_header(table.rows[0])
        for cell, text in zip(table.rows[0].cells, TASKS_HEADERS, strict=True):
            self._cell_text(cell, text, TARGETS_TABLE_PT, bold=True, align="center")
        aligns = ["center", "left", "left", "center", "center", "left"]
        for number, row in enumerate(self.report.tasks, start=1):
            cells = table.add_row().cells
            self._no_split(table.rows[-1])
            values = [str(number), row.text, row.agency, row.due, row.status, row.result]
            for cell, text, align in zip(cells, values, aligns, strict=True):
                self._cell_text(cell, text, TARGETS_TABLE_PT, align=align)
        self._table_widths(table, [1.2, 4.6, 3.2, 2.2, 2.2, 3.1])
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
