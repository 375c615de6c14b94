"""Checks of an uploaded file *before* any parser sees it, so that a small file cannot make
the server spend minutes or gigabytes (a "zip bomb", an XML part of a million empty
paragraphs, a sheet declaring a million rows).

Plain Python, no Django: the plan extraction engine, the web and API uploads, the
spreadsheet imports and the command line all call it.

The rules, in the order they are applied:

- the file is at most ``MAX_UPLOAD_BYTES``;
- an Office file (.docx, .xlsx: a zip package) is judged from its central directory
  first, without unpacking anything: at most ``MAX_ENTRIES`` parts, at most
  ``MAX_TOTAL_BYTES`` once unpacked, no part over ``MAX_PART_BYTES`` and no part larger
  than ``RATIO_FLOOR_BYTES`` compressed more than ``MAX_RATIO`` to 1. Python's zipfile
  never inflates a part beyond the size its directory declares, so these bounds hold
  for the parsers that read the package afterwards;
- the XML parts a parser loads whole are then streamed (never held) and their elements
  counted: at most ``MAX_ELEMENTS`` in all, and in a Word document at most
  ``MAX_PARAGRAPHS`` paragraphs (``<w:p``, in any namespace prefix);
- a sheet is never sized by the dimension it declares (``A1:ALL100000`` costs nothing):
  it is streamed row by row (openpyxl ``read_only``, dimensions reset) and refused past
  ``max_rows`` rows or with a value beyond ``max_columns`` columns; CSV likewise;
  empty rows are skipped but walked at most ``EMPTY_ROWS_FACTOR`` times the row cap;
- the text read from any plan file is at most ``MAX_TEXT_LINES`` non-blank lines, and a
  PDF at most ``MAX_PDF_PAGES`` pages.

A refusal is an ``UploadRefused``: ``template`` is an English message id with
``%(name)s`` placeholders and ``params`` its values, for the caller to translate
(``gettext(error.template) % error.params``); ``str(error)`` is the English line.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from collections.abc import Iterable

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB
MAX_ENTRIES = 1000
MAX_TOTAL_BYTES = 64 * MB
MAX_PART_BYTES = 16 * MB
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1 * MB
MAX_ELEMENTS = 1_000_000
MAX_PARAGRAPHS = 50_000
MAX_TEXT_LINES = MAX_PARAGRAPHS
MAX_PDF_PAGES = 500
MAX_ROWS = 20_000
MAX_COLUMNS = 50
# Empty rows (formatted, or skipped by the row numbers of the XML) are dropped, but no
# more of them are walked than this many times the row cap.
EMPTY_ROWS_FACTOR = 10

_CHUNK = 64 * 1024
_ELEMENT = re.compile(rb"<[A-Za-z_]")
_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")


def _noop(message: str) -> str:
    """Marks an English message id for the translators; the caller translates it."""
    return message


N_ = _noop

TOO_LARGE = N_("The file is larger than %(limit)s MB.")
NOT_A_PACKAGE = N_("The file is damaged: it is not a readable Word or Excel file.")
TOO_MANY_PARTS = N_("The file holds too many parts (%(count)s; at most %(limit)s).")
TOO_BIG_UNPACKED = N_("The file unpacks to more than %(limit)s MB.")
PART_TOO_BIG = N_("A part of the file (%(part)s) unpacks to more than %(limit)s MB.")
PART_TOO_COMPRESSED = N_(
    "A part of the file (%(part)s) is compressed more than %(limit)s to 1: "
    "this is not an ordinary document."
)
TOO_MANY_ELEMENTS = N_("The file is too complex to read (more than %(limit)s XML elements).")
TOO_MANY_PARAGRAPHS = N_("The document has more than %(limit)s paragraphs.")
TOO_MANY_LINES = N_("The document has more than %(limit)s lines.")
TOO_MANY_PAGES = N_("The PDF has more than %(limit)s pages.")
TOO_MANY_ROWS = N_("The sheet has more than %(limit)s rows.")
TOO_MANY_COLUMNS = N_("The sheet has more than %(limit)s columns.")


class UploadRefused(ValueError):
    """A file refused before parsing; see the module's docstring."""

    def __init__(self, template: str, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)


