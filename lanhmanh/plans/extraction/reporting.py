"""The reporting regime: one entry per (frequency, recipient) that the plan states.

A report with no stated period ("báo cáo theo quy định", "định kỳ báo cáo") is not an entry;
"đột xuất" and "báo cáo nhanh" are ``ad_hoc``; "thường xuyên" fits no frequency.
"""

from __future__ import annotations

import re

from . import agencies
from .structure import Document
from .targets import sentences

_REPORT = re.compile(r"báo\s+cáo(?!\s+viên)", re.IGNORECASE)
FREQUENCIES = {
    "monthly": [
        r"\b(?:hàng|hằng|mỗi|định kỳ|báo cáo|theo)\s+tháng\b(?!\s*(?:cuối|đầu|\d))",
        r"\btháng\s*,\s*(?:và\s+)?quý\b",
    ],
    "quarterly": [r"\bquý\b(?!\s*(?:I|II|III|IV)\s*/)"],
    "semiannual": [
        r"(?<![\d/])0?6\s+tháng\b",
        r"\bsáu\s+tháng\b",
        r"\bbán\s+niên\b",
        r"\bnửa\s+năm\b",
    ],
    "annual": [
        r"\b(?:hàng|hằng|mỗi|định kỳ)\s+năm\b",
        r"\bbáo cáo\s+(?:tổng kết\s+)?năm\b(?!\s*\d)",
        r"(?<![\d/])0?1\s+năm\b",
        r"\b(?:quý|tháng)\s*,\s*(?:và\s+)?năm\b(?!\s*\d)",
        r"\bcả\s+năm\b",
        r"\btổng kết\s+năm\b(?!\s*\d)",
    ],
    "ad_hoc": [r"\bđột\s+xuất\b", r"\bbáo cáo\s+nhanh\b"],
}
_COMPILED = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in FREQUENCIES.items()}
_DUE = re.compile(
    r"trước\s+ngày\s+(?P<d>\d{1,2})(?:\s*/\s*(?P<m>\d{1,2})(?!\d)|\s+tháng\s+(?P<m2>\d{1,2})\b)?",
    re.IGNORECASE,
)
_RECIPIENT_LEAD = re.compile(
    r"báo\s+cáo(?:\s+kết quả[^,;()]*?)?(?:\s+(?:về|gửi về|gửi|cho|với|lên))?\s+(?=\S)",
    re.IGNORECASE,
)
_TO = re.compile(rf"\b(?:gửi về|gửi|về|lên)\s+(?=(?:{agencies._HEADS})\b)")
_QUA = re.compile(r"\(\s*qua\s+([^)]+)\)")
_STOP = re.compile(
    r"\s*(?:\(|,|;|\.|:|\s(?:để|về|trước|theo|trong|tình hình|kết quả|định kỳ|khi|nếu|"
    r"sau|và các|và đột|thường)\b)"
)


def _recipient(clause: str) -> str | None:
    for lead in _RECIPIENT_LEAD.finditer(clause):
        rest = clause[lead.end() :]
        if not agencies.HEAD.match(rest):
            continue
        stop = _STOP.search(rest)
        name = rest[: stop.start()] if stop else rest
        name = name.strip(" .;,")
        if name:
            return name
    report = _REPORT.search(clause)
    for lead in _TO.finditer(clause, report.start() if report else 0):
        rest = clause[lead.end() :]
        stop = _STOP.search(rest)
        name = (rest[: stop.start()] if stop else rest).strip(" .;,")
        if name:
            return name
    qua = _QUA.search(clause)
    if qua:
        return qua.group(1).strip(" .;,")
    return None


def extract(doc: Document) -> list[dict]:
    entries: list[dict] = []
    seen = set()
    for paragraph in doc.body():
        if not _REPORT.search(paragraph.body):
            continue
        for _, sentence in sentences(paragraph.body):
            for clause in re.split(r";\s*", sentence):
                if not _REPORT.search(clause):
                    continue
                found = []
                for frequency, patterns in _COMPILED.items():
                    for pattern in patterns:
                        for match in pattern.finditer(clause):
                            found.append((match.start(), match.end(), frequency))
                if not found:
                    continue
                found.sort()
                to = _recipient(clause)
                for i, (_, end, frequency) in enumerate(found):
                    limit = found[i + 1][0] if i + 1 < len(found) else len(clause)
                    due = _DUE.search(clause, end, max(limit, end))
                    if due is None and i + 1 == len(found):
                        due = _DUE.search(clause)
                    day = int(due.group("d")) if due else None
                    month = due.group("m") or due.group("m2") if due else None
                    month = int(month) if month else None
                    if not (day is None or 1 <= day <= 31) or not (
                        month is None or 1 <= month <= 12
                    ):
                        # "trước ngày 0/0", "ngày 45": no date to keep, rather than a wrong one.
                        day = month = None
                    key = (frequency, to)
                    if key in seen:
                        continue
                    seen.add(key)
                    entries.append(
                        {
                            "frequency": frequency,
                            "due_day": day,
                            "due_month": month,
                            "to": to,
                        }
                    )
    return entries
