"""The search indexes, as SQL per database; applied and removed by the search migration.

SQLite: one contentless FTS5 table per searched table, keyed by the row's rowid, tokenised with
`unicode61 remove_diacritics 2` (case- and accent-insensitive), filled and kept by triggers,
and a table of the distinct words of clients' names for a misspelled name (name_words.py).
PostgreSQL: an IMMUTABLE wrapper over `unaccent` so expressions over it can be indexed, trigram
(GIN) indexes over names and titles, full-text (GIN) indexes over notes and statements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TOKENIZER = "unicode61 remove_diacritics 2"


def per_vendor(statements: dict[str, list[str]]) -> Callable[[Any, Any], None]:
    """A migration's RunPython function: the statements of the migrated database's vendor."""

    def run(apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


# FTS table -> (source table, indexed SQL expression over a row alias `r`)
SQLITE_SOURCES = {
    "search_person": (
        "people_person",
        "r.given_name || ' ' || r.family_name || ' ' || COALESCE(r.aliases, '')",
    ),
    "search_case": ("cases_case", "r.title || ' ' || r.campaign"),
}
# Per-note and per-statement indexes of the first search; replaced by the case document.
LEGACY_SQLITE = ("search_note", "search_statement")


def sqlite_insert_trigger(fts: str, *, if_missing: bool = False) -> str:
    table, expression = SQLITE_SOURCES[fts]
    new = expression.replace("r.", "new.")
    guard = "IF NOT EXISTS " if if_missing else ""
    return (
        f"CREATE TRIGGER {guard}{fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, body) VALUES (new.rowid, {new}); END"
    )


def sqlite_forward() -> list[str]:
    statements = []
    for fts, (table, expression) in SQLITE_SOURCES.items():
        new, old = expression.replace("r.", "new."), expression.replace("r.", "old.")
        statements += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5(body, content='', tokenize='{TOKENIZER}')",
            f"INSERT INTO {fts}(rowid, body) SELECT r.rowid, {expression} FROM {table} r",
            sqlite_insert_trigger(fts),
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.rowid, {old}); END",
            f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.rowid, {old}); "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.rowid, {new}); END",
        ]
    statements.append(
        "CREATE VIRTUAL TABLE search_person_terms USING fts5vocab(search_person, 'row')"
    )
    return statements


def sqlite_backward() -> list[str]:
    statements = ["DROP TABLE IF EXISTS search_person_terms"]
    for fts in (*SQLITE_SOURCES, *LEGACY_SQLITE):
        statements += [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")]
        statements.append(f"DROP TABLE IF EXISTS {fts}")
    return statements


PG_INDEXES = {
    "person_search_name_trgm": "ON people_person USING gin ({PG_NAME} gin_trgm_ops)",
    "case_search_title_trgm": "ON cases_case USING gin ({PG_TITLE} gin_trgm_ops)",
}
PG_DOCUMENT_INDEXES = {
    "case_document_public_fts": "ON search_case_document USING gin (public)",
    "case_document_whole_fts": "ON search_case_document USING gin (whole)",
}

PG_NAME = (
    "lower(amparo_unaccent(given_name || ' ' || family_name || ' ' || coalesce(aliases::text, '')))"
)
PG_TITLE = "lower(amparo_unaccent(title || ' ' || campaign))"


def postgres_forward() -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        # unaccent() is STABLE (it reads a dictionary); naming the dictionary makes it safe to
        # declare IMMUTABLE, which indexes over it need.
        "CREATE OR REPLACE FUNCTION amparo_unaccent(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
        *(postgres_index(name) for name in PG_INDEXES),
    ]


def postgres_index(name: str, *, if_missing: bool = False) -> str:
    on = {**PG_INDEXES, **PG_DOCUMENT_INDEXES}[name].format(PG_NAME=PG_NAME, PG_TITLE=PG_TITLE)
    return f"CREATE INDEX {'IF NOT EXISTS ' if if_missing else ''}{name} {on}"


def postgres_backward() -> list[str]:
    return [
        "DROP INDEX IF EXISTS person_search_name_trgm",
        "DROP INDEX IF EXISTS case_search_title_trgm",
        "DROP INDEX IF EXISTS note_search_body_fts",
        "DROP INDEX IF EXISTS statement_search_text_fts",
        "DROP FUNCTION IF EXISTS amparo_unaccent(text)",
    ]


# --- The case document: the words of a case's notes and statements, one row per case ----------
#
# A common word (in thousands of notes) is then one indexed read of case rows, checked for each
# case in list order, instead of every matching note. Privileged notes are kept apart so that a
# role that may not read them never finds a case by their words: SQLite keeps them in their own
# column (`public`, `privileged`; a column filter searches `public` alone), PostgreSQL keeps the
# public words and all the words (`public`, `whole`). Kept by triggers in the writing
# transaction, rebuilt for the whole case on each change (a case has tens of notes, not
# millions); bulk loads rebuild the cases they touched once per batch (amparo.search.bulk).

# Source table -> the columns whose change rewrites the case's document.
DOCUMENT_COLUMNS = {
    "cases_note": "body, privileged, case_id",
    "advocacy_statement": "author_name, text, case_id",
}
DOCUMENT_SOURCES = tuple(DOCUMENT_COLUMNS)
EVENTS = ("ai", "ad", "au")


def _sqlite_text(case: str, privileged: bool) -> str:
    notes = (
        f"SELECT group_concat(n.body, ' ') FROM cases_note n "
        f"WHERE n.case_id = {case} AND {'' if privileged else 'NOT '}n.privileged"
    )
    if privileged:
        return f"coalesce(({notes}), '')"
    said = (
        f"SELECT group_concat(s.author_name || ' ' || s.text, ' ') FROM advocacy_statement s "
        f"WHERE s.case_id = {case}"
    )
    return f"coalesce(({notes}), '') || ' ' || coalesce(({said}), '')"


# The document's rowid puts the documents in the case list's order, newest opening day first:
# the days before 9999-12-31 in the high bits, the case's rowid in the low 32. FTS5 gives its
# matches in rowid order, so the newest matches of a common word are read first and the read
# stops at a page's worth (amparo.search.query) instead of reading every match. Re-keyed by a
# trigger when a case's opening day changes.
LAST_DAY = 5373484  # julianday('9999-12-31') rounded up: every day's count is at least 1
CASE_BITS = 32
CASE_OF_KEY = f"rowid & {(1 << CASE_BITS) - 1}"  # the case's rowid in a document's rowid


def sqlite_document_key(case: str) -> str:
    """The rowid of the document of the `cases_case` row `case` (an alias, `new` or `old`)."""
    return (
        f"(({LAST_DAY} - CAST(julianday({case}.opened_on) AS INTEGER)) << {CASE_BITS}) "
        f"+ {case}.rowid"
    )


def sqlite_rowid_key(case: str) -> str:
    """The document keyed by the case's rowid alone, as migration 0002 built it."""
    return f"{case}.rowid"


