"""One search over cases: names and aliases, A-numbers, facilities, notes and statements.

SQLite (embedded) searches FTS5 indexes kept by triggers; PostgreSQL (production) searches
expression indexes (pg_trgm trigrams and full-text over `unaccent`ed text). Both are updated by
the database itself in the writing transaction, so every insert path (services, imports, bulk
generation) stays searchable.
"""
