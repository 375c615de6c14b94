"""Small files that cost a careless parser minutes or gigabytes, built in memory for the
tests of ``lanhmanh.uploads`` and of every upload that uses it (plans, imports)."""

from __future__ import annotations

import io
import re
import zipfile

# Taken now: the tests replace docx.Document by a trap once these files are built.
from docx import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _rewrite(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """The package ``data`` with parts replaced (and added), deflated as hard as zlib can."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry.filename, replace.get(entry.filename, source.read(entry)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def plain_docx(paragraphs=("Kế hoạch",)) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_of_empty_paragraphs(count: int = 1_000_000) -> bytes:
    """A Word file whose body is ``count`` empty paragraphs (a million: about 10 KB)."""
    body = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>' + "<w:p/>" * count + "</w:body></w:document>"
    ).encode()
    return _rewrite(plain_docx(), {"word/document.xml": body})


def save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    return save(book)


def xlsx_declaring(ref: str, rows, last_row: int | None = None) -> bytes:
    """A workbook of ``rows`` whose sheet claims the dimension ``ref`` (``A1:ALL100000``),
    and ends with an empty row numbered ``last_row``: a reader that trusts the dimension
    pads every row between to its width (a hundred million cells)."""
    data = xlsx(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheet = package.read("xl/worksheets/sheet1.xml")
    sheet, count = re.subn(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), sheet)
    assert count == 1
    if last_row:
        sheet = sheet.replace(b"</sheetData>", f'<row r="{last_row}"/></sheetData>'.encode())
    return _rewrite(data, {"xl/worksheets/sheet1.xml": sheet})


def with_extra_entries(data: bytes, count: int) -> bytes:
    """The package with ``count`` more (empty) parts."""
    return _rewrite(data, {}, {f"customXml/extra{i}.xml": b"" for i in range(count)})


def with_compressed_part(data: bytes, name: str, size: int) -> bytes:
    """The package with the part ``name`` replaced by ``size`` bytes of XML whitespace,
    written in chunks so that the test never holds the whole part (zlib's fastest level:
    200 MB still come to less than 1 MB)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry.filename, source.read(entry))
        with target.open(name, "w") as part:
            head = f'<w:document xmlns:w="{W}"><w:body>'.encode()
            part.write(head)
            chunk = b" " * (1024 * 1024)
            written = len(head)
            while written < size:
                part.write(chunk)
                written += len(chunk)
            part.write(b"</w:body></w:document>")
    return out.getvalue()
