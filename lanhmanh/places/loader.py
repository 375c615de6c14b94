"""Load administrative units from the ``vietnam-provinces`` package.

The package carries the two-tier list in force since 01/07/2025, the three-tier list in
force until then, and the table of which old units went into which new ones. Loading is
an upsert keyed on (system, level, code), so it can run again after a package upgrade;
a second load of the same release does nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import version as package_version

from django.db import transaction

from lanhmanh.text import fold

from .models import (
    THREE_TIER_UNTIL,
    TWO_TIER_SINCE,
    AdministrativeUnit,
    DivisionType,
    Level,
    System,
    UnitContainment,
    UnitDataset,
    UnitSuccession,
)

log = logging.getLogger(__name__)

PACKAGE = "vietnam-provinces"
BATCH = 2000
# Raised whenever the loader derives something new from the same package release, so
# that databases loaded by an older loader are brought up to date.
LOADER_REVISION = 2

# The package's division type names (Vietnamese) to ours.
DIVISION_TYPES = {
    "tỉnh": DivisionType.PROVINCE,
    "thành phố trung ương": DivisionType.CENTRAL_CITY,
    "huyện": DivisionType.DISTRICT,
    "quận": DivisionType.URBAN_DISTRICT,
    "thị xã": DivisionType.TOWN,
    "thành phố": DivisionType.PROVINCIAL_CITY,
    "xã": DivisionType.COMMUNE,
    "phường": DivisionType.WARD,
    "thị trấn": DivisionType.TOWNLET,
    "đặc khu": DivisionType.SPECIAL_ZONE,
}
CODE_WIDTH = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}

Key = tuple[str, str, str]  # (system, level, code)


def unit_code(level: str, number: int) -> str:
    """The official zero-padded code: province ``40``, district ``412``, commune ``16681``."""
    return f"{int(number):0{CODE_WIDTH[level]}d}"


@dataclass(frozen=True)
class UnitRow:
    system: str
    level: str
    code: str
    name: str
    division_type: str
    parent: Key | None

    @property
    def key(self) -> Key:
        return (self.system, self.level, self.code)


@dataclass
class LoadResult:
    units: int
    successions: int
    containments: int
    skipped: bool = False


def read_package() -> tuple[list[UnitRow], list[tuple[Key, Key, bool]]]:
    """Rows of both systems, parents before children, and (old, new, partly) successions."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces import _province_conversion_2025 as province_conversion
    from vietnam_provinces import _ward_conversion_2025 as ward_conversion
    from vietnam_provinces.legacy import District as OldDistrict
    from vietnam_provinces.legacy import Province as OldProvince
    from vietnam_provinces.legacy import Ward as OldWard

    new, old = System.TWO_TIER.value, System.THREE_TIER.value
    P, D, C = Level.PROVINCE.value, Level.DISTRICT.value, Level.COMMUNE.value

    def row(system, level, item, parent_level=None, parent_number=None):
        parent = None
        if parent_level:
            parent = (system, parent_level, unit_code(parent_level, parent_number))
        return UnitRow(
            system=system,
            level=level,
            code=unit_code(level, item.code),
            name=item.name,
            division_type=DIVISION_TYPES[str(item.division_type)].value,
            parent=parent,
        )

    rows = [row(new, P, p) for p in Province.iter_all()]
    rows += [row(new, C, w, P, w.province_code) for w in Ward.iter_all()]
    rows += [row(old, P, p) for p in OldProvince.iter_all()]
    rows += [row(old, D, d, P, d.province_code) for d in OldDistrict.iter_all()]
    rows += [row(old, C, w, D, w.district_code) for w in OldWard.iter_all()]

    successions = []
    for entry in province_conversion.OLD_TO_NEW.values():
        for target in entry.new_provinces:
            successions.append(
                (
                    (old, P, unit_code(P, entry.old_province.code)),
                    (new, P, unit_code(P, target.code)),
                    len(entry.new_provinces) > 1,
                )
            )
    for entry in ward_conversion.OLD_TO_NEW.values():
        for target in entry.new_wards:
            successions.append(
                (
                    (old, C, unit_code(C, entry.old_ward.code)),
                    (new, C, unit_code(C, target.code)),
                    bool(entry.old_ward.is_partly_merged),
                )
            )
    return rows, successions


def containment_pairs(
    rows: list[UnitRow], successions: list[tuple[Key, Key, bool]]
) -> set[tuple[Key, Key]]:
    """Every (outer, inner) pair: each unit in itself and its ancestors; historic units
    inside the current units (and their provinces) that succeeded them; and current
    communes inside the historic districts and provinces of their predecessors."""
    parent_of = {r.key: r.parent for r in rows}

    def lineage(key: Key) -> list[Key]:
        chain = []
        while key is not None:
            chain.append(key)
            key = parent_of.get(key)
        return chain

    pairs: set[tuple[Key, Key]] = set()
    for r in rows:
        for outer in lineage(r.key):
            pairs.add((outer, r.key))

    successors = defaultdict(list)
    for old_key, new_key, partly in successions:
        successors[old_key].append((new_key, partly))
    for r in rows:
        if r.system != System.THREE_TIER:
            continue
        for new_key, partly in successors.get(r.key, ()):
            new_lineage = lineage(new_key)
            for outer in new_lineage:
                pairs.add((outer, r.key))
            # A historic district lies inside the provinces its communes went to whole;
            # a commune split across a border does not carry its district along.
            district = r.parent if r.level == Level.COMMUNE else None
            if district and not partly:
                pairs.add((new_lineage[-1], district))
            # …and the new commune lies inside the old district and province it came
            # from, so that it still reads the plans those issued before 2025.
            if r.level == Level.COMMUNE and new_key[1] == Level.COMMUNE:
                for old_outer in lineage(r.key)[1:]:
                    pairs.add((old_outer, new_key))
    return pairs


