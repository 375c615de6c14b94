"""Plan extraction engine: a provincial plan file in, the ``lanhmanh.plan/v1`` structure out.

Plain Python with no Django import, so that the command line, the web import and the
benchmark share it and it can be tested on its own.

- ``extract(path)`` → the v1 dict;
- ``extract_text(text, filename)`` → the v1 dict of a text already read;
- ``extract_with_text(path)`` → (v1 dict, plain text, spans) where spans maps
  ``("targets", i)`` and ``("responsibilities", i)`` to (start, end) offsets in the plain
  text, for the review screen to highlight.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from lanhmanh import uploads

from . import document, funding, reporting, responsibilities, targets, tasks
from .errors import (
    EmptyFileError,
    ExtractionError,
    FileTooLargeError,
    MissingFileError,
    NotAPlanError,
    ScannedPdfError,
    TooComplexError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from .readers import SUPPORTED_EXTENSIONS, read_document
from .structure import Document, parse

SCHEMA = "lanhmanh.plan/v1"

__all__ = [
    "SCHEMA",
    "SUPPORTED_EXTENSIONS",
    "EmptyFileError",
    "ExtractionError",
    "FileTooLargeError",
    "MissingFileError",
    "NotAPlanError",
    "ScannedPdfError",
    "TooComplexError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "extract",
    "extract_text",
    "extract_with_text",
]

_PLAN_WORDS = re.compile(r"kế hoạch|quyết định|chương trình|đề án", re.IGNORECASE)
_SECTION_WORDS = re.compile(
    r"mục đích|mục tiêu|nhiệm vụ|giải pháp|tổ chức thực hiện|chỉ tiêu|kinh phí|phân công|"
    r"trách nhiệm|căn cứ|yêu cầu|nội dung",
    re.IGNORECASE,
)


def _check_plan(doc: Document, filename: str) -> None:
    numbered = sum(1 for p in doc.paragraphs if p.numbered)
    words = {m.group(0).lower() for m in _SECTION_WORDS.finditer(doc.text)}
    if not _PLAN_WORDS.search(doc.text) or numbered < 2 or len(words) < 2:
        raise NotAPlanError(
            f"{filename}: this does not look like a plan (no Kế hoạch/Quyết định structure)"
        )


def _collect_targets(doc: Document, years: list[int]) -> list[targets.Target]:
    budget = {p.index for p in funding.budget_sections(doc)}
    level = responsibilities.top_level(doc)
    in_budget = False
    found: list[targets.Target] = []
    for paragraph in doc.body():
        if paragraph.numbered and paragraph.level == level:
            in_budget = paragraph.index in budget
        if in_budget:
            continue
        if paragraph.kind == "table":
            position = paragraph.start + 1
            section = paragraph.section
            if paragraph.cells and paragraph.cells[0].isdigit():
                section = f"{section}.{paragraph.cells[0]}" if section else paragraph.cells[0]
            for cell in paragraph.cells:
                offset = paragraph.text.find(cell, position - paragraph.start)
                start = paragraph.start + max(offset, 0)
                found += targets.find_in_text(cell, section, start, years)
                position = start + len(cell)
            continue
        found += targets.find_in_text(
            paragraph.body, paragraph.section, paragraph.body_start, years
        )
    return found


def _build(doc: Document, filename: str, sha256: str) -> tuple[dict, dict]:
    _check_plan(doc, filename)
    block, refs = document.extract(doc)
    years = block["years"]
    found_targets = _collect_targets(doc, years)
    found_resp = responsibilities.extract(doc)
    plan = {
        "schema": SCHEMA,
        "source": {"filename": filename, "sha256": sha256},
        "document": block,
        "references": refs,
        "targets": [t.as_dict() for t in found_targets],
        "tasks": tasks.extract(doc, years),
        "responsibilities": [r.as_dict() for r in found_resp],
        "reporting": reporting.extract(doc),
        "funding": funding.extract(doc),
    }
    spans = {("targets", i): t.span for i, t in enumerate(found_targets)}
    spans.update({("responsibilities", i): r.span for i, r in enumerate(found_resp)})
    return plan, spans


def extract_text(text: str, filename: str = "plan.txt") -> dict:
    """The v1 structure of a plan given as text (sha256 of its UTF-8 encoding)."""
    if not text.strip():
        raise EmptyFileError(f"{filename}: the document has no text")
    try:
        uploads.check_text(text)
    except uploads.UploadRefused as refusal:
        raise TooComplexError(filename, refusal) from refusal
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    plan, _ = _build(parse(text), filename, sha)
    return plan


def extract_with_text(path: str | os.PathLike) -> tuple[dict, str, dict]:
    """(v1 dict, plain text, spans) of a plan file."""
    path = Path(path)
    text, data = read_document(path)
    doc = parse(text)
    plan, spans = _build(doc, path.name, hashlib.sha256(data).hexdigest())
    return plan, doc.text, spans


def extract(path: str | os.PathLike) -> dict:
    """The v1 structure of a plan file (.txt, .md, .docx, .pdf)."""
    return extract_with_text(path)[0]
