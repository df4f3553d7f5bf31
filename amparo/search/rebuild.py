"""Build every search index again from the tables they index.

On SQLite the full-text tables are keyed by each row's rowid, which SQLite keeps only while no
`VACUUM` rewrites the table (sqlite.org/lang_vacuum.html: VACUUM "may change the ROWIDs of
entries in any tables that do not have an explicit INTEGER PRIMARY KEY"; Amparo's tables are
keyed by UUIDs). After a VACUUM, or on any doubt about the indexes, `amparo search rebuild`
puts them right. The online backup (`amparo backup`) copies pages and keeps the rowids.
PostgreSQL's indexes follow the rows themselves; there only the case documents are rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from amparo.search import bulk, name_words, schema

ALL_CASES_WITH_WORDS = "SELECT case_id FROM cases_note UNION SELECT case_id FROM advocacy_statement"


@dataclass(frozen=True)
class Rebuilt:
    names: int  # people indexed by name and alias
    titles: int  # cases indexed by title and campaign
    documents: int  # cases indexed by the words of their notes and statements


def search_rebuild() -> Rebuilt:
    """Empty and refill every index in one transaction: a search meanwhile sees the old
    indexes, never half of the new ones."""
    with transaction.atomic():
        bulk.restore()  # the triggers or indexes a killed bulk load may have left off
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                counts = {}
                for fts, (table, expression) in schema.SQLITE_SOURCES.items():
                    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')")
                    cursor.execute(
                        f"INSERT INTO {fts}(rowid, body) SELECT r.rowid, {expression} "
                        f"FROM {table} r"
                    )
                    counts[table] = cursor.rowcount
                for sql in name_words.rebuild():
                    cursor.execute(sql)
                cursor.execute("DELETE FROM search_case_document")
                for sql in schema.sqlite_document_refresh(ALL_CASES_WITH_WORDS):
                    cursor.execute(sql)
                documents = cursor.rowcount
                return Rebuilt(counts["people_person"], counts["cases_case"], documents)
            cursor.execute("DELETE FROM search_case_document")
            cursor.execute(f"SELECT amparo_search_refresh(ARRAY({ALL_CASES_WITH_WORDS}))")
            cursor.execute("SELECT count(*) FROM search_case_document")
            documents = int(cursor.fetchone()[0])
            cursor.execute(
                "SELECT (SELECT count(*) FROM people_person), (SELECT count(*) FROM cases_case)"
            )
            names, titles = cursor.fetchone()
            return Rebuilt(int(names), int(titles), documents)