@transaction.atomic
def load_units(force: bool = False) -> LoadResult:
    version = f"{package_version(PACKAGE)}+{LOADER_REVISION}"
    import vietnam_provinces

    data_version = getattr(vietnam_provinces, "__data_version__", "")
    dataset = UnitDataset.objects.filter(package=PACKAGE).first()
    if dataset and dataset.version == version and not force:
        return LoadResult(
            units=AdministrativeUnit.objects.count(),
            successions=UnitSuccession.objects.count(),
            containments=UnitContainment.objects.count(),
            skipped=True,
        )

    rows, successions = read_package()
    ids = _upsert_units(rows)
    n_successions = _sync_successions(successions, ids)
    n_containments = _sync_containments(containment_pairs(rows, successions), ids)
    UnitDataset.objects.update_or_create(
        package=PACKAGE,
        defaults={"version": version, "data_version": data_version, "units": len(rows)},
    )
    log.info("Loaded %s units from %s %s", len(rows), PACKAGE, version)
    return LoadResult(units=len(rows), successions=n_successions, containments=n_containments)


def _unit_ids() -> dict[Key, int]:
    return {
        (s, lv, c): pk
        for pk, s, lv, c in AdministrativeUnit.objects.values_list("pk", "system", "level", "code")
    }


def _upsert_units(rows: list[UnitRow]) -> dict[Key, int]:
    ids = _unit_ids()
    # Parents first, so a child's parent already has its id.
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        objs = []
        for r in rows:
            if r.level != level:
                continue
            two_tier = r.system == System.TWO_TIER
            parent_id = ids[r.parent] if r.parent else None
            objs.append(
                AdministrativeUnit(
                    system=r.system,
                    level=r.level,
                    code=r.code,
                    name=r.name,
                    name_search=fold(r.name),
                    division_type=r.division_type,
                    parent_id=parent_id,
                    valid_from=TWO_TIER_SINCE if two_tier else None,
                    valid_to=None if two_tier else THREE_TIER_UNTIL,
                )
            )
        AdministrativeUnit.objects.bulk_create(
            objs,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["system", "level", "code"],
            update_fields=[
                "name",
                "name_search",
                "division_type",
                "parent",
                "valid_from",
                "valid_to",
            ],
        )
        ids = _unit_ids()
    # The province of every unit, within its own system.
    province_of = {}
    parent_of = {r.key: r.parent for r in rows}
    for r in rows:
        key = r.key
        while parent_of.get(key):
            key = parent_of[key]
        province_of[r.key] = key
    by_province = defaultdict(list)
    for r in rows:
        by_province[ids[province_of[r.key]]].append(ids[r.key])
    for province_id, unit_ids in by_province.items():
        for start in range(0, len(unit_ids), BATCH):
            AdministrativeUnit.objects.filter(pk__in=unit_ids[start : start + BATCH]).exclude(
                province_id=province_id
            ).update(province_id=province_id)
    return ids


def _sync_successions(successions, ids: dict[Key, int]) -> int:
    wanted = {
        (ids[old], ids[new]): partly
        for old, new, partly in successions
        if old in ids and new in ids
    }
    existing = {
        (p, s): (pk, partly)
        for pk, p, s, partly in UnitSuccession.objects.values_list(
            "pk", "predecessor_id", "successor_id", "partial"
        )
    }
    stale = [pk for pair, (pk, _) in existing.items() if pair not in wanted]
    for start in range(0, len(stale), BATCH):
        UnitSuccession.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    UnitSuccession.objects.bulk_create(
        [
            UnitSuccession(
                predecessor_id=p, successor_id=s, partial=partly, effective_on=TWO_TIER_SINCE
            )
            for (p, s), partly in wanted.items()
            if (p, s) not in existing
        ],
        batch_size=BATCH,
    )
    changed = [
        pair for pair, partly in wanted.items() if pair in existing and existing[pair][1] != partly
    ]
    for p, s in changed:
        UnitSuccession.objects.filter(predecessor_id=p, successor_id=s).update(
            partial=wanted[(p, s)]
        )
    return len(wanted)


def _sync_containments(pairs: set[tuple[Key, Key]], ids: dict[Key, int]) -> int:
    wanted = {(ids[o], ids[i]) for o, i in pairs if o in ids and i in ids}
    existing = set(UnitContainment.objects.values_list("outer_id", "inner_id"))
    stale = existing - wanted
    if stale:
        stale_ids = [
            pk
            for pk, o, i in UnitContainment.objects.values_list("pk", "outer_id", "inner_id")
            if (o, i) in stale
        ]
        for start in range(0, len(stale_ids), BATCH):
            UnitContainment.objects.filter(pk__in=stale_ids[start : start + BATCH]).delete()
    UnitContainment.objects.bulk_create(
        [UnitContainment(outer_id=o, inner_id=i) for o, i in wanted - existing], batch_size=BATCH
    )
    return len(wanted)
