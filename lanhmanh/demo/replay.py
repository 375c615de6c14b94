"""The demo for tests that stand on it, loaded once per test process and then replayed.

Loading the demo goes through every action (imports of plans, inspections, reports,
assessments): tens of seconds, and about a hundred tests start from it. ``load_demo`` here
loads it for real the first time in a process, keeps the rows it added, and afterwards,
when the database is again as it was then (only the reference data of the test database:
units, legal bases, migrations), writes the same rows back in one transaction: the same
tables, the same ids, the same values, and returns the same result.

Anything else (a test that made users or agencies before loading the demo, a loader that
changed a reference row) loads it for real. The tests of the demo itself call
:func:`lanhmanh.demo.loader.load_demo` directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .loader import DemoResult
from .loader import load_demo as load_for_real

#: tables a fresh test database already holds (migrations, units, legal bases)
REFERENCE_PREFIXES = (
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "places_",
    "inspections_legalbasis",
    "assessments_criterion",
    "assessments_criteriaset",
)


@dataclass
class Snapshot:
    result: DemoResult
    #: table → (columns, rows the load added)
    rows: dict[str, tuple[list[str], list[tuple]]]


# (database vendor and name, options, reference tables' counts) → the snapshot, or None
# when the load cannot be replayed (it changed rows it found)
_kept: dict[tuple, Snapshot | None] = {}


def _quote(name: str) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(name)


def _tables() -> list[str]:
    connection = connections[DEFAULT_DB_ALIAS]
    return sorted(connection.introspection.table_names(include_views=False))


def _is_reference(table: str) -> bool:
    return table.startswith(REFERENCE_PREFIXES)


def _primary_keys() -> dict[str, str]:
    return {m._meta.db_table: m._meta.pk.column for m in apps.get_models(include_auto_created=True)}


def _state(tables: list[str]) -> tuple | None:
    """The reference tables' row counts and highest keys when every other table is
    empty, else None: in one query. Reference rows made again (after a transactional test
    emptied the tables) have new keys, and the rows kept refer to the old ones."""
    keys = _primary_keys()
    # Only quoted table and column names go into the text.
    parts = []
    for t in tables:
        if not _is_reference(t):
            parts.append(f"(SELECT COUNT(*) FROM (SELECT 1 FROM {_quote(t)} LIMIT 1) AS x)")  # noqa: S608
            continue
        parts.append(f"(SELECT COUNT(*) FROM {_quote(t)})")  # noqa: S608
        # a table no model owns (none today) has no key to watch: its count stands alone
        top = f"(SELECT MAX({_quote(keys[t])}) FROM {_quote(t)})" if t in keys else "0"  # noqa: S608
        parts.append(top)
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        values = list(cursor.fetchone())
    state = []
    for t in tables:
        if not _is_reference(t):
            if values.pop(0):
                return None
            continue
        state.append((t, values.pop(0), values.pop(0)))
    return tuple(state)


def _rows(table: str) -> tuple[list[str], list[tuple]]:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(f"SELECT * FROM {_quote(table)}")  # noqa: S608 - a quoted table name
        columns = [c[0] for c in cursor.description]
        return columns, [tuple(row) for row in cursor.fetchall()]


def _take(tables: list[str], options: dict) -> tuple[DemoResult, Snapshot | None]:
    """Load the demo for real, and keep what it added (None when it changed or removed a
    row it found: not replayable)."""
    before = {t: set(_rows(t)[1]) for t in tables if _is_reference(t)}
    result = load_for_real(**options)
    kept: dict[str, tuple[list[str], list[tuple]]] = {}
    for table in tables:
        columns, rows = _rows(table)
        old = before.get(table, set())
        if not old.issubset(rows):
            return result, None
        added = [row for row in rows if row not in old]
        if added:
            kept[table] = (columns, added)
    return result, Snapshot(result, kept)


@transaction.atomic
def _replay(snapshot: Snapshot) -> DemoResult:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        for table, (columns, rows) in snapshot.rows.items():
            names = ", ".join(_quote(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                rows,
            )
        tables = set(snapshot.rows)
        models = [
            m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in tables
        ]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return snapshot.result


def load_demo(with_plans: bool = True, with_reports: bool = True) -> DemoResult:
    """:func:`lanhmanh.demo.loader.load_demo`, replayed when it can be (see the module)."""
    options = {"with_plans": with_plans, "with_reports": with_reports}
    tables = _tables()
    state = _state(tables)
    if state is None:
        return load_for_real(**options)
    connection = connections[DEFAULT_DB_ALIAS]
    key = (connection.vendor, connection.settings_dict["NAME"], tuple(options.items()), state)
    if key not in _kept:
        result, _kept[key] = _take(tables, options)
        return result
    snapshot = _kept[key]
    if snapshot is None:
        return load_for_real(**options)
    return _replay(snapshot)
