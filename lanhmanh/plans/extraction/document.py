"""The document block: kind, number, date and place of issue, title, years covered, and the
references of the preamble ("Căn cứ…", "Thực hiện…")."""

from __future__ import annotations

import datetime
import re

from .structure import _TITLE_LINE, KIND_TITLES, Document, _is_upper

_NUMBER_LINE = re.compile(r"^Số\s*[:.]\s*(?P<n>.*)$")
_SYMBOL_OK = re.compile(r"^\d+[A-Za-z]?(?:/\d{4})?/[^\s/]+")
_DATE_LINE = re.compile(
    r"(?P<place>[^\W\d_][^,]{1,40}?),\s*ngày\s+(?P<d>\d{1,2})?\s*tháng\s+(?P<m>\d{1,2})?\s*"
    r"năm\s+(?P<y>\d{4})",
)
_DATE_ANY = re.compile(r"ngày\s+(?P<d>\d{1,2})?\s*tháng\s+(?P<m>\d{1,2})?\s*năm\s+(?P<y>\d{4})")
# Document symbols: "361/QĐ-TTg", "178/2004/NĐ-CP", "01/2008/NQLT-BLĐTBXH-BCA".
SYMBOL = re.compile(
    r"(?<![\w/])(\d{1,5}[a-z]?(?:/\d{4})?/(?:[A-ZĐÂĂÊÔƠƯ][\wĐđ&]*)(?:-[\wĐđ&]+)*)(?![\w/])"
)
_YEAR_RANGE = re.compile(r"(?P<a>(?:19|20)\d{2})\s*(?:-|–|—|đến)\s*(?P<b>(?:19|20)\d{2})")
_YEAR_ONE = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b", re.IGNORECASE)
_PREAMBLE_START = re.compile(
    r"^(Căn cứ|Thực hiện|Để|Triển khai|Theo|Nhằm|Trên cơ sở|Tiếp tục|Thi hành|Quán triệt)\b"
)
_PLACE_IN_TITLE = re.compile(
    r"\b(?:tỉnh|thành phố|TỈNH|THÀNH PHỐ|Thành phố)\s+"
    r"(?P<p>[^\W\d_][\w]*(?:\s+[^\W\d_][\w]*){0,2}?)"
    r"(?=\s+(?:năm|NĂM|giai|GIAI|,)|\s*$|,)"
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def _header(doc: Document) -> list[str]:
    end = doc.title_index if doc.title_index is not None else min(12, len(doc.paragraphs))
    lines = []
    for paragraph in doc.paragraphs[:end]:
        # A Word header table: "| Số: 15/KH-SYT | Hạ Lương, ngày … |".
        lines.extend(paragraph.cells if paragraph.kind == "table" else [paragraph.text])
    return lines


def number(doc: Document) -> str | None:
    lines = _header(doc)
    if doc.title_index is not None:
        # A decision's own number may stand under its title block too.
        lines += [p.text for p in doc.paragraphs[doc.title_index : doc.title_end]]
    for line in lines:
        found = _NUMBER_LINE.match(line.strip())
        if not found:
            continue
        value = re.sub(r"\s+", "", found.group("n"))
        value = value.rstrip(".,;")
        symbol = SYMBOL.match(value) or _SYMBOL_OK.match(value)
        return symbol.group(0) if symbol else None
    return None


def issued(doc: Document) -> tuple[str | None, str | None]:
    """(ISO date or None, place or None) from the "Place, ngày … tháng … năm …" line."""
    for line in _header(doc):
        found = _DATE_LINE.search(line)
        if found:
            place = _clean(found.group("place"))
            return _iso(found), place or None
    return None, None


def _iso(found) -> str | None:
    if not (found.group("d") and found.group("m")):
        return None
    try:
        return datetime.date(
            int(found.group("y")), int(found.group("m")), int(found.group("d"))
        ).isoformat()
    except ValueError:
        return None


def kind(doc: Document) -> str:
    if doc.title_index is None:
        return "other"
    head = doc.paragraphs[doc.title_index].text
    found = _TITLE_LINE.match(head)
    if found:
        return KIND_TITLES[found.group(1)]
    lowered = head.lower()
    for word, value in (
        ("kế hoạch", "ke_hoach"),
        ("quyết định", "quyet_dinh"),
        ("chương trình", "chuong_trinh"),
    ):
        if lowered.startswith(word):
            return value
    return "other"


def title(doc: Document) -> str:
    if doc.title_index is None:
        return ""
    parts = [p.text for p in doc.paragraphs[doc.title_index : doc.title_end]]
    text = _clean(" ".join(parts))
    found = _TITLE_LINE.match(text)
    if found:
        word = found.group(1)
        rest = text[found.end() :].strip(" :.")
        if _is_upper(rest):
            rest = rest.lower()
        elif rest[:1].isupper() and not rest.startswith("V/v"):
            rest = rest[:1].lower() + rest[1:]
        text = f"{word.capitalize()} {rest}".strip()
    return text


def years(doc: Document, title_text: str) -> list[int]:
    """The calendar years the plan covers: from the title, else from the preamble."""
    sources = [title_text]
    sources += [p.text for p in preamble(doc)]
    for text in sources:
        found = _years_in(text)
        if found:
            return found
    return []


def _years_in(text: str) -> list[int]:
    ranges = list(_YEAR_RANGE.finditer(text))
    singles = [
        int(m.group("y"))
        for m in _YEAR_ONE.finditer(text)
        if not any(r.start() <= m.start("y") < r.end() for r in ranges)
    ]
    if singles:
        # "giai đoạn 2021-2025 … năm 2024": the single year is the plan's year.
        return sorted(set(singles))
    for found in ranges:
        start, end = int(found.group("a")), int(found.group("b"))
        if start <= end <= start + 20:
            return list(range(start, end + 1))
    return []


def preamble(doc: Document):
    """Paragraphs between the title and the first section."""
    out = []
    for paragraph in doc.paragraphs[doc.title_end : doc.body_start]:
        out.append(paragraph)
    return out


def references(doc: Document) -> list[str]:
    seen: list[str] = []
    own = number(doc)
    for paragraph in preamble(doc):
        if not _PREAMBLE_START.match(paragraph.text):
            continue
        for found in SYMBOL.finditer(paragraph.text):
            symbol = found.group(1).rstrip(".,;:")
            if symbol != own and symbol not in seen:
                seen.append(symbol)
    return seen


def place(doc: Document, title_text: str, from_header: str | None) -> str | None:
    if from_header:
        return from_header
    found = _PLACE_IN_TITLE.search(title_text)
    if not found:
        return None
    words = found.group("p").split()
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def _restore_place(title_text: str, place_name: str | None) -> str:
    """A title printed in capitals was lowered whole; give the place its capitals back
    ("… tỉnh nghệ an năm 2024" → "… tỉnh Nghệ An năm 2024")."""
    if not place_name:
        return title_text
    return re.sub(re.escape(place_name.lower()), place_name, title_text)


def extract(doc: Document) -> tuple[dict, list[str]]:
    title_text = title(doc)
    issued_on, header_place = issued(doc)
    place_name = place(doc, title_text, header_place)
    block = {
        "kind": kind(doc),
        "number": number(doc),
        "issued_on": issued_on,
        "place": place_name,
        "title": _restore_place(title_text, place_name),
        "years": years(doc, title_text),
    }
    return block, references(doc)