# A document joined to a record (minutes, photos, a signed copy): office files, PDF, images.
ATTACHMENT_MAX_BYTES = 10 * MB
ATTACHMENT_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png", ".odt", ".ods"})
NOT_AN_ATTACHMENT = N_("Attach PDF, Word, Excel or image files (not %(suffix)s).")
ATTACHMENT_TOO_LARGE = N_("An attachment may not be larger than 10 MB.")
EMPTY_FILE = N_("The file is empty.")


def check_attachment(name: str, size: int) -> str:
    """An attachment's type (by its suffix) and size; its lower-case suffix."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in ATTACHMENT_SUFFIXES:
        raise UploadRefused(NOT_AN_ATTACHMENT, suffix=suffix or "?")
    if size > ATTACHMENT_MAX_BYTES:
        raise UploadRefused(ATTACHMENT_TOO_LARGE)
    if size == 0:
        raise UploadRefused(EMPTY_FILE)
    return suffix


def check_size(size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
    if size > limit:
        raise UploadRefused(TOO_LARGE, limit=limit // MB)


def _declared_entries(data: bytes) -> int | None:
    """The number of entries the zip's end record declares (None: no end record).

    Read before ``zipfile`` builds an object for every entry of the central directory."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (total,) = struct.unpack("<H", data[end + 10 : end + 12])
    if total == 0xFFFF:  # a Zip64 package: more entries than any document has
        return 0xFFFF
    return total


