"""How a column's values go to the database and come back by plain SQL, without the ORM's
per-value work: a converter chosen once per column (`prepper`, `fast_prepper`, the JSON
preppers), new ids already as a UUID column takes them (`prepared_ids`), and the way back
(`fast_loader`). Apart from the writers (`core.bulk`) because the importers prepare values with
them too: a value that repeats down a column prepared once, a whole column of aliases at once.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

from amparo.core.ids import new_hex_id, new_id


def as_is(value: Any) -> Any:
    """The value as it is: the converter of a column that needs none."""
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
        return as_is
    if kind == "UUIDField":
        return _uuid_hex if sqlite else as_is
    if kind == "DateTimeField" and connection.settings_dict.get("TIME_ZONE") is None:
        return _utc_text if sqlite else as_is
    if kind == "DateField":
        return _text if sqlite else as_is

    return None


def prepared_ids(prep: Callable[[Any], Any]) -> Callable[[], Any]:
    """A maker of new ids already as `prep` (a UUID column's converter) gives them."""
    if prep is _uuid_hex:
        return new_hex_id
    return lambda: prep(new_id())


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
        return as_is
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
        return as_is

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
