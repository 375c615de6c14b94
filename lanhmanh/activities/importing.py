"""Import activities from a spreadsheet (XLSX) or CSV into one province: all or nothing.

Every row is checked first, as the form would check it; a file with any bad row imports
nothing and names every bad row and why. Headers and words are matched with or without
diacritics, in Vietnamese or English. The commune column may be left empty for a
province-wide activity; the organiser is an agency of the province (or a national one)
named as the register names it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lanhmanh.agencies.models import Agency
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.spreadsheets import (
    CONTROL,
    ImportRejected,
    header_index,
    parse_date,
    read_rows,  # noqa: F401 - the entry point reads the file through this module
)
from lanhmanh.text import fold

from .models import Activity, ActivityKind, Audience, Medium

COLUMNS = {
    "kind": {"loai hoat dong", "loai", "hinh thuc hoat dong", "kind", "type"},
    "title": {"noi dung", "ten hoat dong", "tieu de", "title"},
    "held_on": {"ngay", "ngay to chuc", "date"},
    "commune": {"xa phuong", "ma xa", "xa", "phuong", "commune", "commune code"},
    "organiser": {"don vi to chuc", "co quan to chuc", "organiser", "organizer"},
    "audience": {"doi tuong", "audience"},
    "participants": {"so nguoi tham du", "so nguoi", "participants"},
    "women": {"nu", "so nu", "women"},
    "men": {"nam", "so nam", "men"},
    "medium": {"an pham", "phuong tien", "medium"},
    "quantity": {"so luong", "quantity"},
    "visited": {"don vi duoc giam sat", "don vi duoc kiem tra", "unit visited"},
    "document_number": {"so ke hoach", "so van ban", "document number"},
    "description": {"ghi chu", "mo ta", "description"},
}
REQUIRED = ("kind", "title", "held_on", "organiser")


def _words(choices, extra: dict[str, str]) -> dict[str, str]:
    """Folded words -> value: each value itself, its label in English and the extras."""
    words = {fold(value): value for value in choices.values}
    words.update({fold(str(choices(value).label)): value for value in choices.values})
    words.update(extra)
    return words


KIND_WORDS = _words(
    ActivityKind,
    {
        "hoi nghi": "conference",
        "hoi thao": "conference",
        "noi chuyen": "talk",
        "buoi tuyen truyen": "talk",
        "tap huan": "training",
        "lop tap huan": "training",
        "boi duong": "training",
        "ngay cao diem": "campaign",
        "chien dich": "campaign",
        "mit tinh": "campaign",
        "truyen thong luu dong": "outreach",
        "tiep can cong dong": "outreach",
        "truyen thong": "outreach",
        "tin bai": "media",
        "phat thanh": "media",
        "bao chi": "media",
        "an pham": "printed",
        "to roi": "printed",
        "pano": "printed",
        "giam sat": "supervision",
        "kiem tra giam sat": "supervision",
        "ke hoach": "unit_plan",
        "ke hoach cua don vi": "unit_plan",
    },
)
AUDIENCE_WORDS = _words(
    Audience,
    {
        "": "",
        "can bo": "officials",
        "can bo cong chuc": "officials",
        "nguoi lao dong tai co so": "establishment_workers",
        "nguoi lao dong tai co so kinh doanh dich vu": "establishment_workers",
        "cong nhan": "industrial_workers",
        "cong nhan khu cong nghiep": "industrial_workers",
        "hoc sinh": "students",
        "hoc sinh sinh vien": "students",
        "sinh vien": "students",
        "cong dong": "community",
        "nguoi dan": "community",
        "nguoi ban dam": "selling_sex",
    },
)
MEDIUM_WORDS = _words(
    Medium,
    {
        "": "",
        "to roi": "leaflet",
        "to gap": "leaflet",
        "so tay": "booklet",
        "ap phich": "poster",
        "pano": "panel",
        "pa no": "panel",
        "bang ron": "banner",
        "phat song": "broadcast",
        "truyen hinh": "broadcast",
        "bai bao": "article",
        "tin bai": "article",
        "mang xa hoi": "online",
        "cong thong tin dien tu": "online",
        "loa truyen thanh": "loudspeaker",
    },
)
NUMBERS = ("participants", "women", "men", "quantity")


def _number(text: str) -> int | None:
    """A count as typed: "1.200" and "1 200" are twelve hundred; ValueError if not one."""
    text = text.replace(".", "").replace(" ", "").replace(",", "")
    if not text:
        return None
    if not text.isdigit() or len(text) > 9:
        raise ValueError
    return int(text)


def _lookups(province):
    inside = UnitContainment.objects.filter(outer=province).values("inner_id")
    communes = {
        u.code: u
        for u in AdministrativeUnit.objects.current().filter(level=Level.COMMUNE, pk__in=inside)
    }
    by_name = {fold(u.name): u for u in communes.values()}
    by_name.update({fold(u.name.split(" ", 1)[-1]): u for u in communes.values()})
    agencies = {
        fold(a.name): a for a in Agency.objects.active_on().filter(jurisdiction__isnull=True)
    }
    agencies.update(
        {fold(a.name): a for a in Agency.objects.active_on().filter(jurisdiction__in=inside)}
    )
    return communes, by_name, agencies


def parse(rows: list[list[str]], province) -> list[tuple[int, dict, list]]:
    """Checked rows (row number, fields, communes), or ImportRejected naming every bad
    row."""
    if not rows:
        raise ImportRejected([(0, _("The file is empty."))])
    index = header_index(rows[0], COLUMNS)
    missing = [k for k in REQUIRED if k not in index]
    if missing:
        raise ImportRejected(
            [(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})]
        )
    communes, by_name, agencies = _lookups(province)
    today = timezone.localdate()
    errors, parsed = [], []
    for number, row in enumerate(rows[1:], start=2):
        cell = {k: (row[i].strip() if i < len(row) and row[i] else "") for k, i in index.items()}
        if not any(cell.values()):
            continue
        problems = []
        if any(CONTROL.search(value) for value in cell.values()):
            errors.append((number, _("a cell holds control characters, which are not text")))
            continue
        fields: dict = {}
        for key, words, message in (
            ("kind", KIND_WORDS, _("unknown kind “%(value)s”")),
            ("audience", AUDIENCE_WORDS, _("unknown audience “%(value)s”")),
            ("medium", MEDIUM_WORDS, _("unknown medium “%(value)s”")),
        ):
            value = words.get(fold(cell.get(key, "")))
            if value is None:
                problems.append(message % {"value": cell[key]})
            fields[key] = value or ""
        commune_text = cell.get("commune", "")
        unit = province
        if commune_text:
            unit = (
                communes.get(commune_text.zfill(5))
                if commune_text.isdigit()
                else by_name.get(fold(commune_text))
            )
            if unit is None:
                problems.append(
                    _("“%(value)s” is not a current commune of %(province)s")
                    % {"value": commune_text, "province": province.name}
                )
        fields["unit"] = unit
        for key in ("organiser", "visited"):
            text = cell.get(key, "")
            fields[key] = agencies.get(fold(text)) if text else None
            if text and fields[key] is None:
                problems.append(
                    _("“%(value)s” is not an agency of %(province)s")
                    % {"value": text, "province": province.name}
                )
        try:
            fields["held_on"] = parse_date(cell.get("held_on", ""))
        except ValueError:
            problems.append(
                _("the date “%(value)s” is not dd/mm/yyyy") % {"value": cell["held_on"]}
            )
            fields["held_on"] = None
        if fields["held_on"] and fields["held_on"] > today:
            problems.append(_("the date is in the future"))
        for key in NUMBERS:
            try:
                fields[key] = _number(cell.get(key, ""))
            except ValueError:
                problems.append(
                    _("“%(value)s” is not a whole number (%(column)s)")
                    % {"value": cell[key], "column": key}
                )
                fields[key] = None
        fields["title"] = cell.get("title", "")
        fields["document_number"] = cell.get("document_number", "")
        fields["description"] = cell.get("description", "")
        if not problems:
            try:
                Activity(**fields).full_clean(exclude=["created_by", "communes"])
            except ValidationError as exc:
                problems.extend(
                    f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
                )
        if problems:
            errors.append((number, "; ".join(problems)))
            continue
        parsed.append((number, fields, [unit] if unit.level == Level.COMMUNE else []))
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise ImportRejected([(0, _("The file has no activity in it."))])
    return parsed
