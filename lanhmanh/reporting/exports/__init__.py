"""Files of the compiled provincial report: DOCX, XLSX and PDF (through HTML).

Plain Python on purpose (no Django import): the caller compiles a :class:`ProvincialReport` from
the database and this package only lays it out.
"""

from .docx import docx_bytes
from .html import html_document, pdf_bytes
from .report import (
    EMPTY,
    NOT_ASKED,
    TABLE_LEGEND,
    TASKS_HEADERS,
    TASKS_HEADING,
    IndicatorTable,
    Narrative,
    ProvincialReport,
    TargetRow,
    TaskRow,
    date_line,
    format_number,
    format_value,
    roman,
)
from .xlsx import xlsx_bytes, xlsx_table_bytes

__all__ = [
    "EMPTY",
    "NOT_ASKED",
    "TABLE_LEGEND",
    "TASKS_HEADERS",
    "TASKS_HEADING",
    "IndicatorTable",
    "Narrative",
    "ProvincialReport",
    "TargetRow",
    "TaskRow",
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
