"""Read a plan file into text: ``.txt``, ``.md``, ``.docx`` (paragraphs and table cells in
document order) and ``.pdf`` (its text layer).

Every file passes the checks of ``lanhmanh.uploads`` before its parser sees it: a Word
package's parts, sizes and paragraphs, a PDF's pages, a text's lines (``TooComplexError``).

Tables come out as rows of cells separated by `` | `` and framed by ``|``, one row a line,
so that the structure parser can tell a table row from prose.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from pathlib import Path

from lanhmanh import uploads

from .errors import (
    EmptyFileError,
    FileTooLargeError,
    MissingFileError,
    ScannedPdfError,
    TooComplexError,
    UnreadableFileError,
    UnsupportedFormatError,
)

MAX_BYTES = uploads.MAX_UPLOAD_BYTES
TEXT_EXTENSIONS = {".txt", ".md"}
SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf")
# Share of control characters above which a "text" file is taken for binary data.
_MAX_CONTROL_SHARE = 0.01


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes, after the checks that do not depend on its format."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise UnsupportedFormatError(
            f"{path.name}: old Word .doc is not supported; save it as .docx or PDF"
        )
    if suffix not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(
            f"{path.name}: unsupported file type {suffix or '(none)'}; "
            f"use {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    if not path.exists():
        raise MissingFileError(f"{path}: no such file")
    if not path.is_file():
        raise MissingFileError(f"{path}: not a file")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError(f"{path.name}: the file is empty")
    if size > MAX_BYTES:
        raise FileTooLargeError(
            f"{path.name}: file too large ({size / 1024 / 1024:.1f} MB, "
            f"limit {MAX_BYTES // 1024 // 1024} MB)"
        )
    return path.read_bytes()


def decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFileError(f"{name}: not valid UTF-16 text") from None
    else:
        if b"\x00" in data[:4096]:
            raise UnreadableFileError(f"{name}: binary data, not a text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFileError(
                f"{name}: not UTF-8 text (binary or legacy encoding)"
            ) from None
    if not _looks_like_text(text):
        raise UnreadableFileError(f"{name}: binary data, not a text file")
    return text


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    control = sum(
        1 for ch in text if unicodedata.category(ch) in {"Cc", "Co", "Cn"} and ch not in "\n\r\t\f"
    )
    return control / len(text) <= _MAX_CONTROL_SHARE


def read_docx(data: bytes, name: str) -> str:
    import io

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as error:  # pragma: no cover - declared dependency
        raise UnsupportedFormatError(f"{name}: python-docx is not installed") from error
    try:
        uploads.check_docx(data)
    except uploads.UploadRefused as refusal:
        if refusal.template == uploads.NOT_A_PACKAGE:
            raise UnreadableFileError(f"{name}: not a readable Word .docx file") from refusal
        raise TooComplexError(name, refusal) from refusal
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFileError(f"{name}: not a readable Word .docx file") from error
    except Exception as error:  # python-docx raises assorted errors on corrupt packages
        raise UnreadableFileError(f"{name}: not a readable Word .docx file ({error})") from error

    lines: list[str] = []

    def cell_text(cell) -> str:
        text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
        return " ".join(text.split())

    def emit_table(table: Table) -> None:
        lines.append("")
        for row in table.rows:
            cells: list[str] = []
            seen = set()
            for cell in row.cells:
                # Merged cells repeat the same object across the merged span.
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                cells.append(cell_text(cell).replace("|", "/"))
            if any(cells):
                lines.append("| " + " | ".join(cells) + " |")
        lines.append("")

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
            lines.append("")
        elif tag == "tbl":
            emit_table(Table(child, document))
    return "\n".join(lines)


def read_pdf(data: bytes, name: str) -> str:
    import io
    import logging

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as error:  # pragma: no cover - declared dependency
        raise UnsupportedFormatError(f"{name}: pypdf is not installed") from error
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as error:
                raise UnreadableFileError(f"{name}: the PDF is password-protected") from error
        uploads.check_pdf_pages(len(reader.pages))
        pages = [page.extract_text() or "" for page in reader.pages]
    except uploads.UploadRefused as refusal:
        raise TooComplexError(name, refusal) from refusal
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise UnreadableFileError(f"{name}: not a readable PDF file") from error
    except Exception as error:  # pypdf raises assorted errors on corrupt files
        raise UnreadableFileError(f"{name}: not a readable PDF file ({error})") from error
    text = "\n".join(pages)
    if sum(ch.isalpha() for ch in text) < 20:
        raise ScannedPdfError(
            f"{name}: the PDF has no text layer (a scan?); run OCR first or upload the Word file"
        )
    return text


def read_document(path: str | os.PathLike) -> tuple[str, bytes]:
    """(text, raw bytes) of a supported document; raises an ExtractionError subclass."""
    path = Path(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        text = decode_text(data, path.name)
    elif suffix == ".docx":
        if not data.startswith(b"PK"):
            raise UnreadableFileError(f"{path.name}: not a readable Word .docx file")
        text = read_docx(data, path.name)
    else:
        if not data.lstrip()[:5].startswith(b"%PDF"):
            raise UnreadableFileError(f"{path.name}: not a readable PDF file")
        text = read_pdf(data, path.name)
    if not text.strip():
        raise EmptyFileError(f"{path.name}: the document has no text")
    try:
        uploads.check_text(text)
    except uploads.UploadRefused as refusal:
        raise TooComplexError(path.name, refusal) from refusal
    return text, data
