"""Import activities, or community models, from a spreadsheet (XLSX) or CSV into one
province: all or nothing.

Every row is checked first, as the form would check it; a file with any bad row imports
nothing and names every bad row and why. Headers and words are matched with or without
diacritics, in Vietnamese or English. The commune column may be left empty for a
province-wide activity; the organiser is an agency of the province (or a national one)
named as the register names it. What differs between the two registers (columns, words,
dates, counts) is a ``Register``; the checking is one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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

from .models import Activity, ActivityKind, Audience, CommunityModel, Medium, ModelKind

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
MODEL_COLUMNS = {
    "name": {"ten mo hinh", "ten", "name"},
    "kind": {"loai mo hinh", "loai", "hinh thuc", "kind", "type"},
    "started_on": {"ngay thanh lap", "ngay bat dau", "ngay ra mat", "started on"},
    "stopped_on": {"ngay dung", "ngay ngung hoat dong", "stopped on"},
    "reviewed_on": {"ngay danh gia", "ngay so ket", "last reviewed on", "reviewed on"},
    "review": {"danh gia", "ket qua danh gia", "review"},
    "commune": COLUMNS["commune"],
    "organiser": {"don vi quan ly", "don vi phu trach", *COLUMNS["organiser"]},
    "audience": COLUMNS["audience"],
    "description": COLUMNS["description"],
}
MODEL_KIND_WORDS = _words(
    ModelKind,
    {
        "cau lac bo": "club",
        "clb": "club",
        "nhom dong dang": "peer_group",
        "nhom tu luc": "peer_group",
        "nhom dong dang tu luc": "peer_group",
        "diem tu van": "counselling",
        "diem tu van ho tro": "counselling",
        "ho tro dua vao cong dong": "community_support",
        "ho tro tai cong dong": "community_support",
        "khu dan cu lanh manh": "healthy_area",
        "khu dan cu": "healthy_area",
        "khac": "other",
    },
)


@dataclass(frozen=True)
class Register:
    """What one register's file holds: its model, its columns (key -> header words),
    those it cannot do without, the columns read through a list of words (key ->
    words, and the message for a word not in it), dates, counts, agencies and text."""

    model: type
    columns: dict[str, set[str]]
    required: tuple[str, ...]
    words: dict[str, tuple[dict[str, str], str]]
    dates: tuple[str, ...]
    numbers: tuple[str, ...]
    agencies: tuple[str, ...]
    texts: tuple[str, ...]
    nothing: str  # the file had no row of this register


NUMBERS = ("participants", "women", "men", "quantity")
AUDIENCE = (AUDIENCE_WORDS, gettext_noop("unknown audience “%(value)s”"))
ACTIVITIES = Register(
    model=Activity,
    columns=COLUMNS,
    required=REQUIRED,
    words={
        "kind": (KIND_WORDS, gettext_noop("unknown kind “%(value)s”")),
        "audience": AUDIENCE,
        "medium": (MEDIUM_WORDS, gettext_noop("unknown medium “%(value)s”")),
    },
    dates=("held_on",),
    numbers=NUMBERS,
    agencies=("organiser", "visited"),
    texts=("title", "document_number", "description"),
    nothing=gettext_noop("The file has no activity in it."),
)
MODELS = Register(
    model=CommunityModel,
    columns=MODEL_COLUMNS,
    required=("name", "kind", "started_on", "organiser"),
    words={
        "kind": (MODEL_KIND_WORDS, gettext_noop("unknown kind “%(value)s”")),
        "audience": AUDIENCE,
    },
    dates=("started_on", "stopped_on", "reviewed_on"),
    numbers=(),
    agencies=("organiser",),
    texts=("name", "review", "description"),
    nothing=gettext_noop("The file has no community model in it."),
)


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


def _unit(text: str, province, communes, by_name):
    """The commune a row names (by code or by name), the province if it names none."""
    if not text:
        return province
    return communes.get(text.zfill(5)) if text.isdigit() else by_name.get(fold(text))


def _row(cell: dict, province, lookups, register: Register, today) -> tuple[dict, list]:
    """A row's fields, and what is wrong with it (nothing: the row is good)."""
    communes, by_name, agencies = lookups
    problems, fields = [], {}
    for key, (words, message) in register.words.items():
        value = words.get(fold(cell.get(key, "")))
        if value is None:
            problems.append(_(message) % {"value": cell[key]})
        fields[key] = value or ""
    fields["unit"] = _unit(cell.get("commune", ""), province, communes, by_name)
    if fields["unit"] is None:
        problems.append(
            _("“%(value)s” is not a current commune of %(province)s")
            % {"value": cell["commune"], "province": province.name}
        )
    for key in register.agencies:
        text = cell.get(key, "")
        fields[key] = agencies.get(fold(text)) if text else None
        if text and fields[key] is None:
            problems.append(
                _("“%(value)s” is not an agency of %(province)s")
                % {"value": text, "province": province.name}
            )
    for key in register.dates:
        try:
            fields[key] = parse_date(cell.get(key, ""))
        except ValueError:
            problems.append(_("the date “%(value)s” is not dd/mm/yyyy") % {"value": cell[key]})
            fields[key] = None
        if fields[key] and fields[key] > today:
            problems.append(_("the date is in the future"))
    for key in register.numbers:
        try:
            fields[key] = _number(cell.get(key, ""))
        except ValueError:
            problems.append(
                _("“%(value)s” is not a whole number (%(column)s)")
                % {"value": cell[key], "column": key}
            )
            fields[key] = None
    for key in register.texts:
        fields[key] = cell.get(key, "")
    if not problems:
        try:
            register.model(**fields).full_clean(exclude=["created_by", "communes"])
        except ValidationError as exc:
            problems.extend(
                f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
            )
    return fields, problems


def parse(
    rows: list[list[str]], province, register: Register = ACTIVITIES
) -> list[tuple[int, dict, list]]:
    """Checked rows (row number, fields, communes), or ImportRejected naming every bad
    row."""
    if not rows:
        raise ImportRejected([(0, _("The file is empty."))])
    index = header_index(rows[0], register.columns)
    missing = [k for k in register.required if k not in index]
    if missing:
        raise ImportRejected(
            [(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})]
        )
    lookups = _lookups(province)
    today = timezone.localdate()
    errors, parsed = [], []
    for number, row in enumerate(rows[1:], start=2):
        cell = {k: (row[i].strip() if i < len(row) and row[i] else "") for k, i in index.items()}
        if not any(cell.values()):
            continue
        if any(CONTROL.search(value) for value in cell.values()):
            errors.append((number, _("a cell holds control characters, which are not text")))
            continue
        fields, problems = _row(cell, province, lookups, register, today)
        if problems:
            errors.append((number, "; ".join(problems)))
            continue
        unit = fields["unit"]
        parsed.append((number, fields, [unit] if unit.level == Level.COMMUNE else []))
    if errors:
        raise ImportRejected(errors)
    if not parsed:
        raise ImportRejected([(0, _(register.nothing))])
    return parsed
