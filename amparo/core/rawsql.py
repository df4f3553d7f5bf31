"""Values read by plain SQL (`connection.cursor()`), made what the ORM would give: SQLite hands
back the text it stored for dates, moments and UUIDs, PostgreSQL the typed values."""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
