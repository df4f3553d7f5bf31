"""Values read by plain SQL (`connection.cursor()`), made what the ORM would give: SQLite hands
back the text it stored for dates, moments and UUIDs, PostgreSQL the typed values."""

from __future__ import annotations

import contextlib
import datetime
import functools
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model, UUIDField
from django.utils import timezone


def db_moment(value: Any) -> datetime.datetime:
    if isinstance(value, str):  # SQLite gives the text it stored
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):  # SQLite keeps UTC without its zone
        value = value.replace(tzinfo=datetime.UTC)
    return value


def db_day(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def db_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


_ID_FIELD: UUIDField[uuid.UUID, uuid.UUID] = UUIDField()


def db_id(value: uuid.UUID) -> Any:
    """A UUID as a parameter of plain SQL, in the form the database stores it (as
    `UUIDField.get_db_prep_value`, without its checks for a value that already is a UUID: a
    timeline page passes a hundred)."""
    if isinstance(value, uuid.UUID):
        return value if connection.features.has_native_uuid_field else value.hex
    return _ID_FIELD.get_db_prep_value(value, connection)


@contextlib.contextmanager
def statements_prepared() -> Iterator[None]:
    """Within it, the statements of the default connection's new cursors are parsed and planned
    by the database once per connection and then reused: for the statements every page runs
    with other values only (the case page's timeline: 2.2 ms of PostgreSQL's planning against
    1.5 ms of running it; a search's page of cases 1.8 ms against 0.8; docs/benchmarks.md). On
    PostgreSQL the cursors bind on the server and prepare what they run (Django's own bind on
    the client, so nothing is prepared); SQLite's driver keeps its last statements prepared
    already. The cursors are still Django's (made by `connection.cursor()`), so query logs,
    tests' query counts and `execute_wrapper` see them. A prepared statement is planned once
    for any values (`plan_cache_mode`, settings), so only a statement led by the same index
    whatever its values belongs here. `AMPARO_PG_PREPARED=0` turns it off, for a pooler that
    cannot carry prepared statements (docs/deployment.md)."""
    if connection.vendor != "postgresql" or not settings.AMPARO_PG_PREPARED:
        yield
        return
    connection.ensure_connection()
    driver = connection.connection
    factory = driver.cursor_factory
    driver.cursor_factory = _preparing_cursor_class()
    try:
        yield
    finally:
        driver.cursor_factory = factory


def prepared_cursor() -> Any:
    """`connection.cursor()`, its statements prepared (`statements_prepared`)."""
    with statements_prepared():
        return connection.cursor()


@functools.cache
def _preparing_cursor_class() -> Any:
    # Imported when first used: only a PostgreSQL connection needs its backend.
    from django.db.backends.postgresql.base import (  # type: ignore[attr-defined]
        ServerBindingCursor,
    )

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
            done = super().execute(query, params, prepare=True)
            self._query = _Composed(self, query, params)
            return done

    return PreparingCursor


class _Composed:
    """A prepared statement with its values written in, as Django's query log reads it of a
    cursor that binds on the client (`cursor._query.query`, which psycopg leaves empty for a
    prepared one): written only when read, as only a log reads it."""

    def __init__(self, cursor: Any, query: Any, params: Any) -> None:
        self._cursor, self._statement, self._params = cursor, query, params

    @property
    def query(self) -> bytes:
        from psycopg import ClientCursor

        try:
            composed = ClientCursor(self._cursor.connection).mogrify(self._statement, self._params)
        except Exception:  # a log must not fail the request it records: the statement as run
            composed = str(self._statement)
        return composed.encode()


@dataclass(frozen=True)
class ModelColumns:
    """A model's columns read by plain SQL under a table alias, made into the instance the ORM
    would build: `Model.from_db` over the values passed through the same converters the ORM
    applies. A profile of the case page found most of a small query's time in Django compiling
    it (`select_related` of three tables for one row); this reads the same row without that."""

    model: type[Model]
    alias: str
    sql: str  # the columns, comma-separated, each as `alias.column`
    names: tuple[str, ...]  # each column's attribute name, in order
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # (position, converters, column)

    @property
    def width(self) -> int:
        return len(self.names)

    @property
    def nulls(self) -> str:
        """The same columns as typed nulls: this model's place in the other arms of a UNION ALL
        (PostgreSQL unites a column only with one of its type)."""
        return _nulls(self.model, connection.vendor)

    def build(self, values: Sequence[Any]) -> Model | None:
        """The instance of `values` (this model's columns of one row); None when its primary key
        is null (a LEFT JOIN that found nothing)."""
        if values[0] is None:
            return None
        row = list(values)
        for position, functions, column in self.converters:
            for function in functions:
                row[position] = function(row[position], column, connection)
        return self.model.from_db(connection.alias, list(self.names), row)


def model_columns(model: type[Model], alias: str) -> ModelColumns:
    """Every concrete column of `model` under `alias`, for the database in use."""
    return _model_columns(model, alias, connection.vendor)


@functools.cache
def _model_columns(model: type[Model], alias: str, vendor: str) -> ModelColumns:
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col(alias)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            converters.append((position, tuple(functions), column))
    return ModelColumns(
        model,
        alias,
        ", ".join(f"{alias}.{quote(field.column)}" for field in fields),
        tuple(field.attname for field in fields),
        tuple(converters),
    )


@functools.cache
def _nulls(model: type[Model], vendor: str) -> str:
    fields: list[Any] = list(model._meta.concrete_fields)
    return ", ".join(f"CAST(NULL AS {field.cast_db_type(connection)})" for field in fields)
