"""Writing many rows of a model in few statements, much faster than ``bulk_create``.

``bulk_create`` builds a model object per row and prepares every value of it for the database
one by one, in Python: profiled, that was nearly all of an import's time. Here rows are plain
values (`TableWriter`), prepared by a converter chosen once per column (`core.converters`), and
written with one prepared statement run for all of them (``executemany``). The database's
constraints check every row as for any insert, and its triggers (the SQLite search index) run.
No signals are sent and no ids are read back: ids are UUIDs set in Python (`core.ids`), so neither
``RETURNING`` nor SQLite's last rowid is needed. The case import, the ICE facilities import,
the bulk audit events and ``amparo synth`` all write through this one writer.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from operator import add, itemgetter
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from amparo.core.converters import as_is, fast_loader, prepared_ids, prepper


class TableWriter:
    """Rows of one model as plain values, buffered until `flush`, then written with one
    prepared INSERT run for every row (``executemany``): no model object is built.

    `columns` are the field names (or attnames, ``person_id``) a row gives, in the order `add`
    takes them; `add_row` takes a mapping by attname instead, where a column it lacks gets its
    default. Columns not named get their default: the field's default (a callable called once
    for the writer, the time of an import or an empty list), the writer's `now` for
    ``auto_now`` times; only a missing primary key gets a new value per row. Each value is
    prepared for the database as `prepper` says."""

    def __init__(
        self,
        model: type[models.Model],
        columns: Sequence[str],
        *,
        now: datetime.datetime | None = None,
    ) -> None:
        self.model = model
        self.columns = tuple(columns)
        connection = connections[DEFAULT_DB_ALIAS]  # the real one: the proxy costs per value
        meta = model._meta
        given: list[Any] = [meta.get_field(name) for name in self.columns]
        given_names = {f.name for f in given}
        others: list[Any] = [f for f in meta.concrete_fields if f.name not in given_names]
        now = now or timezone.now()
        self._prep: list[Callable[[Any], Any]] = [prepper(f, connection) for f in given]
        self._attnames = tuple(f.attname for f in given)
        self._missing = tuple(_default(f, now, connection) for f in given)
        self._new_pk = meta.pk in others
        others = [f for f in others if not f.primary_key]
        self._defaults = tuple(_default(f, now, connection) for f in others)
        quote = connection.ops.quote_name
        pk_column = [quote(meta.pk.column)] if self._new_pk and meta.pk is not None else []
        names = ", ".join([*pk_column, *(quote(f.column) for f in [*given, *others])])
        # What a row of `pending` holds, in order: for a writer that loads rows another way
        # (`amparo synth` copies them into PostgreSQL with COPY).
        self.table_sql, self.columns_sql = quote(meta.db_table), names
        marks = ", ".join(["%s"] * (len(pk_column) + len(given) + len(others)))
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"
        self._pk_prep = prepper(meta.pk, connection) if self._new_pk else None
        self._new_pk_value = prepared_ids(self._pk_prep) if self._pk_prep else None
        pk_name = meta.pk.name if meta.pk is not None else ""
        self._pk_at = 0 if self._new_pk else [f.name for f in given].index(pk_name)
        self._plans: dict[tuple[str, ...], Any] = {}
        self.pending: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, *values: Any) -> None:
        if len(values) != len(self._prep):
            raise TypeError(f"{self.model.__name__}: {len(values)} values for {self.columns}")
        row = tuple([prep(v) for prep, v in zip(self._prep, values)])  # noqa: B905 (checked)
        self._append(row)

    def prepared(self, column: str) -> Callable[[Any], Any]:
        """How a value of `column` (one of `columns`) is prepared, for `add_prepared`."""
        return self._prep[self.columns.index(column)]

    def add_prepared(self, *values: Any) -> None:
        """A row of values already as the database takes them, in `columns`' order: for a
        caller that prepares a value repeating down a column once (`prepared`) and passes
        text as it is. Per value preparation was a fifth of a facility import's time."""
        if len(values) != len(self._prep):
            raise TypeError(f"{self.model.__name__}: {len(values)} values for {self.columns}")
        self._append(values)

    def add_prepared_rows(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """`add_prepared` for many rows (tuples) at once: one call, not one per row."""
        width = len(self._prep)
        if not {width}.issuperset(map(len, rows)):
            raise TypeError(f"{self.model.__name__}: a row without {width} values {self.columns}")
        defaults = self._defaults
        if self._new_pk_value is None:
            self.pending.extend(map(add, rows, repeat(defaults)))
        else:
            new_pk = self._new_pk_value
            self.pending.extend([(new_pk(), *row, *defaults) for row in rows])

    def add_row(self, values: dict[str, Any]) -> None:
        """A row by attname; keys that are not columns are ignored. Rows with the same keys
        share a plan: which columns they give (picked at once), the converters that are not
        the identity, where the picked values go among the defaults of the others."""
        keys = tuple(values)
        plan = self._plans.get(keys)
        if plan is None:
            plan = self._plan(keys)
        pick, converted, scatter = plan
        row = list(pick(values))
        for at, prep in converted:
            row[at] = prep(row[at])
        if scatter is not None:
            template, places = scatter
            whole = list(template)
            for at, value in zip(places, row, strict=True):
                whole[at] = value
            row = whole
        self._append(tuple(row))

    def _plan(self, keys: tuple[str, ...]) -> Any:
        given = [
            (at, name, prep)
            for at, (name, prep) in enumerate(zip(self._attnames, self._prep, strict=True))
            if name in keys
        ]
        names = [name for _at, name, _prep in given]
        pick = _picker(names)
        converted = [(i, prep) for i, (_at, _name, prep) in enumerate(given) if prep is not as_is]
        places = [at for at, _name, _prep in given]
        whole = places == list(range(len(self._prep)))  # every column given: no defaults here
        plan = (pick, converted, None if whole else (self._missing, places))
        self._plans[keys] = plan
        return plan

    def _append(self, row: tuple[Any, ...]) -> None:
        if self._new_pk_value is not None:
            row = (self._new_pk_value(), *row)
        self.pending.append(row + self._defaults)

    def pending_ids(self) -> list[Any]:
        """The primary keys of the rows not yet written, as the database holds them."""
        at = self._pk_at
        return [row[at] for row in self.pending]

    def flush(self) -> None:
        """Write the pending rows: one ``COPY`` on PostgreSQL (`copy_rows`), else the prepared
        INSERT run for every row."""
        if not self.pending:
            return
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_rows(cursor.cursor, self)
                return
            cursor.executemany(self.sql, self.pending)
        self.written += len(self.pending)
        self.pending = []


def copy_rows(cursor: object, table: TableWriter) -> None:
    """Write a writer's pending rows with one ``COPY`` (psycopg 3's ``cursor.copy``): the
    values are the ones an ``INSERT`` would be given, adapted by the same driver. ``COPY``
    checks the same constraints and fires the same triggers as an ``INSERT``; measured for
    `amparo synth`, a fraction of the client's and the server's time (docs/benchmarks.md)."""
    if not table.pending:
        return
    sql = f"COPY {table.table_sql} ({table.columns_sql}) FROM STDIN"
    _json_once_per_value(cursor)
    with cursor.copy(sql) as copy:  # type: ignore[attr-defined]
        for row in table.pending:
            copy.write_row(row)
    table.written += len(table.pending)
    table.pending = []


def _json_once_per_value(cursor: Any) -> None:
    """On this cursor, a JSON value is dumped once per prepared value: `prepper` hands out one
    prepared value for a list that repeats down a column (an empty list of aliases, the same
    changed fields), and the driver would otherwise dump it again for every row (profiled: a
    tenth of a case import's client time on PostgreSQL). The memo keeps each value it saw, so
    no id is reused while the cursor lives."""
    from psycopg.types.json import Jsonb, JsonbDumper

    class OncePerValue(JsonbDumper):
        def __init__(self, cls: type, context: Any = None) -> None:
            super().__init__(cls, context)
            self.dumped: dict[int, tuple[Any, Any]] = {}

        def dump(self, obj: Any) -> Any:
            seen = self.dumped.get(id(obj))
            if seen is None:
                seen = self.dumped[id(obj)] = (obj, super().dump(obj))
            return seen[1]

    cursor.adapters.register_dumper(Jsonb, OncePerValue)


class Record:
    """A row as plain values by attname, with no model object behind it: an import reads the
    columns it compares and writes back only those (`bulk_set`), or inserts new rows
    (`TableWriter.add_row(record.values())`)."""

    def __init__(self, model: type[models.Model], new: bool, **values: Any) -> None:
        self.__dict__.update(values)
        self._model, self._new = model, new

    @property
    def pk(self) -> Any:
        return self.id

    if TYPE_CHECKING:  # its columns are whatever it was given

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...

    @classmethod
    def read(
        cls, model: type[models.Model], names: Sequence[str], sql: str, params: Sequence[Any]
    ) -> list[Record]:
        """Records of the rows one plain ``SELECT`` of the columns of `names` (in that order)
        returns, each value made what the ORM would make it (`fast_loader`): profiled, the
        ORM's converters (a ``uuid.UUID`` parsed per id on SQLite) were most of reading an
        import's matches."""
        connection = connections[DEFAULT_DB_ALIAS]
        meta = model._meta
        loaders = [fast_loader(meta.get_field(name), connection) for name in names]
        plain = [at for at, load in enumerate(loaders) if load is not as_is]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        records: list[Record] = []
        make, keys = object.__new__, tuple(names)
        for row in rows:
            values = list(row)
            for at in plain:
                values[at] = loaders[at](values[at])
            record = make(cls)
            record.__dict__.update(zip(keys, values, strict=True))
            record.__dict__["_model"], record.__dict__["_new"] = model, False
            records.append(record)
        return records

    @classmethod
    def load(cls, rows: Any, names: Sequence[str]) -> list[Record]:
        """Records of the existing rows of a queryset, reading only `names`."""
        model = rows.model
        return [
            cls(model, False, **dict(zip(names, row, strict=True)))
            for row in rows.values_list(*names)
        ]


def _picker(names: Sequence[str]) -> Callable[[dict[str, Any]], Sequence[Any]]:
    """The values of `names` of a mapping, in that order, picked in one call."""
    if not names:
        return lambda values: ()
    if len(names) == 1:
        name = names[0]
        return lambda values: (values[name],)
    return itemgetter(*names)


def _default(field: Any, now: datetime.datetime, connection: Any) -> Any:
    if field.primary_key:  # never one value for every row: a row lacking it fails to insert
        return None
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value: Any = now
    else:
        value = field.get_default()
    return field.get_db_prep_save(value, connection)


def bulk_insert(model: type[models.Model], objects: Sequence[models.Model]) -> int:
    """Insert `objects` (all new, ids set) of `model`; returns how many. For rows already
    held as model objects; a bulk write of new rows builds no objects (`TableWriter`)."""
    if not objects:
        return 0
    fields = list(model._meta.concrete_fields)
    writer = TableWriter(model, [f.name for f in fields])
    for obj in objects:
        writer.add(*[f.pre_save(obj, add=True) for f in fields])
    writer.flush()
    return writer.written


def bulk_set(model: type[models.Model], objects: Sequence[Any], names: list[str]) -> int:
    """Write the fields `names` of `objects` (existing rows, as models or `Record`s) back: one
    prepared UPDATE run for every row (``executemany``), where ``bulk_update`` builds one
    ``CASE WHEN`` per field with a branch per row. Returns how many rows were written."""
    if not objects:
        return 0
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if f.name in names or f.attname in names]
    pk = model._meta.pk
    assert pk is not None
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(pk.column)} = %s"
    preps = [(f.attname, prepper(f, connection)) for f in fields]
    pk_prep = prepper(pk, connection)
    rows = [
        [*(prep(getattr(obj, name)) for name, prep in preps), pk_prep(obj.pk)] for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bulk import runs. An import allocates hundreds of
    thousands of small tuples and dicts that live until it ends; each full collection walks
    them all again for nothing (profiled: a sixth of a case import's CPU time). Reference
    counting still frees everything; any cycles are collected once it ends. The switch is the
    process's: imports run in the worker or on the command line, not among a server's
    threads."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
