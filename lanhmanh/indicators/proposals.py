"""Propose an indicator for a plan target from its text (pure Python, no Django import).

The coordinator confirms or changes the proposal; these rules only save typing. They read the
genre of Vietnamese plan targets, not any one plan:

1. Find the target's quantity ("05 hội nghị", "ít nhất 25% số cơ sở", "40 - 60 các cơ sở") —
   skipping years ("năm 2017"), fractions of scope ("05/11 huyện"), names ("Đội … 178") and
   footnote marks — and the noun it counts ("hội nghị", "cơ sở", "xã, phường", "bị cáo").
2. Rules on that counted noun, with the verb of the sentence where one noun serves several
   indicators ("cơ sở" + "kiểm tra" → establishments inspected; "tụ điểm" + "không để tái hoạt
   động" → hotspots kept clear).
3. If the noun says nothing, rules on the whole sentence (a quantity at its end, "… đạt 100%").
4. A percent target takes the percent indicator built on the proposed count, and gets no
   proposal when the catalogue has none (a count would not measure a share) — unless the
   percent is a change ("tăng 3 - 5%", "giảm 60 - 80%"), which is measured on the count itself.

Matching is insensitive to case and diacritics (see :func:`fold`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from lanhmanh.indicators.catalogue import BY_CODE, percent_for

KINDS = ("count", "percent")


def fold(text: str) -> str:
    """Case-fold, strip diacritics, map đ to d, unify dashes and spaces ("Đội" → "doi")."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip()


# --- Finding the quantity and the noun it counts ---------------------------------------------

_NUMBER = r"\d+(?:[.,]\d+)*"
_QUANTITY = re.compile(
    rf"(?<![\w/.,])(?P<low>{_NUMBER})(?:\s*(?:-|den)\s*(?P<high>{_NUMBER}))?"
    rf"(?P<pct>\s*%)?(?![\w/])"
)
# What may stand before a number that is not a quantity: "năm 2017", "Đội … liên ngành 178",
# "Nghị định 178"; "số 12/KH" is excluded by the pattern itself (the slash).
_NOT_QUANTITY_BEFORE = re.compile(r"(?:\bnam|\blien nganh|\bnghi dinh|\bquyet dinh)\s*:?\s*$")
# What may follow a number that is not a quantity: nothing, punctuation, "và năm …".
_COUNTED_START = re.compile(r"^\s*(?!va\b|nam\b)[a-z]")
_FILLERS = re.compile(r"^(?:(?:so|tong so|cac|nhung|toan bo|moi|it nhat|tren)\s+)+")


@dataclass(frozen=True)
class _Reading:
    text: str  # the folded sentence
    noun: str  # the folded words after the target's quantity ("" when none)
    change: bool  # the first percent is a change ("tăng 3 - 5%", "giảm 60 - 80%")


def _read(text: str) -> _Reading:
    folded = fold(text)
    noun = ""
    change = False
    first_percent_seen = False
    for match in _QUANTITY.finditer(folded):
        before = folded[: match.start()]
        if match.group("pct") and not first_percent_seen:
            first_percent_seen = True
            change = bool(re.search(r"\b(?:tang|giam)(?: them)?(?: khoang)?\s*$", before))
        if _NOT_QUANTITY_BEFORE.search(before):
            continue
        after = folded[match.end() :]
        if not _COUNTED_START.match(after):
            continue
        if not noun:
            noun = _FILLERS.sub("", after.strip())[:80]
    return _Reading(folded, noun, change)


# --- Rules -----------------------------------------------------------------------------------

Rule = Callable[[_Reading], "str | None"]


def _has(reading: _Reading, pattern: str) -> bool:
    return re.search(pattern, reading.text) is not None


def _noun(pattern: str) -> Callable[[_Reading], bool]:
    compiled = re.compile(rf"^(?:{pattern})\b")
    return lambda reading: compiled.match(reading.noun) is not None


def _communes(r: _Reading) -> str | None:
    if _has(r, r"lanh manh|khong co te nan"):
        return "communes_healthy"
    if _has(r, r"tuyen truyen|truyen thong"):
        return "communes_with_communication"
    if _has(r, r"mo hinh"):
        return "communes_with_model"
    return None


def _units(r: _Reading) -> str | None:
    if _has(r, r"giam (?:tac )?hai|bao luc (?:tren co so )?gioi"):
        return "units_harm_reduction"
    if _has(r, r"long ghep"):
        return "units_integrating"
    if _has(r, r"ke hoach"):
        return "units_with_plan"
    if _has(r, r"tuyen truyen|truyen thong"):
        return "units_with_communication"
    return None


def _workers(r: _Reading) -> str | None:
    head = r.noun[:60]
    if "khu cong nghiep" in head:
        return "industrial_workers_reached"
    if "co so" in head or "kinh doanh" in head:
        return "business_workers_reached"
    return None


def _people_who_sell_sex(r: _Reading) -> str:
    if _has(r, r"day nghe|hoc nghe|dao tao nghe"):
        return "vocational_training"
    if _has(r, r"viec lam"):
        return "jobs_provided"
    return "sex_workers_supported"


def _staff(r: _Reading) -> str:
    if not _has(r, r"tap huan|dao tao|boi duong|nang cao nang luc") and _has(
        r, r"tuyen truyen|pho bien"
    ):
        return "officials_reached"
    return "staff_trained"


def _establishments(r: _Reading) -> str | None:
    if _has(r, r"tra hinh"):
        return "establishments_harbouring"
    if _has(r, r"kiem tra"):
        return "establishments_inspected"
    return None


