"""Funding sources named in the budget section ("Kinh phí")."""

from __future__ import annotations

import re

from .responsibilities import top_level
from .structure import Document

BUDGET = re.compile(r"^kinh phí\b|\bkinh phí thực hiện\b|^nguồn kinh phí", re.IGNORECASE)
_SOURCE_WORDS = re.compile(
    r"ngân sách|nguồn|kinh phí|huy động|tài trợ|xã hội hóa|xã hội hoá|đóng góp|viện trợ|vốn",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:kinh phí(?: thực hiện)?(?: kế hoạch)?(?: (?:được|do))?(?: bố trí| đảm bảo| cấp)?"
    r"(?: từ)?\s*:?\s*|(?:được )?bố trí từ\s+|từ\s+|nguồn\s+(?=ngân sách)|và\s+)+",
    re.IGNORECASE,
)
_TAIL = re.compile(r",?\s*theo phân cấp[^;]*$", re.IGNORECASE)


def budget_sections(doc: Document):
    level = top_level(doc)
    return [p for p in doc.body() if p.numbered and p.level == level and BUDGET.search(p.body)]


def extract(doc: Document) -> list[str]:
    sources: list[str] = []
    for section in budget_sections(doc):
        text = " ".join(p.body for p in doc.children(section) if p.body)
        for piece in re.split(r";|\.(?:\s|$)|,\s+(?=(?:và\s+)?(?:từ\s+)?(?:các\s+)?nguồn\b)", text):
            piece = piece.strip(" .,-–")
            piece = re.sub(r"^(?:và|hoặc)\s+", "", piece)
            piece = _LEAD.sub("", piece)
            piece = _TAIL.sub("", piece).strip(" .,")
            if len(piece) < 4 or not _SOURCE_WORDS.search(piece):
                continue
            piece = piece[:1].upper() + piece[1:]
            if piece not in sources:
                sources.append(piece)
    return sources
