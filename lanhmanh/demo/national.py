"""A national dataset for load and speed measurements: every province and commune, with
establishments, inspections, violations, sanctions, hotspots and tips in the proportions
of a real country, people with support cases (:mod:`.national_people`), commune
assessments (:mod:`.national_assessments`), the programme's activities
(:mod:`.national_activities`) and every province's plans, reporting calendar,
unit reports and report values (:mod:`.national_reports`), generated deterministically
from a seed.

Rows go in with COPY on PostgreSQL and ``bulk_create`` in batches on SQLite (the models'
``save`` is bypassed, so the search columns are filled here); nothing goes through the
actions, which would write a history row for each of a million records. ``fraction``
scales every count down for development and tests; ``1.0`` is the national size of the
monitoring issue.

Measured on 23/11/2026, PostgreSQL 15, 2 cores shared with four other developers' test runs
(load average 4–6): ``lanhmanh demo --scale national --fraction 1.0`` in 12 min wall clock
(generate() 606.9 s: registers 337.3 s, people 73.7 s, assessments 4.3 s, reports 191.4 s
for 144,286 unit reports and 5,685,959 report values; 1.5 GB peak memory).
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from lanhmanh import crypto
from lanhmanh.agencies.models import Agency, AgencyKind
from lanhmanh.demo.national_activities import generate_activities
from lanhmanh.demo.national_assessments import generate_assessments
from lanhmanh.demo.national_computed import analyze, vacuum
from lanhmanh.demo.national_people import generate_people
from lanhmanh.demo.national_reports import generate_reports
from lanhmanh.hotspots.models import Hotspot, HotspotKind, HotspotStatus, HotspotStatusChange
from lanhmanh.inspections import tallies
from lanhmanh.inspections.models import (
    Establishment,
    EstablishmentKind,
    Inspection,
    InspectionTally,
    LegalBasis,
    Violation,
)
from lanhmanh.places.loader import load_units
from lanhmanh.places.models import AdministrativeUnit, Level
from lanhmanh.sanctions.models import Sanction
from lanhmanh.text import fold
from lanhmanh.tips.models import (
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Category,
    Channel,
    Status,
    Tip,
    deadline_for,
)

FIRST_DECISION = "1/QĐ-XPHC-QG"  # the first generated decision: the dataset is there
BATCH = 10_000


@dataclass(frozen=True)
class Counts:
    establishments: int = 300_000
    inspections: int = 1_000_000
    tips: int = 50_000
    hotspots: int = 20_000
    sanctions: int = 150_000

    def scaled(self, fraction: float) -> Counts:
        return Counts(**{k: max(1, round(v * fraction)) for k, v in self.__dict__.items()})


Progress = Callable[[str, int, int], None]


def stderr_progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r{label:<16} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,}")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _batches(rows: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(
    model,
    rows: Iterator,
    total: int,
    label: str,
    progress: Progress,
    batch: int = BATCH,
    keep: bool = True,
    columns: tuple[str, ...] | None = None,
) -> list:
    """Insert ``rows`` (unsaved instances, or tuples of ``columns``' values); the made
    objects with their pks unless not ``keep``.

    On PostgreSQL every row goes in with COPY (several times faster than INSERT for
    millions of rows); SQLite takes them with bulk_create in batches.
    """
    if columns is not None:  # plain tuples of these fields' values, nothing kept
        if connection.vendor == "postgresql":
            _copy_tuples(model, columns, rows, total, label, progress)
            return []
        rows = (model(**dict(zip(columns, row, strict=True))) for row in rows)
        keep = False
    if connection.vendor == "postgresql":
        if not keep:
            _copy(model, rows, total, label, progress)
            return []
        # COPY too, then the new primary keys in the order the rows went in (a COPY takes
        # the sequence's values row by row; nothing else writes during the generation).
        last = model.objects.aggregate(last=Max("pk"))["last"] or 0
        made = []

        def kept():
            for row in rows:
                made.append(row)
                yield row

        _copy(model, kept(), total, label, progress)
        pks = list(model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True))
        if len(pks) != len(made):
            raise RuntimeError(f"{model.__name__}: {len(pks)} new rows for {len(made)} written")
        for row, pk in zip(made, pks, strict=True):
            row.pk = pk
            row._state.adding, row._state.db = False, connection.alias
        return made
    made, done = [], 0
    for chunk in _batches(rows, batch):
        created = model.objects.bulk_create(chunk)
        done += len(created)
        if keep:
            made.extend(created)
        progress(label, done, max(total, done))
    return made


def _copy(model, rows: Iterator, total: int, label: str, progress: Progress) -> None:
    """COPY the unsaved instances ``rows`` into ``model``'s table (psycopg 3), with the
    values bulk_create would send: every concrete field but the auto primary key, after
    its ``pre_save`` (auto_now_add dates) and database preparation."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    done = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,  # psycopg 3
    ):
        for row in rows:
            copy.write_row([f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields])
            done += 1
            if done % BATCH == 0:
                progress(label, done, max(total, done))
    progress(label, done, max(total, done))


