"""The table of the words of clients' names, for a misspelled name (SQLite alone), as SQL;
applied and removed by the search migration 0003, kept by triggers in the writing transaction
as the indexes of schema.py are.

A misspelled family name is matched against the distinct words of every client's names. FTS5's
own vocabulary (`fts5vocab`) lists them only by walking every entry of the name index, which
grows with the number of clients (22 ms for 233 words at 100,000 clients). This table holds
each word once with the number of clients whose names hold it, written by triggers in the
writing transaction. A word is tokenised exactly as the name index does by passing the names
through a one-row scratch FTS5 table and reading its vocabulary, emptied again at once.
PostgreSQL needs none of this: its trigram index matches a misspelled name directly.
"""

from __future__ import annotations

from amparo.search.schema import EVENTS, SQLITE_SOURCES, TOKENIZER

NAME_WORDS = "search_name_word"
_SCRATCH = "search_name_scratch"
_PERSON_NAMES = SQLITE_SOURCES["search_person"][1]
_NAME_COLUMNS = ("given_name", "family_name", "aliases")


def _scratch_fill(select: str) -> str:
    return f"INSERT INTO {_SCRATCH}(rowid, body) {select}"


def _scratch_count(sign: str) -> list[str]:
    """Add (`+`) or take away (`-`) the scratch table's words, then empty it."""
    words = f"SELECT length(term), term, doc FROM {_SCRATCH}_terms"
    if sign == "+":
        count = (
            f"INSERT INTO {NAME_WORDS}(length, term, people) {words} WHERE true "
            "ON CONFLICT (length, term) DO UPDATE SET people = people + excluded.people"
        )
        gone = []
    else:
        count = (
            f"UPDATE {NAME_WORDS} SET people = people - (SELECT t.doc FROM {_SCRATCH}_terms t "
            f"WHERE t.term = {NAME_WORDS}.term) WHERE (length, term) IN "
            f"(SELECT length(term), term FROM {_SCRATCH}_terms)"
        )
        gone = [
            f"DELETE FROM {NAME_WORDS} WHERE people <= 0 AND (length, term) IN "
            f"(SELECT length(term), term FROM {_SCRATCH}_terms)"
        ]
    return [count, *gone, f"INSERT INTO {_SCRATCH}({_SCRATCH}) VALUES ('delete-all')"]


def add(people: str) -> list[str]:
    """Count the name words of the people whose `people_person` rows the SQL condition `people`
    (over the alias `r`) selects."""
    select = f"SELECT r.rowid, {_PERSON_NAMES} FROM people_person r WHERE {people}"
    return [_scratch_fill(select), *_scratch_count("+")]


def rebuild() -> list[str]:
    return [
        f"INSERT INTO {_SCRATCH}({_SCRATCH}) VALUES ('delete-all')",
        f"DELETE FROM {NAME_WORDS}",
        *add("true"),
    ]


def trigger(event: str, *, if_missing: bool = False) -> str:
    guard = "IF NOT EXISTS " if if_missing else ""
    new = _scratch_fill(f"VALUES (1, {_PERSON_NAMES.replace('r.', 'new.')})")
    old = _scratch_fill(f"VALUES (1, {_PERSON_NAMES.replace('r.', 'old.')})")
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in _NAME_COLUMNS)
    on, body = {
        "ai": ("INSERT ON people_person", [new, *_scratch_count("+")]),
        "ad": ("DELETE ON people_person", [old, *_scratch_count("-")]),
        # Django's save() writes every column: only a change of a name changes the words.
        "au": (
            f"UPDATE OF {', '.join(_NAME_COLUMNS)} ON people_person WHEN {changed}",
            [old, *_scratch_count("-"), new, *_scratch_count("+")],
        ),
    }[event]
    return f"CREATE TRIGGER {guard}{NAME_WORDS}_{event} AFTER {on} BEGIN {'; '.join(body)}; END"


def forward() -> list[str]:
    return [
        # The vocabulary over the whole name index, which this table replaces.
        "DROP TABLE IF EXISTS search_person_terms",
        f"CREATE VIRTUAL TABLE {_SCRATCH} USING fts5(body, content='', "
        f"tokenize='{TOKENIZER}', detail=none)",
        f"CREATE VIRTUAL TABLE {_SCRATCH}_terms USING fts5vocab({_SCRATCH}, 'row')",
        f"CREATE TABLE {NAME_WORDS} (length integer NOT NULL, term text NOT NULL, "
        "people integer NOT NULL, PRIMARY KEY (length, term)) WITHOUT ROWID",
        *rebuild(),
        *(trigger(event) for event in EVENTS),
    ]


def backward() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {NAME_WORDS}_{event}" for event in EVENTS),
        f"DROP TABLE IF EXISTS {NAME_WORDS}",
        f"DROP TABLE IF EXISTS {_SCRATCH}_terms",
        f"DROP TABLE IF EXISTS {_SCRATCH}",
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_person_terms "
        "USING fts5vocab(search_person, 'row')",
    ]
