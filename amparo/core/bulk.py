"""Inserting many rows of a model in few statements, faster than ``bulk_create``.

``bulk_create`` prepares every value of every row for the database one by one (the bulk of an
import's time, profiled). Here a value that repeats down a column (the organisation, the actor,
a facility, a date, an action) is prepared once: the first time it is met, then reused. Each
field's ``pre_save`` still runs (``auto_now`` times), and the database's constraints check every
row as for any insert. No signals are sent and no ids are read back: ids are UUIDs set in
Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models


def bulk_insert(model: type[models.Model], objects: Sequence[models.Model]) -> int:
    """Insert `objects` (all new, ids set) of `model`; returns how many."""
    if not objects:
        return 0
    connection = connections[DEFAULT_DB_ALIAS]  # the real one: the proxy costs per value
    fields = list(model._meta.concrete_fields)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    memo: list[dict[Any, Any]] = [{} for _ in fields]
    rows: list[list[Any]] = []
    for obj in objects:
        row = []
        for i, f in enumerate(fields):
            value = f.pre_save(obj, add=True)
            try:
                prepared = memo[i][value]
            except KeyError:
                prepared = memo[i][value] = f.get_db_prep_save(value, connection)
            except TypeError:  # a list or dict (JSON): not hashable, prepared each time
                prepared = f.get_db_prep_save(value, connection)
            row.append(prepared)
        rows.append(row)
    size = max(1, connection.ops.bulk_batch_size(fields, list(objects)))
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))}",
                [value for row in chunk for value in row],
            )
    return len(rows)


def bulk_set(model: type[models.Model], objects: Sequence[models.Model], names: list[str]) -> int:
    """Write the fields `names` of `objects` (existing rows) back: one prepared UPDATE run for
    every row (``executemany``), where ``bulk_update`` builds one ``CASE WHEN`` per field with a
    branch per row. Returns how many rows were written."""
    if not objects:
        return 0
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if f.name in names or f.attname in names]
    pk = model._meta.pk
    assert pk is not None
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(pk.column)} = %s"
    rows = [
        [
            *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields),
            pk.get_db_prep_value(obj.pk, connection),
        ]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
