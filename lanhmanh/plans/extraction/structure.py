"""From raw text to numbered paragraphs.

The text of a plan arrives in many shapes: one paragraph a line (Word saved as text), paragraphs
hard-wrapped at ~80 characters (copied from a web page or a PDF), markdown with ``**bold**`` and
``###`` headings, header tables flattened into lines separated by ``|``. This module

1. normalises the text (Unicode NFC, spaces, markdown, table remnants);
2. re-joins hard-wrapped lines into paragraphs;
3. recognises the numbering at the start of each paragraph (``I.``, ``1.``, ``1.2.``, ``a)``,
   ``Điều 1.``, bullets ``-`` ``+``) and the section path it puts the paragraph in
   (``II.1.a``);
4. finds the zones of the document: header, title, preamble, body, closing ("Nơi nhận").

The plain text of the document is the paragraphs joined by newlines; every paragraph knows its
offsets in it, so that extracted items can point back to where they came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# --- normalisation ---------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACE_CHARS = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\t\f\v"), " ")
_MD_HEADING = re.compile(r"^#{1,6}\s*")
_MD_ESCAPE = re.compile(r"\\([.\-*_#()\[\]+!|])")
_MD_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_MD_BULLET = re.compile(r"^[*]\s+")
_MD_BOLD_NUMBER = re.compile(r"^\*\*\s*(\d{1,2}(?:\.\d{1,2})*)\s+(?=[^\W\d_])")
_RULE = re.compile(r"^[-=_~.*|:\s]{3,}$")
_SPACES = re.compile(r"[ ]{2,}")


def normalize(text: str) -> str:
    """Unicode NFC, plain spaces, no markdown emphasis or heading marks, no table rules."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.translate(_INVISIBLE).translate(_SPACE_CHARS)
    out = []
    for line in text.split("\n"):
        line = line.strip()
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub("- ", line)
        # "**1 Mục đích.**": a bold number without its dot is still a numbered heading.
        line = _MD_BOLD_NUMBER.sub(r"\1. ", line)
        line = line.replace("**", "").replace("__", "")
        line = _MD_ESCAPE.sub(r"\1", line)
        line = _MD_ITALIC.sub(r"\1", line)
        line = _SPACES.sub(" ", line).strip()
        if line == "|" or _RULE.match(line):
            line = ""
        out.append(line)
    return "\n".join(out)


# --- markers ---------------------------------------------------------------------------------

