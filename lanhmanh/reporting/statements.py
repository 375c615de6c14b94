"""ORM queries compiled once and run many times, like prepared statements.

The roll-up is one aggregate query whose SQL depends only on its shape (how many statuses,
how many indicator codes), not on the values. Compiling a queryset costs the ORM far more
than the database needs to run it on a province's reports, so the compiled SQL is kept per
database connection and shape, and later calls only bind their values.

The queryset is compiled with unique stand-in values, so each placeholder of the SQL is
mapped to the argument it stands for whatever order the compiler put them in; a parameter
that is none of them is a constant of the query (``"max"`` in ``aggregation = 'max'``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections


@dataclass(frozen=True)
class _Compiled:
    sql: str
    native_sql: str | None  # SQLite's own placeholders, converted once
    # For each placeholder: (argument, index in it), or (-1, the constant of the query).
    slots: tuple[tuple[int, Any], ...]


_cache: dict[tuple, _Compiled] = {}


def _stand_in(argument: int, index: int, sample: Any) -> Any:
    if isinstance(sample, int) and not isinstance(sample, bool):
        return -1_000_003 * (argument + 1) - index
    return f"\x00{argument}:{index}"


def run(
    name: str,
    build: Callable[..., Any],
    arguments: Sequence[Sequence[Any]],
    using: str = "default",
) -> list[tuple]:
    """Rows of ``build(*arguments)`` (a values_list queryset). Each argument is a sequence
    (a single value goes in a one-element list); the statement is compiled once per
    ``name``, database and lengths of the arguments."""
    connection = connections[using]
    key = (name, using, connection.vendor, tuple(len(a) for a in arguments))
    compiled = _cache.get(key)
    if compiled is None:
        stand_ins = [
            [_stand_in(n, i, value) for i, value in enumerate(argument)]
            for n, argument in enumerate(arguments)
        ]
        where = {
            value: (n, i) for n, values in enumerate(stand_ins) for i, value in enumerate(values)
        }
        sql, params = build(*stand_ins).query.get_compiler(using=using).as_sql()
        slots = tuple(where.get(param, (-1, param)) for param in params)
        used = {slot for slot in slots if slot[0] >= 0}
        if len(used) != len(where):
            # The compiler dropped or changed an argument: run it through the ORM each time.
            return list(build(*arguments))
        native = None
        if connection.vendor == "sqlite":
            from django.db.backends.sqlite3.base import SQLiteCursorWrapper

            native = SQLiteCursorWrapper.convert_query(None, sql)
        compiled = _Compiled(sql, native, slots)
        _cache[key] = compiled
    params = [value if n < 0 else arguments[n][value] for n, value in compiled.slots]
    if compiled.native_sql and not connection.queries_logged and not connection.execute_wrappers:
        # Django's SQLite cursor converts the placeholders of every statement it runs, which
        # costs more than running this one; the statement is converted already. When queries
        # are logged or wrapped (debugging, query-count tests) the usual cursor runs it.
        connection.ensure_connection()
        with connection.wrap_database_errors:
            return connection.connection.execute(compiled.native_sql, params).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        return cursor.fetchall()
