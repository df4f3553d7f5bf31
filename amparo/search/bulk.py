"""Search indexes during a bulk load (`amparo synth`): index the new rows once per batch rather
than row by row.

A profile of `synth` on SQLite spent a third of its time in the FTS5 insert triggers, one
trigger call per row. While `bulk_load()` is open the insert triggers are off and each batch
indexes its own new rows with one `INSERT … SELECT` in the batch's transaction (`catch_up`), so
a committed batch is always searchable. On PostgreSQL the GIN indexes are dropped and built once
at the end, which is several times cheaper than maintaining them row by row. Both are restored
on the way out, also after an error; a run killed outright leaves them off until the next
`synth`, which restores them first. Only for loads that dominate the tables: the caller
decides (see `amparo.sampledata.synth`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from amparo.search import name_words, schema


def restore() -> None:
    """Put back whatever a bulk load left off (nothing when all is in place)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for fts in schema.SQLITE_SOURCES:
                cursor.execute(schema.sqlite_insert_trigger(fts, if_missing=True))
            for table in schema.DOCUMENT_SOURCES:
                cursor.execute(schema.sqlite_document_trigger(table, "ai", if_missing=True))
            cursor.execute(name_words.trigger("ai", if_missing=True))
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexname = ANY(%s)",
                [list(PG_ALL_INDEXES)],
            )
            missing = set(PG_ALL_INDEXES) - {row[0] for row in cursor.fetchall()}
            if missing:
                # Inside a caller's transaction its foreign-key checks may still be pending,
                # and PostgreSQL builds no index on a table with pending trigger events.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for name in sorted(missing):
                cursor.execute(schema.postgres_index(name, if_missing=True))


PG_ALL_INDEXES = {**schema.PG_INDEXES, **schema.PG_DOCUMENT_INDEXES}


def _last_rowid(cursor: Any, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}")
    return int(cursor.fetchone()[0])


class _SqliteCatchUp:
    """The new rows of each batch indexed at once: names and titles row by row, the words of the
    new clients' names counted once per batch, and the search document of every case a new note
    or statement belongs to, rebuilt once per batch (a row trigger would rebuild it for each of
    the case's notes)."""

    def __init__(self) -> None:
        self.last: dict[str, int] = {}
        with connection.cursor() as cursor:
            for fts, (table, _) in schema.SQLITE_SOURCES.items():
                self.last[table] = _last_rowid(cursor, table)
                cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_ai")
            for table in schema.DOCUMENT_SOURCES:
                self.last[table] = _last_rowid(cursor, table)
                cursor.execute(f"DROP TRIGGER IF EXISTS search_document_{table}_ai")
            cursor.execute(f"DROP TRIGGER IF EXISTS {name_words.NAME_WORDS}_ai")

    def __call__(self) -> None:
        with connection.cursor() as cursor:
            for sql in name_words.add(f"r.rowid > {self.last['people_person']:d}"):
                cursor.execute(sql)
            for fts, (table, expression) in schema.SQLITE_SOURCES.items():
                cursor.execute(
                    f"INSERT INTO {fts}(rowid, body) SELECT r.rowid, {expression} "
                    f"FROM {table} r WHERE r.rowid > %s",
                    [self.last[table]],
                )
                self.last[table] = _last_rowid(cursor, table)
            touched = " UNION ".join(
                f"SELECT case_id FROM {table} WHERE rowid > {self.last[table]:d}"
                for table in schema.DOCUMENT_SOURCES
            )
            for sql in schema.sqlite_document_refresh(touched):
                cursor.execute(sql)
            for table in schema.DOCUMENT_SOURCES:
                self.last[table] = _last_rowid(cursor, table)


def _nothing() -> None:
    return None


@contextmanager
def bulk_load() -> Iterator[Callable[[], None]]:
    """Yields `catch_up()`: call it in each batch's transaction after the batch's rows."""
    restore()
    if connection.vendor == "sqlite":
        catch_up = _SqliteCatchUp()
        try:
            yield catch_up
        finally:
            with transaction.atomic():
                catch_up()
                restore()
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in PG_ALL_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            yield _nothing
        finally:
            restore()
        return
    yield _nothing


