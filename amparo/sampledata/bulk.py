"""Buffered multi-row inserts straight into the tables, for generated data at scale.

Bypasses the ORM's per-object work (signals, `auto_now_add`, model validation) on purpose: the
generator sets every column itself, including past creation times, and the database's own
constraints still check every row. Columns the generator does not name get the field default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

from amparo.core.bulk import prepper


class TableWriter:
    """Rows of one model, buffered until `flush`, written with one statement per flush."""

    def __init__(self, model: type[models.Model], columns: tuple[str, ...]):
        self.model = model
        self.columns = columns
        connection = connections[DEFAULT_DB_ALIAS]
        given: list[Any] = [model._meta.get_field(name) for name in columns]
        others: list[Any] = [f for f in model._meta.concrete_fields if f.name not in columns]
        self._prep: list[Callable[[Any], Any]] = [prepper(f, connection) for f in given]
        self._defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
        quote = connection.ops.quote_name
        names = ", ".join(quote(f.column) for f in [*given, *others])
        marks = ", ".join(["%s"] * (len(given) + len(others)))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"
        self.pending: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, *values: Any) -> None:
        if len(values) != len(self._prep):
            raise TypeError(f"{self.model.__name__}: {len(values)} values for {self.columns}")
        row = tuple([prep(v) for prep, v in zip(self._prep, values)])  # noqa: B905 (checked)
        self.pending.append(row + self._defaults)

    def flush(self) -> None:
        if not self.pending:
            return
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.executemany(self.sql, self.pending)
        self.written += len(self.pending)
        self.pending = []


class Writers:
    """One TableWriter per model, flushed in the order they were made (parents first)."""

    def __init__(self) -> None:
        self.tables: list[TableWriter] = []

    def table(self, model: type[models.Model], *columns: str) -> TableWriter:
        writer = TableWriter(model, columns)
        self.tables.append(writer)
        return writer

    @property
    def pending(self) -> int:
        return sum(len(t.pending) for t in self.tables)

    @property
    def written(self) -> int:
        return sum(t.written for t in self.tables)

    def flush(self) -> None:
        for table in self.tables:
            table.flush()
