"""Quantitative commitments ("targets") stated with digits.

A number is a target unless it is something else: a date, a year, a duration, a legal or
document reference, a section or annex number, a phone number, a name ("Đội 178",
"chương trình 100% bao cao su"), a footnote mark, a fraction of units ("05/11 huyện"), a place
that only says where or for whom ("ở 05 huyện", "cho cán bộ 11 huyện"), a sum of money or a
past result ("năm 2020 đạt 78,4%"). The comparator is the word just before the quantity
("ít nhất", "không quá", "tăng"…) or "… trở lên" after it; a range is "40 - 60" or
"từ 01 đến 03"; the year is the "năm YYYY" that the target's own sentence names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vietnamese numerals: dots group thousands ("10.000"), a comma marks decimals ("2,5").
_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
NUMBER = re.compile(rf"(?<![\w/.,\-–—]){_NUMBER}(?![\w/]|[.,]\d)")
_RANGE_TAIL = re.compile(
    rf"^\s*(%|phần trăm)?\s*(?:-|–|—|đến|tới)\s*(?:mức\s+)?({_NUMBER})(?![\w/]|[.,]\d)"
    r"\s*(%|phần trăm)?"
)
_PERCENT = re.compile(r"^\s*(%|phần trăm\b)")
_WORD = re.compile(r"[^\W\d_]\w*")
_TOKEN = re.compile(r"\w+")

# The word(s) just before a number that make it a reference, an ordinal or a name.
_PREV_ONE = {
    "số", "điều", "khoản", "mục", "lần", "đợt", "khóa", "khoá", "kỳ", "đội", "quận", "phường",
    "thôn", "xóm", "tổ", "ấp", "khu", "đường", "km", "lớp", "bước", "phần", "chương", "trang",
    "vòng", "mã", "hotline", "luật", "lục", "ngành", "kênh", "tầng", "bảng", "biểu", "mẫu",
    "câu", "tiết",
}  # fmt: skip
_PREV_TWO = {
    "nghị định", "quyết định", "chỉ thị", "thông tư", "nghị quyết", "công văn", "kế hoạch",
    "chương trình", "văn bản", "dây nóng", "tổng đài", "tiêu chí", "giai đoạn", "phụ lục",
    "liên ngành", "tờ trình", "thông báo", "hướng dẫn", "điện thoại", "đề án", "dự án",
}  # fmt: skip
# Before a number these are dates unless a percent follows ("năm 2020: 100%" is fine).
_PREV_DATE = {"ngày", "tháng", "năm", "quý", "tuần"}
_UNIT_TIME = {"tháng", "năm", "quý", "ngày", "tuần", "giờ", "phút", "tuổi", "buổi/tuần"}
_UNIT_MONEY = {"đồng", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "usd", "vnđ", "vnd", "đ"}
# Places: a count of them is scope ("cho cán bộ 11 huyện") unless it is what is delivered.
_SCOPE_UNIT = re.compile(
    r"^(huyện|xã|phường|thị trấn|thị xã|tỉnh|thành phố|quận|thôn|bản|tổ dân phố|khu dân cư|"
    r"xóm|ấp|làng|địa phương|đơn vị hành chính|khu phố)\b"
)
_SCOPE_TARGET_PREV = {
    "tại", "dựng", "trì", "khai", "đạt", "có", "thêm", "mới", "nhận", "điểm", "rộng", "đấu",
    "hiện", "chọn", "lên", "được", "thành", "nhất", "thiểu", "trên", "hơn", "khoảng", "quá",
    "đa", "dưới",
}  # fmt: skip

_GE = r"ít nhất|tối thiểu|trên|hơn|không dưới|không ít hơn|vượt|từ"
_LE = r"không quá|tối đa|dưới|không vượt quá|ít hơn|không vượt"
_FILLER = r"(?:\s+(?:đạt|là|được|có|bằng|mức|khoảng))*"
_COMPARATOR = re.compile(
    rf"(?:^|[\s(:,])(?P<trend>tăng|giảm)?(?:\s*(?:thêm|lên|xuống|được|khoảng|còn))*"
    rf"\s*(?P<cmp>{_GE}|{_LE})?{_FILLER}\s*$"
)
_TREND_ONLY = re.compile(r"(?:^|[\s(:,])(?P<trend>tăng|giảm)(?:\s+(?:thêm|lên|xuống|còn))?\s*$")
_AT_LEAST_AFTER = re.compile(r"^[^,;.:()]{0,40}?\btrở lên\b")
_AT_MOST_AFTER = re.compile(r"^[^,;.:()]{0,40}?\btrở xuống\b")

_YEAR_MENTION = re.compile(
    r"\b(?P<lead>(?:đến|vào|trong|tới|từ|so với|đã)\s+)?năm\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_PAST = re.compile(r"\bđã\b", re.IGNORECASE)


@dataclass
class Target:
    text: str
    kind: str
    op: str
    value: float
    value_max: float | None
    year: int | None
    section: str
    span: tuple[int, int]

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "op": self.op,
            "value": _plain(self.value),
            "value_max": _plain(self.value_max),
            "year": self.year,
            "section": self.section,
        }


def _plain(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def parse_number(text: str) -> float:
    """'10.000' → 10000, '2,5' → 2.5, '05' → 5."""
    whole, _, decimals = text.partition(",")
    number = float(whole.replace(".", ""))
    if decimals:
        number += float("0." + decimals)
    return number


def _words_before(text: str, count: int) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text[-60:])][-count:]


def _first_word(text: str) -> str:
    found = _WORD.match(text.lstrip())
    return found.group(0).lower() if found else ""


@dataclass
class Candidate:
    start: int
    end: int  # end of the whole quantity (range and % included)
    value: float
    value_max: float | None
    percent: bool


def _candidates(sentence: str) -> list[Candidate]:
    out = []
    consumed_until = -1
    for found in NUMBER.finditer(sentence):
        if found.start() < consumed_until:
            continue
        value = parse_number(found.group(0))
        rest = sentence[found.end() :]
        value_max = None
        end = found.end()
        percent = bool(_PERCENT.match(rest))
        ranged = _RANGE_TAIL.match(rest)
        if ranged:
            high = parse_number(ranged.group(2))
            if high > value:
                value_max = high
                percent = percent or bool(ranged.group(1) or ranged.group(3))
                end += ranged.end()
                consumed_until = end
        if value_max is None and percent:
            end += _PERCENT.match(rest).end()
        out.append(Candidate(found.start(), end, value, value_max, percent))
    return out


def _excluded(sentence: str, cand: Candidate, number_text: str) -> bool:
    before = sentence[: cand.start]
    after = sentence[cand.end :]
    words = _words_before(before, 2)
    prev = words[-1] if words else ""
    prev_two = " ".join(words[-2:]) if len(words) == 2 else ""
    digits = number_text.replace(".", "").replace(",", "")
    # Phone numbers, tax codes, long identifiers.
    if len(digits) >= 7 or (digits.startswith("0") and len(digits) >= 5):
        return True
    if before.rstrip().endswith(("số:", "Số:", "số", "Số")) and not cand.percent:
        return True
    if prev in _PREV_ONE or prev_two in _PREV_TWO:
        return True
    if prev in _PREV_DATE and not cand.percent:
        return True
    if not cand.percent:
        # Years: 1950-2100 written without a thousands dot.
        if "." not in number_text and "," not in number_text and 1950 <= cand.value <= 2100:
            return True
        word = _first_word(after)
        if not word or not after.lstrip()[:1].isalpha():
            return True  # a bare number: a page number, a label, a name
        if word in _UNIT_TIME or word in _UNIT_MONEY:
            return True
        if _SCOPE_UNIT.match(after.lstrip().lower()) and prev and prev not in _SCOPE_TARGET_PREV:
            return True
    return False


def _is_past(sentence: str, cand: Candidate, min_year: int | None) -> bool:
    before = sentence[: cand.start]
    clause = re.split(r"[;:]", before)[-1]
    comma_clause = clause.rsplit(",", 1)[-1]
    if _PAST.search(comma_clause):
        return True
    if min_year:
        for mention in _YEAR_MENTION.finditer(clause):
            lead = (mention.group("lead") or "").strip().lower()
            if lead in ("so với", "từ"):
                continue
            if int(mention.group("y")) < min_year:
                return True
    return False


def _operator(sentence: str, cand: Candidate) -> str:
    before = sentence[: cand.start].lower()
    tail = before[-60:]
    after = sentence[cand.end :].lower()
    trend = None
    cmp = None
    found = _COMPARATOR.search(tail)
    if found:
        trend = found.group("trend")
        cmp = found.group("cmp")
    else:
        found = _TREND_ONLY.search(tail)
        if found:
            trend = found.group("trend")
    if cmp == "từ":
        cmp = "ít nhất" if _AT_LEAST_AFTER.match(after) else None
    if trend == "tăng":
        return "increase"
    if trend == "giảm":
        return "decrease"
    if cand.value_max is not None:
        return "range"
    if cmp:
        if re.fullmatch(_LE, cmp):
            return "le"
        return "ge"
    if _AT_LEAST_AFTER.match(after):
        return "ge"
    if _AT_MOST_AFTER.match(after):
        return "le"
    return "eq"


def _year(sentence: str, cand: Candidate, min_year: int | None) -> int | None:
    best = None
    for mention in _YEAR_MENTION.finditer(sentence):
        lead = (mention.group("lead") or "").strip().lower()
        year = int(mention.group("y"))
        if lead in ("so với", "từ", "đã") or (min_year and year < min_year):
            continue
        if mention.end() <= cand.start:
            best = year  # the nearest before the quantity wins
            continue
        if best is None and mention.start() >= cand.end:
            between = sentence[cand.end : mention.start()]
            if re.search(r"[;.]|\bđã\b", between) or NUMBER.search(between):
                break
            if lead in ("đến", "vào", "trong", "tới"):
                best = year
        break
    return best


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs of a paragraph."""
    out = []
    start = 0
    for found in re.finditer(r"[.!?]+\s+", text):
        following = text[found.end() : found.end() + 1]
        if following and (following.isupper() or following.isdigit() or following in '-–+•("“'):
            out.append((start, text[start : found.start() + 1]))
            start = found.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _target_text(sentence: str, cands: list[Candidate], i: int) -> tuple[int, int]:
    """The part of the sentence that states quantity ``i``: its ';' segment, cut between
    quantities at ' và ' or ', '."""
    cand = cands[i]
    seg_start = sentence.rfind(";", 0, cand.start) + 1
    seg_end = sentence.find(";", cand.end)
    seg_end = len(sentence) if seg_end < 0 else seg_end
    previous = [c for c in cands[:i] if c.start >= seg_start]
    following = [c for c in cands[i + 1 :] if c.end <= seg_end]
    if previous:
        gap = sentence[previous[-1].end : cand.start]
        cut = max(gap.rfind(" và "), gap.rfind(", "))
        if cut >= 0:
            seg_start = previous[-1].end + cut + (4 if gap[cut:].startswith(" và ") else 2)
    if following:
        gap = sentence[cand.end : following[0].start]
        cuts = [p for p in (gap.find(" và "), gap.find(", ")) if p >= 0]
        if cuts:
            seg_end = cand.end + min(cuts)
    while seg_start < seg_end and sentence[seg_start] in " -–+•:,":
        seg_start += 1
    while seg_end > seg_start and sentence[seg_end - 1] in " ,;":
        seg_end -= 1
    return seg_start, seg_end


def find_in_text(
    text: str, section: str = "", offset: int = 0, plan_years: list[int] | None = None
) -> list[Target]:
    """Targets stated in one paragraph of text."""
    min_year = min(plan_years) if plan_years else None
    out = []
    for sent_offset, sentence in sentences(text):
        cands = _candidates(sentence)
        kept = []
        for cand in cands:
            number_text = sentence[cand.start : cand.end]
            number_text = NUMBER.match(number_text).group(0)
            if _excluded(sentence, cand, number_text) or _is_past(sentence, cand, min_year):
                continue
            kept.append(cand)
        for i, cand in enumerate(kept):
            start, end = _target_text(sentence, kept, i)
            out.append(
                Target(
                    text=sentence[start:end].strip().rstrip("."),
                    kind="percent" if cand.percent else "count",
                    op=_operator(sentence, cand),
                    value=cand.value,
                    value_max=cand.value_max,
                    year=_year(sentence, cand, min_year),
                    section=section,
                    span=(offset + sent_offset + start, offset + sent_offset + end),
                )
            )
    return out