def _copy_tuples(model, columns, rows: Iterator, total: int, label: str, progress) -> None:
    """COPY tuples of plain values (ints, Decimals, dates, strings) of ``columns``."""
    fields = [model._meta.get_field(name) for name in columns]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    done = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,  # psycopg 3
    ):
        for row in rows:
            copy.write_row(row)
            done += 1
            if done % (BATCH * 5) == 0:
                progress(label, done, max(total, done))
    progress(label, done, max(total, done))


def generate(fraction: float = 1.0, seed: int = 2026, progress: Progress | None = None) -> dict:
    """Generate the national dataset once (a second call finds it and returns {}).

    Each stage (registers, reports, …) looks for its own data first, so a database made
    by an earlier version gets only the stages it lacks; each stage draws from its own
    random stream of ``seed``, so what it makes does not depend on the others having run.
    """
    progress = progress or (lambda *args: None)
    load_units()
    started = time.monotonic()
    made: dict = {}
    seconds: dict[str, float] = {}

    def stage(name, function, *args):
        began = time.monotonic()
        result = function(*args)
        if result:
            made.update(result)
            seconds[name] = round(time.monotonic() - began, 1)

    provinces = list(
        AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("code")
    )
    communes = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE)
        .order_by("code")
        .values_list("pk", "province_id")
    )
    insert = lambda *args, **kwargs: _insert(*args, progress=progress, **kwargs)  # noqa: E731
    stage("registers", _registers, provinces, communes, fraction, seed, progress)
    stage("people", generate_people, provinces, communes, fraction, seed, insert)
    stage("assessments", generate_assessments, provinces, communes, fraction, seed, insert)
    stage("activities", generate_activities, provinces, communes, fraction, seed, insert)
    with transaction.atomic():
        teams, police = _agencies(provinces)
    stage(
        "reports",
        generate_reports,
        provinces,
        communes,
        police,
        teams,
        fraction,
        seed,
        progress,
        insert,
    )
    if not made:
        return {}
    began = time.monotonic()
    vacuum()
    seconds["vacuum"] = round(time.monotonic() - began, 1)
    return {**made, "seconds": round(time.monotonic() - started, 1), "stage_seconds": seconds}


