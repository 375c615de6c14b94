"""Work items with a lead agency ("Cơ quan chủ trì"), partners ("Cơ quan phối hợp") and a
schedule ("Tiến độ thực hiện"), written as labelled lines under a numbered item or as the
rows of a table whose header names those columns."""

from __future__ import annotations

import re

from .agencies import split_list
from .structure import Document, Paragraph

_LEAD = re.compile(r"^(?:cơ quan|đơn vị)?\s*chủ trì(?:\s+thực hiện)?\s*:\s*", re.IGNORECASE)
_PARTNERS = re.compile(r"^(?:cơ quan|đơn vị)?\s*phối hợp(?:\s+thực hiện)?\s*:\s*", re.IGNORECASE)
_SCHEDULE = re.compile(
    r"^(?:tiến độ|thời gian|thời hạn)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*", re.IGNORECASE
)
_INLINE = re.compile(
    r"(?P<label>(?:cơ quan |đơn vị )?chủ trì|(?:cơ quan |đơn vị )?phối hợp|"
    r"tiến độ(?: thực hiện)?|thời gian(?: thực hiện)?)\s*:\s*",
    re.IGNORECASE,
)
_GENERIC = re.compile(
    r"^(chỉ tiêu|trách nhiệm|nhiệm vụ|giải pháp|nội dung|tổ chức thực hiện|phân công|"
    r"tiến độ|thời gian|kết quả|sản phẩm|hoạt động)\b",
    re.IGNORECASE,
)
_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_schedule(text: str, default_year: int | None) -> tuple[str | None, str | None]:
    """ "Từ tháng 3 đến tháng 12 năm 2017" → ("2017-03", "2017-12")."""
    text = text.strip()
    found = re.search(
        r"(?:từ\s+)?tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?\s*(?:đến|-|–)\s*"
        r"(?:tháng\s+)?(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?",
        text,
        re.IGNORECASE,
    )
    if found:
        end_year = found.group(4) or _year_after(text, found.end()) or default_year
        start_year = found.group(2) or end_year
        return _month(start_year, found.group(1)), _month(end_year, found.group(3))
    found = re.search(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm)?\s*(\d{4})?", text, re.IGNORECASE)
    if found:
        year = found.group(2) or default_year
        quarter = _ROMAN_QUARTER[found.group(1).upper()]
        return _month(year, 3 * quarter - 2), _month(year, 3 * quarter)
    found = re.search(r"tháng\s+(\d{1,2})\s*(?:/|năm)\s*(\d{4})", text, re.IGNORECASE)
    if found:
        month = _month(found.group(2), found.group(1))
        return month, month
    found = re.search(r"(?:cả\s+)?năm\s+(\d{4})", text, re.IGNORECASE)
    if found:
        return _month(found.group(1), 1), _month(found.group(1), 12)
    if re.search(r"cả năm|trong năm", text, re.IGNORECASE) and default_year:
        return _month(default_year, 1), _month(default_year, 12)
    return None, None


def _year_after(text: str, position: int) -> str | None:
    found = re.search(r"(\d{4})", text[position:])
    return found.group(1) if found else None


def _month(year, month) -> str | None:
    if not year or not month or not 1 <= int(month) <= 12:
        return None
    return f"{int(year):04d}-{int(month):02d}"


def _new(heading: Paragraph | None) -> dict:
    return {
        "section": heading.section if heading else "",
        "title": heading.body.rstrip(" .:") if heading else "",
        "lead": [],
        "partners": [],
        "start": None,
        "end": None,
    }


def extract(doc: Document, plan_years: list[int]) -> list[dict]:
    default_year = plan_years[0] if len(plan_years) == 1 else None
    tasks: dict[int, dict] = {}
    stack: list[Paragraph] = []
    table_columns: dict[str, int] | None = None
    for paragraph in doc.body():
        if paragraph.numbered:
            while stack and stack[-1].level >= paragraph.level:
                stack.pop()
            stack.append(paragraph)
        if paragraph.kind == "table":
            table_columns = _table(paragraph, table_columns, stack, tasks, default_year)
            continue
        table_columns = None
        fields = _fields(paragraph.body)
        if not fields:
            continue
        heading = next((h for h in reversed(stack) if not _GENERIC.match(h.body)), None)
        if heading is None and paragraph.numbered:
            heading = paragraph
        key = heading.index if heading else -1
        task = tasks.setdefault(key, _new(heading))
        for label, value in fields:
            if label == "lead":
                task["lead"] += split_list(value)
            elif label == "partners":
                task["partners"] += split_list(value)
            else:
                task["start"], task["end"] = parse_schedule(value, default_year)
    return list(tasks.values())


def _fields(text: str) -> list[tuple[str, str]]:
    out = []
    marks = list(_INLINE.finditer(text))
    if not marks or marks[0].start() > 3:
        return out
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[mark.end() : end].strip(" .;,")
        label = mark.group("label").lower()
        if "chủ trì" in label:
            out.append(("lead", value))
        elif "phối hợp" in label:
            out.append(("partners", value))
        else:
            out.append(("schedule", value))
    return out


def _table(paragraph, columns, stack, tasks, default_year):
    cells = paragraph.cells
    lowered = [c.lower() for c in cells]
    if columns is None:
        if any("chủ trì" in c for c in lowered):
            columns = {}
            for i, cell in enumerate(lowered):
                if "chủ trì" in cell:
                    columns["lead"] = i
                elif "phối hợp" in cell:
                    columns["partners"] = i
                elif any(w in cell for w in ("thời gian", "tiến độ", "thời hạn")):
                    columns["schedule"] = i
                elif any(w in cell for w in ("nội dung", "nhiệm vụ", "hoạt động")):
                    columns.setdefault("title", i)
                elif cell in ("stt", "tt", "số tt"):
                    columns["number"] = i
            return columns
        return None
    if len(cells) <= max(columns.values(), default=0):
        return columns
    heading = stack[-1] if stack else None
    number = cells[columns["number"]] if "number" in columns else ""
    section = heading.section if heading else ""
    if number:
        section = f"{section}.{number}" if section else number
    task = {
        "section": section,
        "title": cells[columns["title"]] if "title" in columns else "",
        "lead": split_list(cells[columns["lead"]]) if "lead" in columns else [],
        "partners": split_list(cells[columns["partners"]]) if "partners" in columns else [],
        "start": None,
        "end": None,
    }
    if "schedule" in columns:
        task["start"], task["end"] = parse_schedule(cells[columns["schedule"]], default_year)
    tasks[(paragraph.index, 0)] = task
    return columns
