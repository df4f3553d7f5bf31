"""One search document per case over its notes and statements (see amparo/search/schema.py),
in place of the per-note and per-statement indexes."""

from django.db import migrations

from amparo.search import schema

# The per-note and per-statement indexes as 0001 built them, put back when this is unapplied.
_LEGACY_SQLITE = {
    "search_note": ("cases_note", "r.body"),
    "search_statement": ("advocacy_statement", "r.author_name || ' ' || r.text"),
}
_LEGACY_PG = [
    "CREATE INDEX IF NOT EXISTS note_search_body_fts ON cases_note USING gin "
    "(to_tsvector('simple', amparo_unaccent(body)))",
    "CREATE INDEX IF NOT EXISTS statement_search_text_fts ON advocacy_statement USING gin "
    "(to_tsvector('simple', amparo_unaccent(author_name || ' ' || text)))",
]


def _legacy_sqlite() -> list[str]:
    statements = []
    for fts, (table, expression) in _LEGACY_SQLITE.items():
        new, old = expression.replace("r.", "new."), expression.replace("r.", "old.")
        statements += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5(body, content='', "
            f"tokenize='{schema.TOKENIZER}')",
            f"INSERT INTO {fts}(rowid, body) SELECT r.rowid, {expression} FROM {table} r",
            f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.rowid, {new}); END",
            f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.rowid, {old}); END",
            f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, body) VALUES ('delete', old.rowid, {old}); "
            f"INSERT INTO {fts}(rowid, body) VALUES (new.rowid, {new}); END",
        ]
    return statements


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_indexes")]

    operations = [
        migrations.RunPython(
            schema.per_vendor(
                {
                    "sqlite": schema.sqlite_document_forward(),
                    "postgresql": schema.postgres_document_forward(),
                }
            ),
            schema.per_vendor(
                {
                    "sqlite": [*schema.sqlite_document_backward(), *_legacy_sqlite()],
                    "postgresql": [*schema.postgres_document_backward(), *_LEGACY_PG],
                }
            ),
        ),
    ]
