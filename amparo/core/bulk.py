"""Writing many rows of a model in few statements, much faster than ``bulk_create``.

``bulk_create`` builds a model object per row and prepares every value of it for the database
one by one, in Python: profiled, that was nearly all of an import's time. Here rows are plain
values (`TableWriter`), prepared by a converter chosen once per column (`fast_prepper`), and
written with one prepared statement run for all of them (``executemany``). The database's
constraints check every row as for any insert, and its triggers (the SQLite search index) run.
No signals are sent and no ids are read back: ids are UUIDs set in Python, so neither
``RETURNING`` nor SQLite's last rowid is needed. The case import, the ICE facilities import,
the bulk audit events and ``amparo synth`` all write through this one writer.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import json
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


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
        if any(len(row) != width for row in rows):
            raise TypeError(f"{self.model.__name__}: a row without {width} values {self.columns}")
        defaults = self._defaults
        if self._new_pk_value is None:
            self.pending.extend([row + defaults for row in rows])
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
        converted = [(i, prep) for i, (_at, _name, prep) in enumerate(given) if prep is not _same]
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


# Random (version 4) UUIDs made from one read of the system's randomness per thousands of ids:
# ``uuid.uuid4()`` reads it once per id, a fifth of an import's time once the rest was fast.
_VERSION_4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_VERSION_4_SET = (0x8000 << 48) | (4 << 76)
_ids: list[uuid.UUID] = []
_ids_of = [0]  # the process that drew them: a forked worker must not reuse its parent's


def _drawn_here() -> None:
    """Forget the ids drawn before a fork: a worker must not hand out its parent's."""
    if _ids_of[0] != os.getpid():
        _ids.clear()
        _hex_ids.clear()
        _ids_of[0] = os.getpid()


def new_id() -> uuid.UUID:
    """A new random UUID, as ``uuid.uuid4()`` makes it (RFC 4122 version 4), only faster."""
    _drawn_here()
    if not _ids:
        data = os.urandom(16 * 4096)
        whole, make, set_ = int.from_bytes, object.__new__, object.__setattr__
        unknown = uuid.SafeUUID.unknown
        for at in range(0, len(data), 16):
            value = make(uuid.UUID)
            set_(value, "int", whole(data[at : at + 16]) & _VERSION_4_CLEAR | _VERSION_4_SET)
            set_(value, "is_safe", unknown)
            _ids.append(value)
    return _ids.pop()


# The version 4 bits of a UUID's bytes: its 7th byte's high half is 4, its 9th's top bits 10.
_VERSION_BYTE = bytes((b & 0x0F) | 0x40 for b in range(256))
_VARIANT_BYTE = bytes((b & 0x3F) | 0x80 for b in range(256))
_hex_ids: list[str] = []


def new_hex_id() -> str:
    """``new_id().hex``: a new random version 4 UUID as SQLite holds it (32 hex digits),
    thousands made at once from one read of the system's randomness, the bits set on every
    16th byte at a time (``bytes.translate``) rather than per id in Python."""
    _drawn_here()
    if not _hex_ids:
        data = bytearray(os.urandom(16 * 4096))
        data[6::16] = data[6::16].translate(_VERSION_BYTE)
        data[8::16] = data[8::16].translate(_VARIANT_BYTE)
        text = data.hex()
        _hex_ids.extend([text[at : at + 32] for at in range(0, len(text), 32)])
    return _hex_ids.pop()


def prepared_ids(prep: Callable[[Any], Any]) -> Callable[[], Any]:
    """A maker of new ids already as `prep` (a UUID column's converter) gives them."""
    if prep is _uuid_hex:
        return new_hex_id
    return lambda: prep(new_id())


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
        plain = [at for at, load in enumerate(loaders) if load is not _same]
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

    # A value that repeats down a column (a list of changed fields, an empty list) is prepared
    # once. Keys carry the type, since 1 == True == 1.0 would otherwise share one.
    memo: dict[Any, Any] = {}

    def prep(value: Any) -> Any:
        if type(value) is list:
            if not all(type(item) is str for item in value):
                return field.get_db_prep_save(value, connection)
            key: Any = (list, *value)
        else:
            key = (type(value), value)
        try:
            return memo[key]
        except KeyError:
            prepared = memo[key] = field.get_db_prep_save(value, connection)
            return prepared
        except TypeError:  # not hashable (a dict): prepared each time
            return field.get_db_prep_save(value, connection)

    return prep


