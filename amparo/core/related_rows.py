"""A model's row with the rows of some of its foreign keys, read by one plain SQL statement into
the objects ``select_related`` builds (`core.rawsql.model_columns`).

`core.access.case_for` reads a case, its client, organisation and lead attorney this way, under
the scope it compiled: a profile of the case page found most of a small query's time in Django
compiling the ``select_related`` of three tables for one row. Apart from the gate because it
decides nothing: it reads the row it is given by its primary key, under the conditions its
caller adds.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model

from amparo.core.rawsql import ModelColumns, model_columns


@functools.cache
def select_with(
    model: type[Model], related: tuple[str, ...], vendor: str
) -> tuple[str, tuple[ModelColumns, ...]]:
    """The statement reading a row of `model` by its primary key with the rows of its foreign
    keys `related`, up to the end of its WHERE (the caller adds its conditions with AND), and
    the columns of each model it reads, `model`'s first."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model_columns(model, table)]
    joins = []
    for n, name in enumerate(related):
        field: Any = model._meta.get_field(name)
        alias, joined = f"w{n}", field.related_model
        columns.append(model_columns(joined, alias))
        join = "LEFT JOIN" if field.null else "INNER JOIN"
        joins.append(
            f"{join} {quote(joined._meta.db_table)} {alias} "
            f"ON {alias}.{quote(joined._meta.pk.column)} = {table}.{quote(field.column)}"
        )
    pk: Any = model._meta.pk
    head = (
        f"SELECT {', '.join(c.sql for c in columns)} FROM {table} {' '.join(joins)} "
        f"WHERE {table}.{quote(pk.column)} = %s"
    )
    return head, tuple(columns)


def built_with(
    model: type[Model], related: tuple[str, ...], columns: Sequence[ModelColumns], row: Any
) -> Any:
    """The instance of `model` in `row` (as `select_with`'s statement read it), with the
    instances of `related` cached on it as ``select_related`` caches them."""
    found = columns[0].build(row[: columns[0].width])
    at = columns[0].width
    for name, joined in zip(related, columns[1:], strict=True):
        field: Any = model._meta.get_field(name)
        field.set_cached_value(found, joined.build(row[at : at + joined.width]))
        at += joined.width
    return found
