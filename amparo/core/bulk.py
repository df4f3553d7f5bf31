"""Inserting many rows of a model in few statements, faster than ``bulk_create``.

``bulk_create`` prepares every value of every row for the database one by one (the bulk of an
import's time, profiled). Here a value that repeats down a column (the organisation, the actor,
a facility, a date, an action) is prepared once: the first time it is met, then reused. Each
field's ``pre_save`` still runs (``auto_now`` times), and the database's constraints check every
row as for any insert. No signals are sent and no ids are read back: ids are UUIDs set in
Python.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
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
    preps = [fast_prepper(f, connection) for f in fields]
    memo: list[dict[Any, Any]] = [{} for _ in fields]
    rows: list[list[Any]] = []
    for obj in objects:
        row = []
        for i, f in enumerate(fields):
            value = f.pre_save(obj, add=True)
            fast = preps[i]
            if fast is not None:
                row.append(fast(value))
                continue
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
    """How a value of `field` goes to the database (see `fast_prepper`)."""
    fast = fast_prepper(field, connection)
    if fast is not None:
        return fast

    def prep(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    return prep


def fast_prepper(field: Any, connection: Any) -> Callable[[Any], Any] | None:
    """For the common column types, the value `get_db_prep_save` would give, without its
    per-value work (a profile of `synth` found half of its time there, and of an import's);
    None for any other type, which the field prepares itself. `amparo.sampledata.tests` checks
    both agree."""
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

    return None
