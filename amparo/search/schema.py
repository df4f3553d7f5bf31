"""The search indexes, as SQL per database; applied and removed by the search migration.

SQLite: one contentless FTS5 table per searched table, keyed by the row's rowid, tokenised with
`unicode61 remove_diacritics 2` (case- and accent-insensitive), filled and kept by triggers.
PostgreSQL: an IMMUTABLE wrapper over `unaccent` so expressions over it can be indexed, trigram
(GIN) indexes over names and titles, full-text (GIN) indexes over notes and statements.
"""

from __future__ import annotations

TOKENIZER = "unicode61 remove_diacritics 2"

# FTS table -> (source table, indexed SQL expression over a row alias `r`)
SQLITE_SOURCES = {
    "search_person": (
        "people_person",
        "r.given_name || ' ' || r.family_name || ' ' || COALESCE(r.aliases, '')",
    ),
    "search_case": ("cases_case", "r.title || ' ' || r.campaign"),
    "search_note": ("cases_note", "r.body"),
    "search_statement": ("advocacy_statement", "r.author_name || ' ' || r.text"),
}


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
    for fts in SQLITE_SOURCES:
        statements += [f"DROP TRIGGER IF EXISTS {fts}_{suffix}" for suffix in ("ai", "ad", "au")]
        statements.append(f"DROP TABLE IF EXISTS {fts}")
    return statements


PG_INDEXES = {
    "person_search_name_trgm": "ON people_person USING gin ({PG_NAME} gin_trgm_ops)",
    "case_search_title_trgm": "ON cases_case USING gin ({PG_TITLE} gin_trgm_ops)",
    "note_search_body_fts": "ON cases_note USING gin ({PG_NOTE})",
    "statement_search_text_fts": "ON advocacy_statement USING gin ({PG_STATEMENT})",
}

PG_NAME = (
    "lower(amparo_unaccent(given_name || ' ' || family_name || ' ' || coalesce(aliases::text, '')))"
)
PG_TITLE = "lower(amparo_unaccent(title || ' ' || campaign))"
PG_NOTE = "to_tsvector('simple', amparo_unaccent(body))"
PG_STATEMENT = "to_tsvector('simple', amparo_unaccent(author_name || ' ' || text))"


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
    on = PG_INDEXES[name].format(
        PG_NAME=PG_NAME, PG_TITLE=PG_TITLE, PG_NOTE=PG_NOTE, PG_STATEMENT=PG_STATEMENT
    )
    return f"CREATE INDEX {'IF NOT EXISTS ' if if_missing else ''}{name} {on}"


def postgres_backward() -> list[str]:
    return [
        "DROP INDEX IF EXISTS person_search_name_trgm",
        "DROP INDEX IF EXISTS case_search_title_trgm",
        "DROP INDEX IF EXISTS note_search_body_fts",
        "DROP INDEX IF EXISTS statement_search_text_fts",
        "DROP FUNCTION IF EXISTS amparo_unaccent(text)",
    ]
