"""Fast inserts of many rows with explicit primary keys, for the county-scale benchmark dataset (`scale.py`).

`bulk_create` builds a model instance per row and overwrites `auto_now_add` fields with the current time; a
dataset that spans five years needs its own timestamps, and a million rows need less overhead. So rows are given
as tuples of plain values, converted once per column, and written with `executemany` on SQLite and `COPY` on
PostgreSQL. Nothing is switched off: constraints, triggers and indexes all apply to these rows as to any other.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

Converter = Callable[[Any], Any]


def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    # Django keeps aware datetimes in SQLite as naive UTC text; the generator hands out UTC values only.
    return None if value is None else value.replace(tzinfo=None).isoformat(" ")


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_uuid(value: uuid.UUID | None) -> str | None:
    return None if value is None else value.hex


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _converter(field: models.Field[Any, Any], vendor: str) -> Converter | None:
    if isinstance(field, models.JSONField):
        return _json
    if vendor != "sqlite":
        return None  # psycopg's COPY dumpers take datetimes, dates and UUIDs as they are
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime
    if isinstance(field, models.DateField):
        return _sqlite_date
    if isinstance(field, models.UUIDField):
        return _sqlite_uuid
    return None


class BulkWriter:
    """Writes rows to the default database. Call inside a transaction; call `reset_sequences()` at the end so
    that rows the application inserts afterwards get fresh primary keys on PostgreSQL."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise RuntimeError(f"The scale generator supports SQLite and PostgreSQL, not {self.vendor}")
        self.written: dict[str, int] = {}
        self.models: list[type[models.Model]] = []

    def insert(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Insert `rows`, each a sequence of values for `columns` (attribute names such as "person_id")."""
        meta = model._meta
        # get_field() knows attribute names too: "person_id" is the column of the foreign key "person".
        fields = [meta.get_field(name) for name in columns]
        db_columns = [field.column for field in fields if isinstance(field, models.Field)]
        if len(db_columns) != len(fields):
            raise ValueError(f"Not all of {columns} are concrete fields of {meta.label}")
        converters = [
            (index, _converter(field, self.vendor))
            for index, field in enumerate(fields)
            if isinstance(field, models.Field)
        ]
        active = [(index, convert) for index, convert in converters if convert is not None]

        def prepared() -> Iterable[Sequence[Any]]:
            if not active:
                yield from rows
                return
            for row in rows:
                values = list(row)
                for index, convert in active:
                    values[index] = convert(values[index])
                yield values

        table = connection.ops.quote_name(meta.db_table)
        names = ", ".join(connection.ops.quote_name(column) for column in db_columns)
        count = 0

        def counted() -> Iterable[Sequence[Any]]:
            nonlocal count
            for values in prepared():
                count += 1
                yield values

        connection.ensure_connection()
        if self.vendor == "sqlite":
            placeholders = ", ".join("?" for _ in db_columns)
            raw = connection.connection.cursor()  # the sqlite3 cursor itself: no per-row work in Django's wrapper
            try:
                raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", counted())  # noqa: S608
            finally:
                raw.close()
        else:
            with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for values in counted():
                    copy.write_row(values)
        self.written[meta.label] = self.written.get(meta.label, 0) + count
        if model not in self.models:
            self.models.append(model)
        return count

    @contextmanager
    def indexes_built_after(self, model: type[models.Model]) -> Iterator[None]:
        """Drop the table's secondary indexes, and create them again from their own definitions on the way out.

        Building an index once over sorted rows is many times faster than keeping it up to date row by row.
        Use inside the transaction that inserts the rows: the table is never seen without its indexes, and a
        failure rolls back the drop together with the rows."""
        if not connection.in_atomic_block:
            raise RuntimeError("Indexes are rebuilt only inside a transaction")
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
            else:
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                    "JOIN pg_class c ON c.relname = i.indexname "
                    "JOIN pg_index x ON x.indexrelid = c.oid "
                    "WHERE i.tablename = %s AND NOT x.indisprimary AND NOT x.indisunique",
                    [table],
                )
            definitions = list(cursor.fetchall())
            for name, _sql in definitions:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        with connection.cursor() as cursor:
            for _name, sql in definitions:
                cursor.execute(sql)

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), self.models)
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