def _visits(r: _Reading) -> str | None:
    if _has(r, r"xu phat"):
        return "sanctions_imposed"
    if _has(r, r"kiem tra"):
        return "inspections_held"
    return None


def _tips(r: _Reading) -> str:
    return "tips_handled_on_time" if _has(r, r"kip thoi|dung han|xu ly") else "tips_received"


def _hotspots(r: _Reading) -> str:
    if _has(r, r"tai hoat dong|khong de|khong tai"):
        return "hotspots_kept_clear"
    if r.change or _has(r, r"\bgiam\b"):
        return "hotspots_active"
    return "hotspots_broken_up"


def _cases(r: _Reading) -> str:
    if _has(r, r"xet xu"):
        return "cases_tried"
    if _has(r, r"khoi to"):
        return "cases_prosecuted"
    return "crime_cases_handled"


def _models(r: _Reading) -> str:
    return "models_maintained" if _has(r, r"duy tri") else "models_built"


def _fixed(code: str) -> Callable[[_Reading], str]:
    return lambda _reading: code


# Rules on the counted noun, in order: the first that applies and gives a code wins.
_NOUN_RULES: list[tuple[Callable[[_Reading], bool], Rule]] = [
    (_noun(r"bi cao"), _fixed("defendants_tried")),
    (_noun(r"lop|(?:hoi nghi|dot) tap huan"), _fixed("training_courses_held")),
    (_noun(r"vu an"), _cases),
    (_noun(r"vu|toi pham"), _cases),
    (_noun(r"duong day"), _fixed("rings_broken_up")),
    (_noun(r"tu diem"), _hotspots),
    (
        _noun(r"hoi nghi|hoi thao|toa dam|su kien|buoi|cuoc (?:tuyen truyen|truyen thong)"),
        _fixed("conferences_held"),
    ),
    (_noun(r"to roi|to gap|tai lieu|so tay|an pham"), _fixed("leaflets_produced")),
    (
        _noun(r"(?:bien )?(?:pa ?no|ap phich|bang ron|khau hieu)|bien quang cao"),
        _fixed("posters_produced"),
    ),
    (_noun(r"(?:cuoc|dot|lan) (?:kiem tra, )?giam sat"), _fixed("supervision_visits")),
    (_noun(r"luot"), _visits),
    (_noun(r"xa|phuong|thi tran|dac khu"), _communes),
    (_noun(r"mo hinh"), _models),
    (_noun(r"nguoi lao dong"), _workers),
    (_noun(r"hoc sinh|sinh vien"), _fixed("students_reached")),
    (_noun(r"(?:nguoi|phu nu|doi tuong) ban dam"), _people_who_sell_sex),
    (_noun(r"(?:doi ngu )?(?:can bo|cong chuc|vien chuc|chien si|cong tac vien)"), _staff),
    (_noun(r"huyen|quan|thi xa|thanh pho|phong|don vi|co quan|dia phuong"), _units),
    (_noun(r"co so"), _establishments),
    (_noun(r"to giac|tin bao|khieu nai"), _tips),
    (_noun(r"(?:tin|bai|phong su|chuyen muc|tin, bai)"), _fixed("media_items")),
    (_noun(r"nan nhan"), _fixed("returnees_supported")),
]

# Rules on the whole sentence, when the noun gave nothing.
_TEXT_RULES: list[tuple[str, Rule]] = [
    (r"xu phat", _fixed("sanctions_imposed")),
    (r"to giac|tin bao", _tips),
    (r"tu diem", _hotspots),
    (r"day nghe|hoc nghe|dao tao nghe", _fixed("vocational_training")),
    (r"ban dam.*(?:dich vu ho tro|tiep can|hoa nhap)", _fixed("sex_workers_supported")),
    (r"kiem tra.*\bluot\b", _fixed("inspections_held")),
    (r"kiem tra.*\bco so\b", _fixed("establishments_inspected")),
    (r"tap huan|dao tao|boi duong", _fixed("staff_trained")),
    (r"giam sat", _fixed("supervision_visits")),
    (r"(?:xa|phuong).*(?:lanh manh|khong co te nan)", _fixed("communes_healthy")),
    (r"mo hinh", _models),
    (r"hoi nghi|hoi thao", _fixed("conferences_held")),
    (r"xet xu|khoi to|triet pha|dau tranh", _cases),
    (r"duong day", _fixed("rings_broken_up")),
]


def _count_code(reading: _Reading) -> str | None:
    if reading.noun:
        for applies, rule in _NOUN_RULES:
            if applies(reading):
                code = rule(reading)
                if code:
                    return code
    for pattern, rule in _TEXT_RULES:
        if re.search(pattern, reading.text):
            code = rule(reading)
            if code:
                return code
    return None


def propose_indicator(text: str, kind: str) -> str | None:
    """The catalogue code proposed for a target with this text and kind, or None.

    ``kind`` is the target's kind (``count`` or ``percent``); a percent target proposes the
    percent indicator of the matching count when the catalogue has one.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown target kind {kind!r}: expected one of {', '.join(KINDS)}")
    if not text or not text.strip():
        return None
    reading = _read(text)
    code = _count_code(reading)
    if code is None:
        return None
    if kind == "percent" and not reading.change:
        share = percent_for(code)
        if share is None:
            return None
        code = share.code
    if code not in BY_CODE:
        raise LookupError(f"a proposal rule names {code!r}, which is not in the catalogue")
    return code
