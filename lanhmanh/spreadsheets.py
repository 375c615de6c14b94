"""Reading a register's import file (.xlsx or .csv) within the upload limits, and the
checks every row-by-row import shares. The imports are all or nothing: every bad row is
collected into one ``ImportRejected``, row 0 standing for the file itself."""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

from django.utils.translation import gettext as _

from lanhmanh import uploads
from lanhmanh.text import fold

MAX_ROWS = 20000
# NUL and other control characters (tab and line breaks aside): PostgreSQL refuses NUL
# in text, and none of them belongs in a register.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportRejected(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__(f"{len(errors)} bad row(s)")


def read_rows(filename: str, data: bytes, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """The file's non-empty rows, read within the limits of ``lanhmanh.uploads`` (size,
    package, rows and columns streamed: a declared sheet dimension costs nothing)."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportRejected([(0, _("Send an .xlsx or .csv file."))])
    try:
        uploads.check_size(len(data))
        if suffix == ".csv":
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ImportRejected([(0, _("The CSV file is not in UTF-8."))]) from None
            try:
                return uploads.read_csv(text, max_rows=max_rows + 1)
            except csv.Error:  # a field over the csv module's limit, a stray quote…
                raise ImportRejected([(0, _("The file is not a readable CSV file."))]) from None
        try:
            # read-only workbooks read their cells lazily: a corrupt sheet fails here
            return uploads.read_sheet(data, max_rows=max_rows + 1)
        except uploads.UploadRefused:
            raise
        except Exception:  # any corrupt file gets the same clear answer
            raise ImportRejected([(0, _("The file is not a readable Excel workbook."))]) from None
    except uploads.UploadRefused as refused:
        if refused.template == uploads.TOO_MANY_ROWS:
            message = _("At most %(n)s rows per file.") % {"n": max_rows}
        elif refused.template == uploads.NOT_A_PACKAGE:
            message = _("The file is not a readable Excel workbook.")
        else:
            message = _(refused.template) % refused.params
        raise ImportRejected([(0, message)]) from None


def parse_date(text: str) -> datetime.date | None:
    """A cell's date (dd/mm/yyyy, ISO, or a spreadsheet's date-time); ValueError if not."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError


def header_index(header: list[str], columns: dict[str, set[str]]) -> dict[str, int]:
    """Column positions by key, from headers matched folded (Vietnamese or English)."""
    folded = [" ".join(re.sub(r"[^\w ]", " ", fold(h)).split()) for h in header]
    index = {}
    for key, names in columns.items():
        for i, name in enumerate(folded):
            if name in names:
                index[key] = i
    return index