def sqlite_document_refresh(
    cases: str, key: Callable[[str], str] = sqlite_document_key
) -> list[str]:
    """Rebuild the documents of the cases whose ids `cases` (SQL) selects."""
    return [
        "DELETE FROM search_case_document WHERE rowid IN "
        f"(SELECT {key('c')} FROM cases_case c WHERE c.id IN ({cases}))",
        "INSERT INTO search_case_document(rowid, public, privileged) "
        f"SELECT {key('c')}, {_sqlite_text('c.id', False)}, {_sqlite_text('c.id', True)} "
        f"FROM cases_case c WHERE c.id IN ({cases})",
    ]


def sqlite_document_trigger(
    table: str,
    event: str,
    *,
    if_missing: bool = False,
    key: Callable[[str], str] = sqlite_document_key,
) -> str:
    guard = "IF NOT EXISTS " if if_missing else ""
    on = {"ai": "INSERT", "ad": "DELETE", "au": f"UPDATE OF {DOCUMENT_COLUMNS[table]}"}[event]
    cases = {"ai": "new.case_id", "ad": "old.case_id", "au": "new.case_id, old.case_id"}[event]
    body = "; ".join(sqlite_document_refresh(cases, key))
    return (
        f"CREATE TRIGGER {guard}search_document_{table}_{event} AFTER {on} ON {table} "
        f"BEGIN {body}; END"
    )