ROMAN = re.compile(r"^(?P<m>[IVX]{1,5})\s*[./):-]\s*(?=[^\W\d_])")
NESTED = re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s*[):]?\s+(?=[^\d\s%])")
ARABIC = re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s*(?=[^\W\d_]|\()")
LETTER = re.compile(r"^(?P<m>[a-zđ])\s*[).]\s+(?=\S)")
ARTICLE = re.compile(r"^Điều\s+(?P<m>\d{1,2})\s*[.:]?\s*")
BULLET = re.compile(r"^(?P<m>[-–—+•*·▪●○◦►✓])\s*(?=\S)")
PART = re.compile(r"^(?:PHẦN|Phần)\s+(?P<m>[IVX]{1,5}|\d{1,2})\s*[.:-]?\s*")

LEVELS = {"part": 0, "article": 1, "roman": 1, "arabic": 2, "letter": 6}


def match_marker(text: str) -> tuple[str, str, int]:
    """(kind, marker, length of the marker) at the start of a paragraph, or ("", "", 0)."""
    for kind, pattern in (
        ("part", PART),
        ("article", ARTICLE),
        ("roman", ROMAN),
        ("nested", NESTED),
        ("arabic", ARABIC),
        ("letter", LETTER),
        ("bullet", BULLET),
    ):
        found = pattern.match(text)
        if found:
            if kind == "bullet" and text.startswith(("--", "––")):
                continue
            return kind, found.group("m"), found.end()
    return "", "", 0


# --- paragraphs ------------------------------------------------------------------------------


@dataclass
class Paragraph:
    index: int
    text: str  # the whole paragraph, marker included
    start: int  # offset of ``text`` in the plain text
    kind: str = ""  # roman | arabic | nested | letter | article | part | bullet | table | ""
    marker: str = ""
    body: str = ""  # the text after the marker
    body_start: int = 0  # offset of ``body`` in the plain text
    section: str = ""
    level: int = 0  # heading level for numbered paragraphs, 0 otherwise
    cells: list[str] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def numbered(self) -> bool:
        return self.level > 0


# A numbered heading that only names the start of an agency ("10. Đài", "12. Đề nghị"): the
# name goes on in the next line even when that starts with a capital.
_INCOMPLETE_HEADING = re.compile(
    r"^(?:Đề nghị|Kính đề nghị|Đài|Sở|Ban|Ủy ban|Uỷ ban|Bộ|Hội|Báo|Viện|Tòa án|Toà án|Trung tâm|"
    r"Phòng|Cục|Chi cục|Trường|Liên đoàn|Bộ Chỉ huy|Ban Chỉ huy)$"
)
_TERMINAL = tuple(".;:!?")


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _is_table_row(line: str) -> bool:
    return line.startswith("|") and line.count("|") >= 2


def _wrap_width(lines: list[str]) -> int | None:
    """The width of a hard-wrapped text, or None when lines are whole paragraphs."""
    lengths = sorted(len(line) for line in lines if line and not _is_table_row(line))
    if len(lengths) < 20:
        return None
    p95 = lengths[int(len(lengths) * 0.95)]
    if p95 > 160:
        return None
    near_full = sum(1 for n in lengths if n >= 0.8 * p95)
    if near_full / len(lengths) < 0.3:
        return None
    return p95 + 2


def _should_join(current: list[str], line: str, blank: bool, width: int | None) -> bool:
    last = current[-1]
    if _is_table_row(current[0]):
        return False
    terminated = last.rstrip("\"')*”’").endswith(_TERMINAL)
    kind, _, size = match_marker(line)
    if kind:
        # "kinh tế\n- xã hội": a hyphenated compound broken at the line end.
        return bool(
            kind == "bullet"
            and width
            and not blank
            and not terminated
            and line[size : size + 1].islower()
        )
    if terminated:
        return False
    first = line[0]
    if first.islower() or first in ",;)":
        return True
    if blank:
        return False
    if first.isdigit():
        return True
    if _is_upper(last) and _is_upper(line):
        return True
    if len(current) == 1:
        kind, _, size = match_marker(last)
        if kind and kind != "bullet" and _INCOMPLETE_HEADING.match(last[size:].strip()):
            return True
    if width:
        word = line.split(" ", 1)[0]
        return len(last) + 1 + len(word) > width
    return False


def reflow(text: str) -> list[str]:
    """Physical lines to logical paragraphs."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    paragraphs: list[list[str]] = []
    current: list[str] | None = None
    blank = False
    for line in lines:
        if not line:
            blank = True
            continue
        if current is not None and _should_join(current, line, blank, width):
            current.append(line)
        else:
            current = [line]
            paragraphs.append(current)
        blank = False
    return [" ".join(parts) for parts in paragraphs]


# --- document --------------------------------------------------------------------------------

KIND_TITLES = {
    "KẾ HOẠCH": "ke_hoach",
    "QUYẾT ĐỊNH": "quyet_dinh",
    "CHƯƠNG TRÌNH": "chuong_trinh",
}
_TITLE_LINE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH)(?:\s*[:.]?\s*$|\s+(?=\S))")
_TITLE_LOOSE = re.compile(r"^(Kế hoạch|Quyết định|Chương trình)\s+(?!số\b)", re.IGNORECASE)
_CLOSING = re.compile(r"^(Nơi nhận|NƠI NHẬN)\b")
_PREAMBLE = re.compile(
    r"^(Căn cứ|Thực hiện|Để|Triển khai|Theo|Nhằm|Xét|Trên cơ sở|Tiếp tục|Thi hành)\b"
)


@dataclass
class Document:
    text: str  # the plain text: paragraphs joined by "\n"
    paragraphs: list[Paragraph]
    title_index: int | None  # the "KẾ HOẠCH" / "QUYẾT ĐỊNH" line
    title_end: int  # index after the last paragraph of the title
    body_start: int  # index of the first paragraph of the body
    included: list[bool]  # per paragraph: part of the body (not header, not closing blocks)

    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs[self.body_start :] if self.included[p.index]]

    def children(self, heading: Paragraph) -> list[Paragraph]:
        """Paragraphs under a numbered heading, up to the next heading at its level or above."""
        out = []
        for paragraph in self.paragraphs[heading.index + 1 :]:
            if paragraph.numbered and paragraph.level <= heading.level:
                break
            if self.included[paragraph.index]:
                out.append(paragraph)
        return out


def _level(kind: str, marker: str) -> int:
    if kind == "nested":
        return 1 + marker.count(".") + 1
    return LEVELS.get(kind, 0)


def parse(raw: str) -> Document:
    """Normalise, reflow and number the paragraphs of a document."""
    texts = reflow(normalize(raw))
    paragraphs: list[Paragraph] = []
    offset = 0
    state = {"part": None, "article": None, "roman": None, "arabic": None, "letter": None}
    for index, text in enumerate(texts):
        paragraph = Paragraph(index=index, text=text, start=offset)
        offset += len(text) + 1
        if _is_table_row(text):
            paragraph.kind = "table"
            paragraph.cells = [cell.strip() for cell in text.strip("|").split("|")]
            paragraph.body, paragraph.body_start = text, paragraph.start
        else:
            kind, marker, size = match_marker(text)
            paragraph.kind, paragraph.marker = kind, marker
            paragraph.body = text[size:].strip()
            paragraph.body_start = paragraph.start + (
                text.index(paragraph.body) if paragraph.body else len(text)
            )
            if kind and kind != "bullet":
                paragraph.level = _level(kind, marker)
                if kind in ("part", "article"):
                    state = dict.fromkeys(state)
                    state[kind] = marker
                elif kind == "roman":
                    state.update(roman=marker, arabic=None, letter=None, article=None)
                elif kind in ("arabic", "nested"):
                    state.update(arabic=marker, letter=None)
                elif kind == "letter":
                    state["letter"] = marker
        paragraph.section = _section(state)
        paragraphs.append(paragraph)
    plain = "\n".join(texts)
    return _zones(plain, paragraphs)


def _section(state: dict) -> str:
    parts = []
    if state["article"]:
        parts.append(f"Điều {state['article']}")
    for key in ("roman", "arabic", "letter"):
        if state[key]:
            parts.append(state[key])
    return ".".join(parts)


def _zones(plain: str, paragraphs: list[Paragraph]) -> Document:
    title_index = None
    for paragraph in paragraphs[:60]:
        if _TITLE_LINE.match(paragraph.text):
            title_index = paragraph.index
            break
    if title_index is None:
        for paragraph in paragraphs[:30]:
            if _TITLE_LOOSE.match(paragraph.text) and not paragraph.numbered:
                title_index = paragraph.index
                break
    start = 0 if title_index is None else title_index + 1
    # The title runs on until the preamble or the first section.
    title_end = start
    if title_index is not None and start < len(paragraphs):
        head = paragraphs[title_index]
        rest = _TITLE_LINE.sub("", head.text).strip() if _TITLE_LINE.match(head.text) else "x"
        if not rest:
            title_end = start + 1  # the next paragraph is the title proper
            more = paragraphs[title_end : title_end + 2]
            if not _is_upper(paragraphs[start].text):
                more = []
            for paragraph in more:
                if (
                    paragraph.numbered
                    or _PREAMBLE.match(paragraph.text)
                    or len(paragraph.text) > 160
                ):
                    break
                if _is_upper(paragraph.text):
                    title_end = paragraph.index + 1
                else:
                    break
    body_start = len(paragraphs)
    for paragraph in paragraphs[title_end:]:
        if paragraph.kind in ("roman", "arabic", "nested", "article", "part"):
            body_start = paragraph.index
            break
    included = [True] * len(paragraphs)
    skipping = False
    for paragraph in paragraphs:
        if _CLOSING.match(paragraph.text):
            skipping = True
        elif skipping and (
            paragraph.kind in ("roman", "part") or _TITLE_LINE.match(paragraph.text)
        ):
            skipping = False
        if skipping:
            included[paragraph.index] = False
    return Document(plain, paragraphs, title_index, title_end, body_start, included)
