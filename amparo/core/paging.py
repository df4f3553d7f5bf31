"""Keyset (cursor) paging: a page is the rows after the last one seen, in a fixed order.

Unlike OFFSET, the database reads only the rows of the page whatever page it is, and a row added
meanwhile never shifts the next page. The cursor is opaque to clients: base64 of the last row's
ordering values. Every ordering ends with a unique column so the order is total.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from amparo.core.rawsql import statements_prepared

M = TypeVar("M", bound=Model)
T = TypeVar("T")  # a page holds model instances, or dicts of values
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([str(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, count: int) -> list[str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != count:
        raise ValidationError({"cursor": _("This cursor is not one Amparo gave; start again.")})
    return [str(v) for v in values]


def page_size(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE_SIZE
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValidationError(
            {"limit": _("Give a page size from 1 to %(max)s.") % {"max": MAX_PAGE_SIZE}}
        )
    return limit


def _after(queryset: QuerySet[M], keys: tuple[str, ...], values: list[str]) -> Q:
    """Rows strictly after `values` in the order `keys` (each "-name" or "name")."""
    meta = queryset.model._meta
    parsed = []
    for key, value in zip(keys, values, strict=True):
        field = meta.get_field(key.lstrip("-"))
        try:
            parsed.append(field.to_python(value))  # type: ignore[union-attr]
        except ValidationError:
            raise ValidationError({"cursor": _("This cursor is not one Amparo gave.")}) from None
    condition = Q()
    for i in reversed(range(len(keys))):
        name = keys[i].lstrip("-")
        op = "lt" if keys[i].startswith("-") else "gt"
        strict = Q(**{f"{name}__{op}": parsed[i]})
        condition = strict if i == len(keys) - 1 else strict | (Q(**{name: parsed[i]}) & condition)
    # The redundant bound on the first key lets an index on it start at the cursor.
    first = keys[0].lstrip("-")
    bound = "lte" if keys[0].startswith("-") else "gte"
    return Q(**{f"{first}__{bound}": parsed[0]}) & condition


def keyset_page(
    queryset: QuerySet[M], *, keys: tuple[str, ...], cursor: str | None, size: int
) -> Page[M]:
    """One page of `queryset` in the order `keys`, after `cursor`; reads size + 1 rows."""
    with statements_prepared():  # the same statement for every page of a list
        rows = list(_ordered(queryset, keys, cursor)[: size + 1])
    if len(rows) <= size:
        return Page(rows, None)
    last = rows[size - 1]
    values = [getattr(last, meta_attname(queryset, k)) for k in keys]
    return Page(rows[:size], encode_cursor(values))


def keyset_values_page(
    queryset: QuerySet[Any],
    fields: tuple[str, ...],
    *,
    keys: tuple[str, ...],
    cursor: str | None,
    size: int,
) -> Page[Any]:
    """`keyset_page` read as dicts of `fields` (which include the keys' attnames): a list that
    shows a few columns need not build a model instance per row. Same rows, same cursors."""
    with statements_prepared():
        rows = list(_ordered(queryset, keys, cursor).values(*fields)[: size + 1])
    if len(rows) <= size:
        return Page(rows, None)
    last = rows[size - 1]
    return Page(rows[:size], encode_cursor([last[meta_attname(queryset, k)] for k in keys]))


def _ordered(queryset: QuerySet[M], keys: tuple[str, ...], cursor: str | None) -> QuerySet[M]:
    ordered = queryset.order_by(*keys)
    if cursor:
        ordered = ordered.filter(_after(queryset, keys, decode_cursor(cursor, len(keys))))
    return ordered


def meta_attname(queryset: QuerySet[Any], key: str) -> str:
    field = queryset.model._meta.get_field(key.lstrip("-"))
    return str(getattr(field, "attname", field.name))


def first_rows(rows: list[T], shown: int | None, *, more: bool = False) -> tuple[list[T], bool]:
    """The first `shown` rows of a list (every row with None) and whether the page offers
    "Show more": rows are left out here, or (`more`) the read itself stopped short of them.
    The home page's sections (`?more=<section>`) and the deadlines dashboard's lists
    (`?overdue=N`) each read one row past what they show and cut here."""
    kept = rows if shown is None else rows[:shown]
    return kept, more or len(kept) < len(rows)
