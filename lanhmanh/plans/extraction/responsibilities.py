"""Who does what: one entry per agency given duties in the implementation section
("Tổ chức thực hiện", "Phân công trách nhiệm", "Phân công thực hiện")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import agencies
from .structure import Document, Paragraph

IMPLEMENTATION = re.compile(
    r"\b(tổ chức thực hiện|phân công (?:trách nhiệm|thực hiện|nhiệm vụ)|trách nhiệm thực hiện|"
    r"trách nhiệm của các)\b",
    re.IGNORECASE,
)
ASSIGNMENT = re.compile(
    r"^(phân công|trách nhiệm|nhiệm vụ)\s+(trách nhiệm|thực hiện|nhiệm vụ|của|cụ thể)",
    re.IGNORECASE,
)
_INCOMPLETE = re.compile(r"^(?:Kính\s+)?(?:Đề nghị|đề nghị)\s*:?$")


@dataclass
class Responsibility:
    agency: str
    duties: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)

    def as_dict(self) -> dict:
        return {"agency": self.agency, "duties": self.duties}


def top_level(doc: Document) -> int:
    levels = [p.level for p in doc.body() if p.numbered and p.kind != "article"]
    return min(levels) if levels else 0


def implementation_sections(doc: Document) -> list[Paragraph]:
    level = top_level(doc)
    return [
        p
        for p in doc.body()
        if p.numbered and p.level == level and len(p.body) < 120 and IMPLEMENTATION.search(p.body)
    ]


def _direct(doc: Document, heading: Paragraph) -> list[Paragraph]:
    children = [p for p in doc.children(heading) if p.numbered]
    if not children:
        return []
    level = min(p.level for p in children)
    return [p for p in children if p.level == level]


def items(doc: Document) -> list[Paragraph]:
    """The assignment items: numbered children of the implementation section (or of its
    "Phân công trách nhiệm" subsection), else its bullets."""
    out: list[Paragraph] = []
    for section in implementation_sections(doc):
        direct = _direct(doc, section)
        for child in direct:
            if ASSIGNMENT.match(child.body) and _direct(doc, child):
                out.extend(_direct(doc, child))
                break
        else:
            if direct:
                out.extend(direct)
            else:
                out.extend(
                    p
                    for p in doc.children(section)
                    if p.kind == "bullet" and agencies.starts_with_agency(p.body)
                )
    return out


def extract(doc: Document) -> list[Responsibility]:
    found: dict[str, Responsibility] = {}
    for item in items(doc):
        heading = item.body
        span = (item.body_start, item.end)
        children = [p for p in doc.children(item)] if item.numbered else []
        if _INCOMPLETE.match(heading) and children and not children[0].numbered:
            heading = f"{heading} {children[0].body}"
            span = (item.body_start, children[0].end)
            children = children[1:]
        names, inline = agencies.split_heading(heading)
        if not names:
            continue
        duties = [inline] if inline else []
        duties += [p.body for p in children if p.body and not p.numbered]
        for name in names:
            key = " ".join(name.casefold().split())
            if key in found:
                found[key].duties.extend(d for d in duties if d not in found[key].duties)
            else:
                found[key] = Responsibility(name, list(duties), span)
    return list(found.values())