def sqlite_document_forward(key: Callable[[str], str] = sqlite_document_key) -> list[str]:
    statements = []
    for fts in LEGACY_SQLITE:
        statements += [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")]
        statements.append(f"DROP TABLE IF EXISTS {fts}")
    statements += [
        "CREATE VIRTUAL TABLE search_case_document USING fts5(public, privileged, "
        f"tokenize='{TOKENIZER}', detail=column)",
        *sqlite_document_refresh(
            "SELECT case_id FROM cases_note UNION SELECT case_id FROM advocacy_statement", key
        ),
        *(sqlite_document_trigger(t, e, key=key) for t in DOCUMENT_SOURCES for e in EVENTS),
        "CREATE TRIGGER search_document_cases_case_ad AFTER DELETE ON cases_case BEGIN "
        f"DELETE FROM search_case_document WHERE rowid = {key('old')}; END",
    ]
    if key is sqlite_document_key:
        # Django's save() writes every column: only a new opening day moves the document.
        statements.append(
            "CREATE TRIGGER search_document_cases_case_au AFTER UPDATE OF opened_on ON "
            "cases_case WHEN old.opened_on IS NOT new.opened_on BEGIN "
            f"UPDATE search_case_document SET rowid = {key('new')} "
            f"WHERE rowid = {key('old')}; END"
        )
    return statements


def sqlite_document_backward() -> list[str]:
    statements = [
        "DROP TRIGGER IF EXISTS search_document_cases_case_ad",
        "DROP TRIGGER IF EXISTS search_document_cases_case_au",
    ]
    for table in DOCUMENT_SOURCES:
        statements += [f"DROP TRIGGER IF EXISTS search_document_{table}_{e}" for e in EVENTS]
    return [*statements, "DROP TABLE IF EXISTS search_case_document"]


def _pg_words(text: str) -> str:
    # strip(): no positions (there is no phrase search), so a long case stays far under the
    # 1 MB limit of a tsvector.
    return f"strip(to_tsvector('simple', amparo_unaccent({text})))"


PG_DOCUMENT_REFRESH = f"""
CREATE OR REPLACE FUNCTION amparo_search_refresh(cases uuid[]) RETURNS void
LANGUAGE sql AS $$
  WITH texts AS (
    SELECT c.id,
      coalesce((SELECT string_agg(n.body, ' ') FROM cases_note n
                WHERE n.case_id = c.id AND NOT n.privileged), '')
      || ' ' || coalesce((SELECT string_agg(s.author_name || ' ' || s.text, ' ')
                FROM advocacy_statement s WHERE s.case_id = c.id), '') AS public,
      coalesce((SELECT string_agg(n.body, ' ') FROM cases_note n
                WHERE n.case_id = c.id AND n.privileged), '') AS privileged
    FROM cases_case c WHERE c.id = ANY(cases)
  )
  INSERT INTO search_case_document(case_id, public, whole)
  SELECT id, {_pg_words("public")}, {_pg_words("public || ' ' || privileged")} FROM texts
  ON CONFLICT (case_id) DO UPDATE SET public = EXCLUDED.public, whole = EXCLUDED.whole
$$
"""

PG_DOCUMENT_TRIGGER = """
CREATE OR REPLACE FUNCTION amparo_search_document_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM amparo_search_refresh(ARRAY(SELECT DISTINCT case_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM amparo_search_refresh(ARRAY(SELECT DISTINCT case_id FROM old_rows));
  ELSE
    PERFORM amparo_search_refresh(
      ARRAY(SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$
"""


def postgres_document_forward() -> list[str]:
    statements = [
        "DROP INDEX IF EXISTS note_search_body_fts",
        "DROP INDEX IF EXISTS statement_search_text_fts",
        # No foreign key: a flush truncates cases_case without knowing this table.
        "CREATE TABLE search_case_document (case_id uuid PRIMARY KEY, "
        "public tsvector NOT NULL, whole tsvector NOT NULL)",
        PG_DOCUMENT_REFRESH,
        PG_DOCUMENT_TRIGGER,
        "SELECT amparo_search_refresh(ARRAY(SELECT case_id FROM cases_note "
        "UNION SELECT case_id FROM advocacy_statement))",
        *(postgres_index(name) for name in PG_DOCUMENT_INDEXES),
        "CREATE OR REPLACE FUNCTION amparo_search_case_deleted() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_case_document d "
        "USING old_rows o WHERE d.case_id = o.id; RETURN NULL; END $$",
        "CREATE TRIGGER search_document_case_deleted AFTER DELETE ON cases_case "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION amparo_search_case_deleted()",
    ]
    for table in DOCUMENT_SOURCES:
        for event, refs in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ):
            statements.append(
                f"CREATE TRIGGER search_document_{event.lower()} AFTER {event} ON {table} "
                f"REFERENCING {refs} FOR EACH STATEMENT "
                "EXECUTE FUNCTION amparo_search_document_changed()"
            )
    return statements


def postgres_document_backward() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS search_document_case_deleted ON cases_case"]
    for table in DOCUMENT_SOURCES:
        statements += [
            f"DROP TRIGGER IF EXISTS search_document_{e} ON {table}"
            for e in ("insert", "delete", "update")
        ]
    return [
        *statements,
        "DROP TABLE IF EXISTS search_case_document",
        "DROP FUNCTION IF EXISTS amparo_search_document_changed()",
        "DROP FUNCTION IF EXISTS amparo_search_case_deleted()",
        "DROP FUNCTION IF EXISTS amparo_search_refresh(uuid[])",
    ]