def json_prepper(field: Any, connection: Any, *, text: bool = False) -> Callable[[Any], Any]:
    """How a value of a JSONField that rarely repeats down a column (a facility's aliases) goes
    to the database: as the backend adapts it (`adapt_json_value`), without `prepper`'s memo
    of every value or the field's per-value checks. `get_db_prep_save` for anything but a
    list or a dict (None, an expression). With `text`, a list of strings is given as its JSON
    text on every backend: what a ``COPY`` takes (psycopg ran ``json.dumps`` per value)."""
    adapt, encoder = connection.ops.adapt_json_value, field.encoder
    # Where the backend keeps JSON as ``json.dumps`` text (SQLite), a list of strings is
    # written as ``json.dumps`` writes it, the strings escaped by json's own C function: the
    # encoder set up per value cost more than the rest of a renamed facility's row.
    as_text = _as_json_text(field, connection, text)
    escape = json.encoder.encode_basestring_ascii

    def prep(value: Any) -> Any:
        if type(value) is list and as_text:
            try:
                return "[" + ", ".join(map(escape, value)) + "]"
            except TypeError:  # not every item a string: json.dumps itself
                pass
        if type(value) in (list, dict):
            return adapt(value, encoder)
        return field.get_db_prep_save(value, connection)

    return prep


def json_lists_of_one(
    field: Any, connection: Any, *, text: bool = False
) -> Callable[[Sequence[str]], list[Any]]:
    """`json_prepper`'s value of ``[value]`` for each string of `values`, in one call: as JSON
    text, each escaped by json's own C function and bracketed, with no list made per value (a
    renamed facility's first alias: thousands of them per import)."""
    prep = json_prepper(field, connection, text=text)
    if not _as_json_text(field, connection, text):
        return lambda values: [prep([value]) for value in values]
    escape = json.encoder.encode_basestring_ascii
    return lambda values: ["[" + item + "]" for item in map(escape, values)]


def _as_json_text(field: Any, connection: Any, text: bool) -> bool:
    """Whether a list of strings may go as the text ``json.dumps`` makes of it."""
    return field.encoder is None and (text or _dumps_json(connection))


def _dumps_json(connection: Any) -> bool:
    """Whether the backend adapts a JSON value as the base operations do, ``json.dumps``."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    adapt = type(connection.ops).adapt_json_value
    return bool(adapt is BaseDatabaseOperations.adapt_json_value)


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


def fast_loader(field: Any, connection: Any) -> Callable[[Any], Any]:
    """How a value of `field` read by a plain cursor becomes the value the ORM gives for it
    (the way back of `fast_prepper`): a UUID read on SQLite built from its hex digits without
    ``uuid.UUID``'s checks of arbitrary input, a SQLite time (made a naive datetime by the
    driver from the column's declared type) given the connection's zone, a JSON list decoded
    as ``JSONField.from_db_value`` does but without a decoder set up for the empty ones; any
    other type by the backend's and the field's own converters, as the ORM calls them
    (`amparo.exchange.tests.test_import_reads` checks both agree)."""
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    sqlite = connection.vendor == "sqlite"
    own = getattr(type(target), "from_db_value", None)  # a field converting values itself
    if own is models.JSONField.from_db_value and target.decoder is None:
        return _json
    if own is not None:
        kind = ""  # the generic way, below
    if kind in TEXT or kind in PLAIN:
        return _same
    if kind == "UUIDField" and sqlite:
        return _uuid_from_hex
    if kind == "DateTimeField" and sqlite and connection.timezone is datetime.UTC:
        return _naive_utc
    if kind == "DateField" and sqlite:
        return _date
    column = field.get_col(field.model._meta.db_table)
    converters = [
        *connection.ops.get_db_converters(column),
        *field.get_db_converters(connection),
    ]
    if not converters:
        return _same

    def load(value: Any) -> Any:
        for convert in converters:
            value = convert(value, column, connection)
        return value

    return load


_make, _set_attribute, _unknown = object.__new__, object.__setattr__, uuid.SafeUUID.unknown


def _uuid_from_hex(value: Any) -> Any:
    """``uuid.UUID(value)`` for the 32 hex digits SQLite holds (Django writes them)."""
    if value is None:
        return None
    made = _make(uuid.UUID)
    _set_attribute(made, "int", int(value, 16))
    _set_attribute(made, "is_safe", _unknown)
    return made


def _date(value: Any) -> Any:
    """A date SQLite holds, as the driver made it from the column's declared type."""
    return parse_date(value) if type(value) is str else value


def _json(value: Any) -> Any:
    """``JSONField.from_db_value`` of a column read as JSON text (both backends here); the
    empty list most rows hold made without the decoder, a new list each time."""
    if value is None:
        return None
    if value == "[]":
        return []
    try:
        return json.loads(value)
    except json.JSONDecodeError:  # as the field does: the text as it is
        return value


def _naive_utc(value: Any) -> Any:
    """A time SQLite holds (naive, in UTC) as Django gives it with ``USE_TZ``: aware, UTC."""
    if value is None:
        return None
    if type(value) is str:  # a column not declared as a time: as the backend parses it
        value = parse_datetime(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)


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
