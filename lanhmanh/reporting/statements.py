"""Hand-written statements built once and run many times, as prepared statements.

The roll-up is one aggregate query whose SQL depends only on its shape (how many statuses,
how many indicator codes), not on the values. Building and compiling a queryset costs the
ORM more than the database needs to run it on a province's reports, and on PostgreSQL
planning a query costs about as much as running it; so the SQL is built once per database
and shape, and later calls only bind their values:

- on SQLite it runs with its placeholders already converted (Django's SQLite cursor
  converts them at every call) and the sqlite3 module keeps the compiled statement;
- on PostgreSQL it runs as a server-side prepared statement (psycopg 3's ``prepare=True``
  on a server-binding ``psycopg.Cursor``; Django's own cursor binds on the client and cannot
  prepare), so the server parses and plans it once per connection. Django turns psycopg's
  prepared statements off for the sake of connection poolers (``prepare_threshold=None``);
  they are turned back on for these statements only (the threshold stays out of reach of
  other statements, and Django's client-binding cursors never prepare), unless the setting
  ``LANHMANH_PREPARED_STATEMENTS`` is False (a pooler in transaction mode that does not
  carry prepared statements, such as PgBouncer before 1.21).

When queries are logged or wrapped (debugging, query-count tests) Django's usual cursor
runs it, so it is counted like any other query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections

_cache: dict[tuple, tuple[str, str | None]] = {}

# A psycopg prepare_threshold that no statement run without ``prepare=True`` reaches.
_OUT_OF_REACH = 2**31


def run_sql(
    name: str,
    shape: tuple,
    make_sql: Callable[[Any], str],
    params: Sequence[Any],
    using: str = "default",
) -> list[tuple]:
    """Rows of the statement ``make_sql(connection)`` (``%s`` placeholders) with ``params``.

    The SQL is built once per ``name``, database and ``shape`` (what the text depends on
    besides its values)."""
    connection = connections[using]
    key = (name, using, connection.vendor, shape)
    cached = _cache.get(key)
    if cached is None:
        sql = make_sql(connection)
        native = None
        if connection.vendor == "sqlite":
            from django.db.backends.sqlite3.base import SQLiteCursorWrapper

            native = SQLiteCursorWrapper.convert_query(None, sql)
        cached = _cache[key] = (sql, native)
    sql, native = cached
    params = list(params)
    if not connection.queries_logged and not connection.execute_wrappers:
        if native is not None:
            connection.ensure_connection()
            with connection.wrap_database_errors:
                return connection.connection.execute(native, params).fetchall()
        if connection.vendor == "postgresql":
            import psycopg
            from django.conf import settings

            connection.ensure_connection()
            prepare = getattr(settings, "LANHMANH_PREPARED_STATEMENTS", True)
            if prepare and connection.connection.prepare_threshold is None:
                connection.connection.prepare_threshold = _OUT_OF_REACH
            with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
                cursor.execute(sql, params, prepare=prepare)
                return cursor.fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
