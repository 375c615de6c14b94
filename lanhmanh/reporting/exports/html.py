"""The compiled report as HTML, and as PDF through WeasyPrint."""

from __future__ import annotations

from .report import (
    BODY_PT,
    FONT,
    HEADER_PT,
    INDICATOR_TABLE_PT,
    LANDSCAPE_MAX_UNITS,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MOTTO,
    NATIONAL_TITLE,
    NOT_ASKED,
    PORTRAIT_MAX_UNITS,
    RECIPIENTS_LABEL_PT,
    RECIPIENTS_PT,
    TABLE_LEGEND,
    TARGETS_TABLE_PT,
    TASKS_HEADERS,
    TASKS_HEADING,
    TOTAL_LABEL,
    ProvincialReport,
    _clean,
    _paragraphs,
    _upper,
    date_line,
    format_value,
    roman,
)

_STATUS_COLOURS = {
    "met": "#1e7b34",
    "on_track": "#1d5fa8",
    "at_risk": "#9a6700",
    "off_track": "#b42318",
    "not_enough_data": "#6b4f9e",
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
                f"<td class='c'>{_e(row.target)}</td><td class='c'>{_e(row.result)}</td>"
                f"<td class='c' style='color:{colour}'>{_e(row.status)}</td></tr>"
            )
        parts.append(
            "<table class='grid targets'><thead><tr><th>STT</th><th>Chỉ tiêu</th>"
            "<th>Mục tiêu</th><th>Kết quả</th><th>Đánh giá</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    if report.tasks:  # a plan with no tracked task: no section
        heading(TASKS_HEADING)
        head = "".join(f"<th>{_e(text)}</th>" for text in TASKS_HEADERS)
        rows = [
            f"<tr><td class='c'>{index}</td><td>{_e(row.text)}</td><td>{_e(row.agency)}</td>"
            f"<td class='c'>{_e(row.due)}</td><td class='c'>{_e(row.status)}</td>"
            f"<td>{_e(row.result)}</td></tr>"
            for index, row in enumerate(report.tasks, start=1)
        ]
        parts.append(
            f"<table class='grid targets tasks'><thead><tr>{head}</tr></thead>"
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
