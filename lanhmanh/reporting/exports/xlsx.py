"""The compiled report and its indicator tables as XLSX workbooks."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from .report import (
    FONT,
    NOT_ASKED,
    TASKS_HEADERS,
    TASKS_HEADING,
    TOTAL_LABEL,
    IndicatorTable,
    ProvincialReport,
    _clean,
)

_STATUS_FILLS = {
    "met": "C6EFCE",
    "on_track": "DDEBF7",
    "at_risk": "FFEB9C",
    "off_track": "FFC7CE",
    "not_enough_data": "E4DCF0",
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


def _write_tasks_sheet(tasks, report: ProvincialReport) -> None:
    """Each lead agency's task: where it stands and its result."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    bold = Font(name=FONT, bold=True)
    plain = Font(name=FONT)
    wrap = Alignment(wrap_text=True, vertical="top")
    tasks["A1"] = _xl(f"{TASKS_HEADING} - {report.period_label}")
    tasks["A1"].font = Font(name=FONT, bold=True, size=13)
    for column, text in enumerate([*TASKS_HEADERS, "Mã trạng thái"], start=1):
        cell = tasks.cell(row=2, column=column, value=_xl(text))
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
    for index, row in enumerate(report.tasks, start=1):
        values = [index, row.text, row.agency, row.due, row.status, row.result, row.status_code]
        for column, value in enumerate(values, start=1):
            cell = tasks.cell(row=index + 2, column=column, value=_xl(value))
            cell.font = plain
            cell.border = border
            cell.alignment = wrap
    tasks.freeze_panes = "A3"
    for letter, width in zip("ABCDEFG", [6, 60, 30, 12, 14, 50, 14], strict=True):
        tasks.column_dimensions[letter].width = width


def xlsx_bytes(report: ProvincialReport) -> bytes:
    """The report as a workbook: "Chỉ tiêu" (targets), "Số liệu" (by unit), "Nhiệm vụ"
    (tasks), "Báo cáo" (status)."""
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
            row.result,
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

    if report.tasks:
        _write_tasks_sheet(workbook.create_sheet("Nhiệm vụ"), report)

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