def _registers(provinces, communes, fraction: float, seed: int, progress: Progress) -> dict:
    """Establishments, inspections, violations, sanctions, hotspots and tips."""
    if Sanction.objects.filter(decision_number=FIRST_DECISION).exists():
        return {}
    counts = Counts().scaled(fraction)
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    today, now = timezone.localdate(), timezone.now()
    year_start = datetime.date(today.year, 1, 1)
    days = (today - year_start).days
    with transaction.atomic():
        teams, police = _agencies(provinces)
        # Towns hold more businesses than villages: a commune's weight is random but fixed.
        weights = [rng.paretovariate(1.5) for _ in communes]
        picked = rng.choices(communes, weights=weights, k=counts.establishments)
        kinds = list(EstablishmentKind.values)

        def establishments():
            for i, (commune_id, _province) in enumerate(picked):
                name = f"Cơ sở {kinds[i % len(kinds)]} số {i + 1}"
                yield Establishment(
                    kind=kinds[i % len(kinds)],
                    name=name,
                    name_search=fold(name),
                    address=f"Số {rng.randint(1, 300)} đường {rng.randint(1, 40)}",
                    commune_id=commune_id,
                    status="closed" if rng.random() < 0.06 else "active",
                    opened_on=datetime.date(rng.randint(2010, today.year), rng.randint(1, 12), 1),
                    risk=rng.choice([1, 2, 2, 3]),
                )

        made = _insert(
            Establishment, establishments(), counts.establishments, "establishments", progress
        )
        where = {e.pk: province for e, (_c, province) in zip(made, picked, strict=True)}
        commune_of = {e.pk: e.commune_id for e in made}
        ids = [e.pk for e in made]

        def inspections():
            for _ in range(counts.inspections):
                establishment = rng.choice(ids)
                yield Inspection(
                    establishment_id=establishment,
                    commune_id=commune_of[establishment],
                    team_id=teams[where[establishment]],
                    inspected_on=year_start + datetime.timedelta(days=rng.randint(0, days)),
                    kind="surprise" if rng.random() < 0.4 else "periodic",
                )

        visits = _insert(Inspection, inspections(), counts.inspections, "inspections", progress)
        bases = list(LegalBasis.objects.filter(valid_to__isnull=True, fine_max__gt=0))
        found = [v for v in visits if rng.random() < 0.08]

        def violations():
            for visit in found:
                basis = rng.choice(bases)
                yield Violation(
                    inspection_id=visit.pk,
                    legal_basis_id=basis.pk,
                    proposed="fine",
                    fine_amount=basis.fine_min,
                )

        _insert(Violation, violations(), len(found), "violations", progress)
        selling = [b for b in bases if fold(b.behaviour) == "ban dam"]
        buying = [b for b in bases if fold(b.behaviour) == "mua dam"]

        def sanctions():
            for i in range(counts.sanctions):
                commune_id, province = rng.choice(communes)
                behaviour = "selling" if rng.random() < 0.6 else "buying"
                basis = (selling if behaviour == "selling" else buying)[0]
                warning = behaviour == "selling" and rng.random() < 0.3
                day = max(basis.valid_from, year_start) + datetime.timedelta(
                    days=rng.randint(0, max((today - max(basis.valid_from, year_start)).days, 0))
                )
                form = "warning" if warning else "fine"
                yield Sanction(
                    subject="individual",
                    # An invented name, encrypted as the police's are (no ID number:
                    # the generator does not link the same person's decisions).
                    full_name_enc=crypto.encrypt(f"Người giả định {i + 1}"),
                    behaviour=behaviour,
                    legal_basis_id=basis.pk,
                    commune_id=commune_id,
                    violated_on=day,
                    form=form,
                    first_form=form,
                    amount=None if warning else basis.fine_min,
                    issuing_agency_id=police[province],
                    recording_agency_id=police[province],
                    decision_number=f"{i + 1}/QĐ-XPHC-QG",
                    decided_on=day,
                    first_decided_on=day,
                    search=fold(f"{i + 1}/QĐ-XPHC-QG"),
                )

        if selling and buying:
            _insert(Sanction, sanctions(), counts.sanctions, "sanctions", progress)

        def hotspots():
            for i in range(counts.hotspots):
                commune_id, _province = rng.choice(communes)
                name = f"Tụ điểm số {i + 1}"
                yield Hotspot(
                    name=name,
                    commune_id=commune_id,
                    address=f"Khu vực {rng.randint(1, 50)}",
                    kind=rng.choice(HotspotKind.values),
                    status=rng.choice(HotspotStatus.values),
                    status_since=year_start + datetime.timedelta(days=rng.randint(0, days)),
                    search=fold(name),
                )

        spots = _insert(Hotspot, hotspots(), counts.hotspots, "hotspots", progress)
        _insert(
            HotspotStatusChange,
            (
                HotspotStatusChange(
                    hotspot_id=s.pk, from_status="", to_status=s.status, on=s.status_since
                )
                for s in spots
            ),
            len(spots),
            "hotspot history",
            progress,
        )
        references = set()

        def tips():
            for _ in range(counts.tips):
                commune_id, province = rng.choice(communes)
                category = rng.choice(Category.values)
                received = timezone.make_aware(
                    datetime.datetime.combine(
                        year_start + datetime.timedelta(days=rng.randint(0, days)),
                        datetime.time(rng.randint(7, 20)),
                    )
                )
                reference = ""
                while not reference or reference in references:
                    reference = "".join(rng.choices(REFERENCE_ALPHABET, k=REFERENCE_LENGTH))
                references.add(reference)
                deadline = deadline_for(category, received)
                handled = deadline < today and rng.random() < 0.85
                content = "Tin báo tổng hợp (dữ liệu thử nghiệm)."
                yield Tip(
                    reference=reference,
                    channel=rng.choice(Channel.values),
                    received_at=received,
                    commune_id=commune_id,
                    category=category,
                    content=content,
                    content_search=fold(content),
                    assigned_agency_id=police[province],
                    deadline=deadline,
                    status=Status.HANDLED if handled else Status.RECEIVED,
                    outcome="unfounded" if handled else "",
                    closed_at=min(now, received + datetime.timedelta(days=rng.randint(1, 40)))
                    if handled
                    else None,
                )

        _insert(Tip, tips(), counts.tips, "tips", progress)
        # Loaded past the register's actions: its monthly tallies are counted afresh.
        tallies.rebuild()
        tallies.refresh_last_inspected()
        analyze(Establishment, Inspection, Violation, Sanction, Hotspot, HotspotStatusChange, Tip)
        analyze(InspectionTally)
    return {**counts.__dict__, "violations": len(found)}


def _agencies(provinces) -> tuple[dict[int, int], dict[int, int]]:
    """A Team 178 and a provincial police per province: {province id: agency id}."""
    teams, police = {}, {}
    for province in provinces:
        for kind, name, into in (
            (AgencyKind.INSPECTION_TEAM, f"Đội kiểm tra liên ngành 178 {province.name}", teams),
            (AgencyKind.POLICE, f"Công an {province.name}", police),
        ):
            agency = Agency.objects.filter(kind=kind, jurisdiction=province).first()
            if agency is None:
                agency = Agency(name=name, kind=kind, jurisdiction=province)
                agency.save()
            into[province.pk] = agency.pk
    return teams, police