@contextmanager
def indexed_by_id(tables: Sequence[str]) -> Iterator[Callable[[str, Sequence[str]], None]]:
    """For one bulk write inside a transaction (an import): SQLite's search-index insert
    triggers of `tables` are off, and the writer names the ids of the rows it inserted
    (`index(table, ids)`, ids as the database holds them), indexed with one ``INSERT … SELECT``
    per chunk before the triggers come back, all in the caller's transaction, so the rows are
    searchable the moment they commit. Profiled, the triggers were most of a raw insert's time.

    Rows are found by id, not by a range of rowids: SQLite gives a new row the largest rowid
    plus one only until that reaches its maximum, then any free one. PostgreSQL keeps its
    indexes as rows arrive: nothing to do there."""
    if connection.vendor != "sqlite":
        yield _ignore
        return
    sources = {fts: spec for fts, spec in schema.SQLITE_SOURCES.items() if spec[0] in tables}
    documents = [table for table in schema.DOCUMENT_SOURCES if table in tables]
    names = "people_person" in tables
    _insert_triggers_off(sources, documents, names)
    try:
        yield _index_by_id(sources, documents, names)
    finally:
        _insert_triggers_on(sources, documents, names)


_Sources = dict[str, tuple[str, str]]  # FTS table -> (source table, indexed expression)


def _insert_triggers_off(sources: _Sources, documents: list[str], names: bool) -> None:
    with connection.cursor() as cursor:
        for fts in sources:
            cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_ai")
        for table in documents:
            cursor.execute(f"DROP TRIGGER IF EXISTS search_document_{table}_ai")
        if names:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name_words.NAME_WORDS}_ai")


def _insert_triggers_on(sources: _Sources, documents: list[str], names: bool) -> None:
    with connection.cursor() as cursor:
        for fts in sources:
            cursor.execute(schema.sqlite_insert_trigger(fts, if_missing=True))
        for table in documents:
            cursor.execute(schema.sqlite_document_trigger(table, "ai", if_missing=True))
        if names:
            cursor.execute(name_words.trigger("ai", if_missing=True))


def _index_by_id(
    sources: _Sources, documents: list[str], names: bool
) -> Callable[[str, Sequence[str]], None]:
    """`indexed_by_id`'s `index(table, ids)`: the rows of `table` with those ids put in the
    search indexes whose insert triggers are off, a chunk of ids per statement."""

    def index(table: str, ids: Sequence[str]) -> None:
        with connection.cursor() as cursor:
            for fts, (source, expression) in sources.items():
                if source != table:
                    continue
                for chunk, marks in _chunks(ids):
                    cursor.execute(
                        f"INSERT INTO {fts}(rowid, body) SELECT r.rowid, {expression} "
                        f"FROM {table} r WHERE r.id IN ({marks})",
                        chunk,
                    )
            if names and table == "people_person":
                for chunk, marks in _chunks(ids):
                    fill, *count = name_words.add(f"r.id IN ({marks})")
                    cursor.execute(fill, chunk)
                    for sql in count:
                        cursor.execute(sql)
            if table in documents:
                for chunk, marks in _chunks(ids):
                    cases = f"SELECT case_id FROM {table} WHERE id IN ({marks})"
                    for sql in schema.sqlite_document_refresh(cases):
                        cursor.execute(sql, chunk)

    return index


def _chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """`ids` a chunk of ID_CHUNK at a time, each with its parameters' marks."""
    for start in range(0, len(ids), ID_CHUNK):
        chunk = list(ids[start : start + ID_CHUNK])
        yield chunk, ", ".join(["%s"] * len(chunk))


ID_CHUNK = 900  # under SQLite's limit on query parameters


def _ignore(table: str, ids: Sequence[str]) -> None:
    return None
