"""Buffered multi-row inserts straight into the tables, for generated data at scale.

Bypasses the ORM's per-object work (signals, `auto_now_add`, model validation) on purpose: the
generator sets every column itself, including past creation times, and the database's own
constraints still check every row. Columns the generator does not name get the field default.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models


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


def _same(value: Any) -> Any:
    return value


def _uuid_hex(value: Any) -> Any:
    return None if value is None else value.hex


def _utc_text(value: Any) -> Any:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return str(value)


def _text(value: Any) -> Any:
    return None if value is None else str(value)


def _plain_text(value: Any) -> Any:
    """A choice (a str enum) as its plain value, so every driver writes the value."""
    return value if value is None or type(value) is str else str(value)


TEXT = frozenset({"CharField", "TextField", "SlugField"})
# Types whose database value is the Python value itself (the generator passes the right type).
PLAIN = frozenset(
    {"BooleanField", "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField"}
    | {"SmallIntegerField", "BigIntegerField"}
)


def prepper(field: Any, connection: Any) -> Callable[[Any], Any]:
    """How a value of `field` goes to the database: Django's own `get_db_prep_save`, or for the
    common types the same result without its per-value work (a profile of `synth` found half
    of its time there). `amparo.sampledata.tests` checks both agree."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    sqlite = connection.vendor == "sqlite"
    if kind in TEXT:
        return _plain_text
    if kind in PLAIN:
        return _same
    if kind == "UUIDField":
        return _uuid_hex if sqlite else _same
    if kind == "DateTimeField" and connection.settings_dict.get("TIME_ZONE") is None:
        return _utc_text if sqlite else _same
    if kind == "DateField":
        return _text if sqlite else _same

    def prep(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    return prep


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
