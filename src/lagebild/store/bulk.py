"""Writing many rows at once: ``COPY … FROM STDIN`` on PostgreSQL, multi-row inserts on SQLite.

A row-at-a-time ``INSERT`` costs a round trip and a statement per row; on PostgreSQL ``COPY``
streams the rows in one command (the server parses them as it would a dump), which is what a
store of a million articles needs.  Both run inside the caller's transaction, so a batch is
committed whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import orjson
from sqlalchemy import JSON, Connection, Table, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

#: rows per multi-row INSERT (SQLite)
BATCH = 2000
#: up to this many new rows :func:`insert_new` inserts them directly (PostgreSQL)
SMALL = 50
#: a transaction that wrote at least this many rows refreshes the tables' planner statistics
ANALYZE_AFTER = 20_000


def json_text(value: Any) -> str:
    """A JSON column's value as JSON text, as COPY takes it (None is JSON ``null``, as SQLAlchemy
    writes it)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], *, into: str | None = None) -> None:
    """Insert ``rows`` (dicts by column name; a missing column takes its scalar default, else NULL)
    into ``table`` on ``conn`` (PostgreSQL: or into the table named ``into``, with the same columns)."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        for i in range(0, len(rows), BATCH):
            conn.execute(insert(table), list(rows[i:i + BATCH]))
        return
    columns = [c for c in table.columns if not c.computed]
    names = [c.name for c in columns]
    is_json = [isinstance(c.type, JSON) for c in columns]
    missing = [c.default.arg if c.default is not None and c.default.is_scalar else None for c in columns]

    def values(row: dict[str, Any]) -> list[Any]:
        return [(json_text(row[name]) if js else row[name]) if name in row else default
                for name, js, default in zip(names, is_json, missing)]

    copy_rows(conn, into or table.name, names, (values(row) for row in rows))


def insert_new(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: str) -> list[Any]:
    """Insert the ``rows`` whose ``key`` (a unique column) is not in ``table`` yet; their keys, in
    the order of ``rows`` (a key given twice: the first row).

    PostgreSQL: ``INSERT … ON CONFLICT DO NOTHING``, for more than :data:`SMALL` rows from a
    temporary table filled by ``COPY``; the unique index answers for every row, however big the
    table (a ``SELECT … IN`` list first was planned as a scan of the whole table while a new one
    filled).
    """
    first: dict[Any, dict[str, Any]] = {}
    for row in rows:
        first.setdefault(row[key], row)
    if not first:
        return []
    column = table.c[key]
    if conn.dialect.name != "postgresql":
        stored: set[Any] = set()
        keys = list(first)
        for i in range(0, len(keys), 400):
            stored.update(conn.execute(select(column).where(column.in_(keys[i:i + 400]))).scalars())
        new = [k for k in first if k not in stored]
        bulk_insert(conn, table, [first[k] for k in new])
        return new
    if len(first) <= SMALL:  # a few rows: one INSERT, no temporary table (its catalog rows)
        statement = pg_insert(table).on_conflict_do_nothing(index_elements=[key]).returning(column)
        added = set(conn.execute(statement, list(first.values())).scalars())
        return [k for k in first if k in added]
    staging = f"_new_{table.name}"
    conn.exec_driver_sql(f'CREATE TEMPORARY TABLE "{staging}" (LIKE "{table.name}") ON COMMIT DROP')
    bulk_insert(conn, table, list(first.values()), into=staging)
    names = ", ".join(f'"{c.name}"' for c in table.columns if not c.computed)
    added = set(conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM "{staging}" '
        f'ON CONFLICT ("{key}") DO NOTHING RETURNING "{key}"').scalars())
    conn.exec_driver_sql(f'DROP TABLE "{staging}"')
    return [k for k in first if k in added]


def delete_keys(conn: Connection, table: Table, key: str, keys: Sequence[Any]) -> None:
    """Delete the rows of ``table`` whose column ``key`` is one of ``keys``.

    PostgreSQL: one statement with the keys as an array, planned afresh each time (never a cached
    generic plan: one made while a table was nearly empty scans the whole table ever after, and
    nothing re-plans it where autovacuum is off).
    """
    if not keys:
        return
    if conn.dialect.name != "postgresql":
        column = table.c[key]
        for i in range(0, len(keys), 400):
            conn.execute(delete(table).where(column.in_(list(keys[i:i + 400]))))
        return
    raw = conn.connection.driver_connection
    raw.execute(f'DELETE FROM "{table.name}" WHERE "{key}" = ANY(%s)', [list(keys)], prepare=False)


def refresh_statistics(conn: Connection, tables: Iterable[Table], written: int) -> None:
    """After ``written`` rows, at least :data:`ANALYZE_AFTER`: ``ANALYZE`` the ``tables``
    (PostgreSQL), in this transaction.

    Without statistics the planner guesses, and on the link tables it guessed wrong: linking one
    more article into a 10k-article store read all of ``mention_entities`` (427,665 rows) and
    ``fact_events`` once each; with statistics it reads only indexes.  Autovacuum refreshes them
    only after a tenth of a table changed (by default), and never where it is off.
    """
    if conn.dialect.name == "postgresql" and written >= ANALYZE_AFTER:
        conn.exec_driver_sql("ANALYZE " + ", ".join(f'"{table.name}"' for table in tables))


def copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """``COPY table (columns) FROM STDIN`` (``table`` may name its schema: ``demo.facts``) with ``rows`` (values in the order of ``columns``; JSON
    already as text) on the PostgreSQL connection ``conn``; how many rows were written."""
    raw = conn.connection.driver_connection  # the psycopg connection, in this transaction
    name = ".".join(f'"{part}"' for part in table.split("."))
    quoted = ", ".join(f'"{c}"' for c in columns)
    n = 0
    with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            n += 1
    return n