def open_package(
    data: bytes, *, max_entries: int = MAX_ENTRIES, max_total: int = MAX_TOTAL_BYTES
) -> zipfile.ZipFile:
    """The zip package of an Office file, after the checks of its directory."""
    check_size(len(data))
    declared = _declared_entries(data)
    if declared is None:
        raise UploadRefused(NOT_A_PACKAGE)
    if declared > max_entries:
        raise UploadRefused(TOO_MANY_PARTS, count=declared, limit=max_entries)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UploadRefused(NOT_A_PACKAGE) from None
    if len(entries) > max_entries:
        raise UploadRefused(TOO_MANY_PARTS, count=len(entries), limit=max_entries)
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > MAX_PART_BYTES:
            raise UploadRefused(PART_TOO_BIG, part=entry.filename[:80], limit=MAX_PART_BYTES // MB)
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise UploadRefused(PART_TOO_COMPRESSED, part=entry.filename[:80], limit=MAX_RATIO)
    if total > max_total:
        raise UploadRefused(TOO_BIG_UNPACKED, limit=max_total // MB)
    return package


def _stream(package: zipfile.ZipFile, name: str) -> Iterable[bytes]:
    """The part's bytes in chunks cut before a ``<``, so no tag is split between two."""
    carry = b""
    try:
        with package.open(name) as part:
            while chunk := part.read(_CHUNK):
                buffer = carry + chunk
                # A tag cut short is at most a few bytes from the end: keep it for the
                # next chunk (never more, so that a long text does not pile up).
                cut = buffer.rfind(b"<", max(0, len(buffer) - 256))
                if cut <= 0:
                    carry = b""
                    yield buffer
                else:
                    carry = buffer[cut:]
                    yield buffer[:cut]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise UploadRefused(NOT_A_PACKAGE) from None
    if carry:
        yield carry


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def count_elements(
    package: zipfile.ZipFile,
    names: Iterable[str],
    *,
    max_elements: int = MAX_ELEMENTS,
    paragraphs_in: str | None = None,
    max_paragraphs: int = MAX_PARAGRAPHS,
) -> None:
    """Stream the XML parts ``names`` and refuse them past the element (and, in
    ``paragraphs_in``, paragraph) limits, stopping at the first chunk over."""
    elements = 0
    for name in names:
        paragraphs = 0
        for chunk in _stream(package, name):
            elements += len(_ELEMENT.findall(chunk))
            if elements > max_elements:
                raise UploadRefused(TOO_MANY_ELEMENTS, limit=max_elements)
            if name == paragraphs_in:
                paragraphs += len(_PARAGRAPH.findall(chunk))
                if paragraphs > max_paragraphs:
                    raise UploadRefused(TOO_MANY_PARAGRAPHS, limit=max_paragraphs)


def check_docx(data: bytes) -> None:
    """A Word document python-docx may load: its package, then every XML part (python-docx
    parses them all) streamed for elements, and paragraphs of ``word/document.xml``."""
    package = open_package(data)
    names = [e.filename for e in package.infolist() if _is_xml(e.filename)]
    count_elements(package, names, paragraphs_in="word/document.xml")


def check_xlsx(data: bytes) -> zipfile.ZipFile:
    """A workbook openpyxl may open read-only: its package, and the XML parts openpyxl
    loads whole (all but the worksheets, which are streamed row by row)."""
    package = open_package(data)
    names = [
        e.filename
        for e in package.infolist()
        if _is_xml(e.filename) and not e.filename.startswith("xl/worksheets/")
    ]
    count_elements(package, names)
    return package


def _bounded(
    rows: Iterable[Iterable], *, max_rows: int, max_columns: int, hard_rows: int
) -> list[list[str]]:
    """Rows as lists of text, stopping as soon as a limit is passed. Empty rows are
    dropped but counted against ``hard_rows``; rows with a value against ``max_rows``."""
    result: list[list[str]] = []
    for seen, row in enumerate(rows, start=1):
        if seen > hard_rows:
            raise UploadRefused(TOO_MANY_ROWS, limit=max_rows)
        cells = ["" if value is None else str(value) for value in row]
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            continue
        if len(cells) > max_columns:
            raise UploadRefused(TOO_MANY_COLUMNS, limit=max_columns)
        result.append(cells)
        if len(result) > max_rows:
            raise UploadRefused(TOO_MANY_ROWS, limit=max_rows)
    return result


def read_sheet(
    data: bytes, *, max_rows: int = MAX_ROWS + 1, max_columns: int = MAX_COLUMNS
) -> list[list[str]]:
    """The first sheet's non-empty rows as text (header included in ``max_rows``).

    The sheet's declared dimension is ignored (``reset_dimensions``): rows come from the
    XML as it is, one at a time. Raises ``UploadRefused``; an unreadable workbook raises
    whatever openpyxl raises (the caller turns it into its own message)."""
    check_xlsx(data)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        return _bounded(
            sheet.iter_rows(values_only=True),
            max_rows=max_rows,
            max_columns=max_columns,
            hard_rows=EMPTY_ROWS_FACTOR * max_rows,
        )
    finally:
        book.close()


def read_csv(
    text: str, *, max_rows: int = MAX_ROWS + 1, max_columns: int = MAX_COLUMNS
) -> list[list[str]]:
    """The non-empty rows of a CSV text, under the same limits as a sheet.

    A line is refused by its count of commas before the csv module splits it, so that
    a single line of millions of empty fields is never built."""
    check_size(len(text.encode("utf-8", "surrogatepass")))

    def lines():
        for line in io.StringIO(text):
            if line.count(",") >= max_columns * 20:
                raise UploadRefused(TOO_MANY_COLUMNS, limit=max_columns)
            yield line

    return _bounded(
        csv.reader(lines()),
        max_rows=max_rows,
        max_columns=max_columns,
        hard_rows=EMPTY_ROWS_FACTOR * max_rows,
    )


def check_text(text: str, *, max_lines: int = MAX_TEXT_LINES) -> None:
    """A text (of a plain file, a PDF or a Word document) the plan parser may split into
    paragraphs: at most ``max_lines`` lines that are not blank."""
    if text.count("\n") <= max_lines:
        return
    lines = 0
    for line in io.StringIO(text):
        if line.strip():
            lines += 1
            if lines > max_lines:
                raise UploadRefused(TOO_MANY_LINES, limit=max_lines)


def check_pdf_pages(pages: int, *, max_pages: int = MAX_PDF_PAGES) -> None:
    if pages > max_pages:
        raise UploadRefused(TOO_MANY_PAGES, limit=max_pages)
