"""Import establishments from a spreadsheet (XLSX) or CSV: all or nothing.

Every row is checked first; a file with any bad row imports nothing and says which
rows and why. A good file imports every row; a row naming an establishment already in
the register (same business registration number, or same name and address in the same
commune) updates it, and is reported as merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lanhmanh import spreadsheets
from lanhmanh.audit.actions import record_change, snapshot
from lanhmanh.places.models import AdministrativeUnit, Level, UnitContainment
from lanhmanh.spreadsheets import CONTROL, ImportRejected, header_index, parse_date
from lanhmanh.text import fold

from .models import Establishment, EstablishmentKind, EstablishmentStatus, Risk
from .tallies import follow_move

MAX_ROWS = 20000
# Column headers accepted, folded (Vietnamese or English).
COLUMNS = {
    "kind": {"loai hinh", "loai", "kind", "type"},
    "name": {"ten co so", "ten", "name"},
    "address": {"dia chi", "address"},
    "commune": {"xa phuong", "ma xa", "xa", "phuong", "commune", "commune code"},
    "registration_number": {"so dang ky kinh doanh", "dang ky kinh doanh", "registration number"},
    "security_certificate": {
        "so giay chung nhan anttt",
        "giay chung nhan anttt",
        "security certificate",
    },
    "owner": {"chu co so", "owner"},
    "status": {"trang thai", "status"},
    "opened_on": {"ngay hoat dong", "opened on"},
    "risk": {"muc do nguy co", "nguy co", "risk"},
}
KIND_WORDS = {
    "karaoke": "karaoke",
    "massage": "massage",
    "xoa bop": "massage",
    "xong hoi": "massage",
    "khach san": "hotel",
    "hotel": "hotel",
    "nha nghi": "guest_house",
    "guest house": "guest_house",
    "bar": "bar",
    "vu truong": "bar",
    "ca phe": "cafe",
    "cafe": "cafe",
    "goi dau": "hair",
    "cat toc": "hair",
    "khac": "other",
    "other": "other",
}
STATUS_WORDS = {
    "": "active",
    "hoat dong": "active",
    "dang hoat dong": "active",
    "active": "active",
    "tam dung": "suspended",
    "suspended": "suspended",
    "da dong cua": "closed",
    "dong cua": "closed",
    "closed": "closed",
}
RISK_WORDS = {
    "": 2,
    "thap": 1,
    "low": 1,
    "1": 1,
    "trung binh": 2,
    "medium": 2,
    "2": 2,
    "cao": 3,
    "high": 3,
    "3": 3,
}


@dataclass
class ImportReport:
    created: int = 0
    merged: int = 0
    merged_rows: list[int] = field(default_factory=list)


def read_rows(filename: str, data: bytes) -> list[list[str]]:
    return spreadsheets.read_rows(filename, data, MAX_ROWS)


def parse(rows: list[list[str]], province: AdministrativeUnit) -> list[tuple[int, dict]]:
    """Checked rows (row number, fields), or ImportRejected listing every bad row."""
    if not rows:
        raise ImportRejected([(0, _("The file is empty."))])
    index = header_index(rows[0], COLUMNS)
    missing = [k for k in ("kind", "name", "commune") if k not in index]
    if missing:
        raise ImportRejected(
            [(1, _("Missing columns: %(names)s.") % {"names": ", ".join(missing)})]
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRejected([(0, _("At most %(n)s rows per file.") % {"n": MAX_ROWS})])
    communes = {
        u.code: u
        for u in AdministrativeUnit.objects.current().filter(level=Level.COMMUNE, parent=province)
    }
    by_name = {fold(u.name): u for u in communes.values()}
    by_name.update({fold(u.name.split(" ", 1)[-1]): u for u in communes.values()})
    errors, parsed = [], []
    for number, row in enumerate(rows[1:], start=2):
        cell = {k: (row[i].strip() if i < len(row) and row[i] else "") for k, i in index.items()}
        if not any(cell.values()):
            continue
        problems = []
        kind = KIND_WORDS.get(fold(cell.get("kind", "")))
        if kind not in EstablishmentKind.values:
            problems.append(_("unknown kind “%(value)s”") % {"value": cell.get("kind", "")})
        if not cell.get("name"):
            problems.append(_("the name is empty"))
        commune_text = cell.get("commune", "")
        commune = (
            communes.get(commune_text.zfill(5))
            if commune_text.isdigit()
            else by_name.get(fold(commune_text))
        )
        if commune is None:
            problems.append(
                _("“%(value)s” is not a current commune of %(province)s")
                % {"value": commune_text, "province": province.name}
            )
        status = STATUS_WORDS.get(fold(cell.get("status", "")))
        if status not in EstablishmentStatus.values:
            problems.append(_("unknown status “%(value)s”") % {"value": cell.get("status", "")})
        risk = RISK_WORDS.get(fold(cell.get("risk", "")))
        if risk not in Risk.values:
            problems.append(_("unknown risk “%(value)s”") % {"value": cell.get("risk", "")})
        try:
            opened_on = parse_date(cell.get("opened_on", ""))
        except ValueError:
            problems.append(
                _("the date “%(value)s” is not dd/mm/yyyy") % {"value": cell["opened_on"]}
            )
            opened_on = None
        if any(CONTROL.search(value) for value in cell.values()):
            problems.append(_("a cell holds control characters, which are not text"))
        for key, limit in (("name", 255), ("address", 255), ("owner", 255)):
            if len(cell.get(key, "")) > limit:
                problems.append(_("%(column)s is too long") % {"column": key})
        if problems:
            errors.append((number, "; ".join(problems)))
            continue
        parsed.append(
            (
                number,
                {
                    "kind": kind,
                    "name": cell["name"],
                    "address": cell.get("address", ""),
                    "commune": commune,
                    "registration_number": cell.get("registration_number", "")[:40],
                    "security_certificate": cell.get("security_certificate", "")[:40],
                    "owner": cell.get("owner", ""),
                    "status": status,
                    "opened_on": opened_on,
                    "risk": risk,
                },
            )
        )
    if errors:
        raise ImportRejected(errors)
    return parsed


def _same(fields: dict, province):
    """The establishment a row names, looked for in the province only: a file of one
    province never changes (nor moves away) an establishment of another."""
    known = Establishment.objects.filter(
        commune__in=UnitContainment.objects.filter(outer=province).values("inner_id")
    )
    if fields["registration_number"]:
        found = known.filter(registration_number=fields["registration_number"]).first()
        if found:
            return found
    return known.filter(
        commune=fields["commune"],
        name_search=fold(f"{fields['name']} {fields['address']}"),
    ).first()


@transaction.atomic
def import_establishments(
    filename: str, data: bytes, province, actor=None, audited: list[str] = ()
) -> ImportReport:
    """Save a checked file's rows; with ``audited`` fields, each establishment created or
    changed is written into the history as ``actor``'s (``actions.import_establishments``,
    which asks the door, is the entry point for users)."""
    rows = parse(read_rows(filename, data), province)
    report = ImportReport()
    for number, fields in rows:
        existing = _same(fields, province)
        if existing is None:
            created = Establishment.objects.create(**fields)
            if audited:
                record_change(actor, created, None, snapshot(created, audited))
            report.created += 1
        else:
            before = snapshot(existing, audited) if audited else None
            commune_before = existing.commune_id
            for key, value in fields.items():
                if value not in ("", None):
                    setattr(existing, key, value)
            existing.save()
            follow_move(existing, commune_before)
            if audited:
                record_change(actor, existing, before, snapshot(existing, audited))
            report.merged += 1
            report.merged_rows.append(number)
    return report
