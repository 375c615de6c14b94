"""Which of a plan's indicators concern one reporting unit (pure Python, no Django import).

A unit reports on the indicators of its own work, not on every target of the plan: the police
on hotspots and cases, the newspaper on its articles, the Department of Education on the
students it reached, a commune on what happens in the commune. The rules read:

1. the targets of the plan's tasks the unit leads or partners on (a target belongs to the task
   of the same section, "II.4" to task "II.4" or "II");
2. the texts of the unit's duties ("triệt phá các đường dây, tụ điểm" → hotspots, cases);
3. the unit's kind of agency (a commune's People's Committee reports what happens in the
   commune; the media report their articles).

An indicator no rule knows (one added to the catalogue later) is asked of every unit, as
before these rules; an indicator the rules know but that no unit's work names falls to the
plan's standing agency, so that every target has someone who reports on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lanhmanh.indicators.proposals import fold


@dataclass(frozen=True)
class Theme:
    codes: frozenset[str]
    words: re.Pattern | None  # on the folded duty text
    kinds: frozenset[str] = field(default_factory=frozenset)


def _theme(codes: str, words: str | None, kinds: str = "") -> Theme:
    return Theme(
        frozenset(codes.split()),
        re.compile(words) if words else None,
        frozenset(kinds.split()),
    )


LOCAL = "peoples_committee"
THEMES: dict[str, Theme] = {
    "media": _theme(
        "media_items",
        r"chuyen trang|chuyen muc|tin,? bai|bao chi|phat thanh|truyen hinh|phong su",
        "media",
    ),
    "communes_communication": _theme(
        "communes_total communes_with_communication communes_with_communication_pct",
        None,
        LOCAL,
    ),
    "communication": _theme(
        "conferences_held leaflets_produced posters_produced "
        "units_with_communication units_with_communication_pct",
        r"tuyen truyen|truyen thong|to roi|to gap|pa ?no|ap phich|hoi nghi|noi chuyen",
        f"{LOCAL} mass_organisation",
    ),
    "business_workers": _theme(
        "business_workers_total business_workers_reached business_workers_reached_pct",
        r"nguoi lao dong (?:tai|trong) cac co so|chu co so|nhan vien (?:cac|tai) co so",
        LOCAL,
    ),
    "industrial_workers": _theme(
        "industrial_workers_total industrial_workers_reached industrial_workers_reached_pct",
        r"khu cong nghiep|cong nhan",
    ),
    "students": _theme(
        "students_total students_reached students_reached_pct",
        r"hoc sinh|sinh vien|ngoai khoa|nha truong|truong hoc",
        "school",
    ),
    "members": _theme(
        "officials_total officials_reached officials_reached_pct",
        r"hoi vien|doan vien|can bo, (?:cong chuc|dang vien)",
        "mass_organisation",
    ),
    "planning": _theme(
        "units_total units_with_plan units_with_plan_pct units_integrating "
        "units_integrating_pct units_harm_reduction units_harm_reduction_pct",
        r"xay dung ke hoach|ban hanh ke hoach|long ghep|giam tac hai",
        LOCAL,
    ),
    "inspection": _theme(
        "establishments_active establishments_inspected establishments_inspected_pct "
        "inspections_held violations_found establishments_harbouring",
        r"kiem tra|thanh tra|co so kinh doanh|doi (?:kiem tra )?lien nganh|hau kiem",
        f"{LOCAL} inspection_team",
    ),
    "sanctions": _theme(
        "sanctions_imposed fines_amount sanctions_selling_sex sanctions_buying_sex",
        r"xu ly vi pham|xu phat|vi pham hanh chinh",
        "police inspection_team",
    ),
    "crime": _theme(
        "crime_cases_detected crime_cases_handled crime_cases_handled_pct rings_broken_up",
        r"duong day|dau tranh|toi pham|mua ban nguoi|chua chap|moi gioi",
        "police border_guard",
    ),
    "prosecution": _theme(
        "cases_prosecuted cases_tried defendants_tried",
        r"truy to|xet xu|khoi to|bi cao|vu an",
        "procuracy court",
    ),
    "hotspots": _theme(
        "hotspots_broken_up hotspots_active hotspots_cleared_total hotspots_kept_clear "
        "hotspots_kept_clear_pct",
        r"tu diem|diem nong",
        f"police {LOCAL}",
    ),
    "tips": _theme(
        "tips_received tips_handled_on_time tips_handled_on_time_pct",
        r"to giac|tin bao|kien nghi|duong day nong",
        "police",
    ),
    "support": _theme(
        "sex_workers_in_need sex_workers_supported sex_workers_supported_pct "
        "vocational_training jobs_provided returnees_supported",
        r"ho tro|hoc nghe|viec lam|tai hoa nhap|nguoi ban dam|vay von|dich vu xa hoi",
        f"{LOCAL} service_provider",
    ),
    "models": _theme(
        "models_built models_maintained communes_with_model",
        r"mo hinh",
        LOCAL,
    ),
    "training": _theme(
        "training_courses_held staff_total staff_trained staff_trained_pct",
        r"tap huan|boi duong|nang cao nang luc|dao tao can bo",
        LOCAL,
    ),
    "supervision": _theme(
        "supervision_visits",
        r"giam sat|kiem tra, (?:giam sat|doc)|doc thuc",
    ),
    "assessment": _theme(
        "communes_healthy communes_healthy_pct communes_total",
        r"lanh manh|danh gia|cong nhan xa",
        LOCAL,
    ),
}

KNOWN: frozenset[str] = frozenset().union(*(theme.codes for theme in THEMES.values()))


def themes_of(kind: str, texts: Iterable[str]) -> set[str]:
    """The themes a unit's work touches, from its kind and its duties' texts."""
    folded = " \n ".join(fold(text) for text in texts)
    return {
        name
        for name, theme in THEMES.items()
        if kind in theme.kinds or (theme.words is not None and theme.words.search(folded))
    }


def section_covers(task_section: str, target_section: str) -> bool:
    """A task's section covers the targets of the same section and of its subsections."""
    task, target = task_section.strip().rstrip("."), target_section.strip().rstrip(".")
    if not task or not target:
        return False
    return target == task or target.startswith(task + ".")


@dataclass(frozen=True)
class Unit:
    """What the rules need to know of a reporting unit."""

    id: int
    kind: str
    duty_texts: tuple[str, ...] = ()
    task_sections: tuple[str, ...] = ()
    standing: bool = False  # the plan's standing (coordinating) agency


def codes_by_unit(units: Iterable[Unit], targets: Iterable[tuple[str, str]]) -> dict[int, set[str]]:
    """unit id → the target indicator codes it reports on.

    ``targets`` are (section, indicator code) pairs of the plan's targets with an indicator.
    """
    units = list(units)
    targets = [(section, code) for section, code in targets if code]
    out: dict[int, set[str]] = {unit.id: set() for unit in units}
    for unit in units:
        themes = themes_of(unit.kind, unit.duty_texts)
        for section, code in targets:
            if (
                code not in KNOWN
                or any(code in THEMES[name].codes for name in themes)
                or any(section_covers(task, section) for task in unit.task_sections)
            ):
                out[unit.id].add(code)
    standing = [unit.id for unit in units if unit.standing]
    if standing:
        asked = set().union(*out.values()) if out else set()
        for _section, code in targets:
            if code not in asked:
                out[standing[0]].add(code)
    return out
