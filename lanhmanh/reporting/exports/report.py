"""The compiled provincial report as data, and the layout constants and text helpers its
files share (the files: :mod:`.docx`, :mod:`.xlsx`, :mod:`.html`).

The DOCX follows the administrative layout of Decree 30/2020/NĐ-CP (Appendix I): A4, margins
20/20/30/15 mm, Times New Roman, the two-column header (issuing body, number / national title,
motto, place and date), the title and its summary, numbered sections, "Nơi nhận" and the signer
block, page numbers at the top centre from the second page on.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

FONT = "Times New Roman"
EMPTY = "—"
# A unit not asked for an indicator (not its work): a blank cell, unlike a missing value (—).
NOT_ASKED = ""
TABLE_LEGEND = "Ô để trống: đơn vị không được giao báo cáo chỉ tiêu này; dấu —: chưa có số liệu."

# Sizes in points.
BODY_PT = 14
HEADER_PT = 13
TARGETS_TABLE_PT = 13
INDICATOR_TABLE_PT = 11
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11

# Page geometry in millimetres (Decree 30/2020, Appendix I, section II).
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
LANDSCAPE_TEXT_WIDTH_CM = (PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10
CELL_MARGINS_CM = 0.38  # Word's default left and right cell margins, 0.19 cm each

# Indicator table: unit columns per table in portrait and landscape; more units than
# PORTRAIT_MAX_UNITS put the table on landscape pages, split in blocks of LANDSCAPE_MAX_UNITS.
PORTRAIT_MAX_UNITS = 3
LANDSCAPE_MAX_UNITS = 7

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TOTAL_LABEL = "Toàn tỉnh"


# --------------------------------------------------------------------------------------------
# Data


@dataclass
class TargetRow:
    """One target's result: its text, the target, the current value and the status."""

    section: str
    text: str
    target: str
    value: str | None
    status: str
    status_code: str  # met / on_track / at_risk / off_track / not_enough_data / no_data
    #: how many units the value stands for, and a later partial figure ("1/130 …")
    note: str = ""

    @property
    def result(self) -> str:
        """The value as the result column shows it, with its note below."""
        value = self.value or EMPTY
        return f"{value}\n{self.note}" if self.note else value


@dataclass
class TaskRow:
    """One lead agency's task (or its duties): where it stands and what it achieved."""

    text: str
    agency: str
    due: str
    status: str
    status_code: str  # not_started / in_progress / done / late
    result: str


TASKS_HEADING = "Tình hình thực hiện các nhiệm vụ"
TASKS_HEADERS = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả"]


@dataclass
class IndicatorTable:
    """Indicator values by unit: rows of (name, unit of measure, values per unit, total).
    A unit's value is :data:`NOT_ASKED` where the unit does not report the indicator."""

    units: list[str]
    rows: list[tuple[str, str, list[float | int | str | None], float | int | None]]


@dataclass
class Narrative:
    """A unit's text under one narrative heading."""

    unit: str
    text: str


@dataclass
class ProvincialReport:
    """Everything the compiled provincial report shows, already computed and labelled."""

    issuer_parent: str | None
    issuer: str
    number: str | None
    place: str
    date: datetime.date
    title: str
    subtitle: str
    period_label: str
    targets: list[TargetRow]
    table: IndicatorTable
    narratives: dict[str, list[Narrative]]
    missing: list[str]
    late: list[str]
    recipients: list[str]
    signer_title: str
    signer_name: str | None = None
    intro: str | None = None
    tasks: list[TaskRow] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Formatting helpers


def format_number(x: float | int | Decimal | None, decimals: int = 0) -> str:
    """Vietnamese number style: "." groups thousands, "," marks decimals; None → "—".

    >>> format_number(10000), format_number(2.5, 1), format_number(None)
    ('10.000', '2,5', '—')
    """
    if x is None:
        return EMPTY
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    value = Decimal(str(x)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{max(decimals, 0)}f}"  # "10,000.5"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return sign + text


def format_value(x: float | int | None, max_decimals: int = 2) -> str:
    """A table value: whole numbers without decimals, others with up to ``max_decimals``."""
    if x is None:
        return EMPTY
    if isinstance(x, str):  # NOT_ASKED
        return x
    value = round(float(x), max_decimals)
    if value.is_integer():
        return format_number(x, 0)
    decimals = next(d for d in range(1, max_decimals + 1) if round(value, d) == value)
    return format_number(x, decimals)


def roman(n: int) -> str:
    """Roman numeral for section numbers: 1 → "I", 4 → "IV"."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def date_line(place: str, date: datetime.date) -> str:
    """ "Nghệ An, ngày 25 tháng 6 năm 2026"; days below 10 and months 1–2 get a leading zero."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {day} tháng {month} năm {date.year}"


# Characters that XML 1.0 forbids; text pasted from other programs may carry them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _upper(text: str) -> str:
    return unicodedata.normalize("NFC", text.upper())


# Rough advance widths of Times New Roman in em, for the lengths of the header rules.
def _text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    em = 0.0
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            continue
        if char == " ":
            em += 0.25
        elif char in "Đđ":
            em += 0.72 if char == "Đ" else 0.5
        elif char.isupper():
            em += 0.72 if bold else 0.67
        elif char.isdigit():
            em += 0.5
        elif char.isalpha():
            em += 0.5 if bold else 0.46
        else:
            em += 0.33
    return em * size_pt * 2.54 / 72


def _paragraphs(text: str) -> list[str]:
    """Split narrative text into paragraphs on line breaks, dropping empty lines."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
