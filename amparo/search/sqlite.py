"""The search on SQLite: FTS5 arms over clients' names, case titles and case documents, and
the reads of the newest matching documents for a page of the list newest first.

A misspelled name is looked for among the words of clients' names of a plausible length, read
from their own table (name_words.NAME_WORDS). The case documents are keyed newest opening day first
(schema.sqlite_document_key), so a page reads only the newest matching documents from its day
on (`newest_reads`, `newest_documents`) and takes the cases opened after the day the read
stopped in (`cases_of`). Apart from PostgreSQL's search (`search.postgres`): the two share no
SQL but the arms of `search.arms`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet
from rapidfuzz import fuzz, process

from amparo.search import name_words, schema
from amparo.search.arms import (
    FUZZY_MIN_LENGTH,
    Arm,
    condition,
    document_arms,
    each_case,
    privileged_readers,
)

if TYPE_CHECKING:
    from amparo.cases.models import Case
    from amparo.core.access import Actor

FUZZY_SCORE = 80  # rapidfuzz ratio: one wrong letter in an 8–9 letter name still matches


def _person_terms(words: list[str]) -> list[str]:
    """The distinct words of clients' names that could be close to a long word of `words`: a
    rapidfuzz ratio of FUZZY_SCORE (80) or more needs lengths within 2:3 of each other, so only
    those lengths are read from the table of name words (see name_words.NAME_WORDS)."""
    lengths = [len(w) for w in words if len(w) >= FUZZY_MIN_LENGTH]
    if not lengths:
        return []
    shortest, longest = -(-2 * min(lengths) // 3), 3 * max(lengths) // 2
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {name_words.NAME_WORDS} WHERE length BETWEEN %s AND %s",
            [shortest, longest],
        )
        return [row[0] for row in cursor.fetchall()]


def _fts_match(words: list[str], terms: list[str] | None = None) -> str:
    parts = []
    for word in words:
        alternatives = [f'"{word}"*']
        if terms is not None and len(word) >= FUZZY_MIN_LENGTH:
            close = process.extract(word, terms, scorer=fuzz.ratio, limit=5)
            alternatives += [f'"{t}"' for t, score, _ in close if score >= FUZZY_SCORE]
        parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
    return " AND ".join(parts)


def arms(user: Actor, words: list[str], *, fuzzy: bool) -> list[Arm]:
    return [*people_and_titles(words, fuzzy=fuzzy), *_documents(user, words)]


def people_and_titles(words: list[str], *, fuzzy: bool) -> list[Arm]:
    exact = _fts_match(words)
    names = _fts_match(words, _person_terms(words)) if fuzzy else exact
    people = (
        "SELECT people_person.id FROM people_person WHERE "
        "people_person.rowid IN (SELECT rowid FROM search_person WHERE search_person MATCH %s)"
    )
    titles = "(SELECT rowid FROM search_case WHERE search_case MATCH %s)"
    return [
        Arm(
            f"SELECT c.rowid FROM cases_case c WHERE c.person_id IN ({people})",
            f'"cases_case"."person_id" IN ({people})',
            [names],
        ),
        Arm(
            "SELECT rowid FROM search_case WHERE search_case MATCH %s",
            f'+"cases_case".rowid IN {titles}',
            [exact],
        ),
    ]


def _documents(user: Actor, words: list[str]) -> list[Arm]:
    exact = _fts_match(words)
    # The document's rows are read from the FTS table (it streams, stopping at CANDIDATES);
    # the walk looks each case's rowid up in the set of matching documents. A document's
    # rowid holds its case's rowid in its low bits (schema.sqlite_document_key).
    rows = (
        f"SELECT {schema.CASE_OF_KEY} FROM search_case_document WHERE search_case_document MATCH %s"
    )

    def document(match: str) -> tuple[str, str, list[Any]]:
        return rows, f'+"cases_case".rowid IN ({rows})', [match]

    return document_arms(user, "rowid", document("{public} : (" + exact + ")"), document(exact))


def cases_of(
    cases: QuerySet[Case],
    others: list[Arm],
    found: set[Any] | None,
    reads: list[list[int]],
    cut: int | None,
) -> QuerySet[Case]:
    """The cases among `cases` that `others` (read as `found`, or walked when that is None)
    match, or whose documents `reads` are, those of the days before `cut` only."""
    mask = (1 << schema.CASE_BITS) - 1
    kept = {k & mask for keys in reads for k in keys if cut is None or k >> schema.CASE_BITS < cut}
    if cut is None and found is not None:
        # Every match is known, and few: the cases are loaded by their rowids.
        keys = found | kept
        if not keys:
            return cases.none()
        marks = ", ".join(["%s"] * len(keys))
        return cases.filter(condition(f'"cases_case"."rowid" IN ({marks})', list(keys)))
    keys = kept | (found or set())
    conditions, params = [], []
    if found is None:
        sql, more = each_case(others)
        conditions.append(sql)
        params += more
    if keys:
        # Asked of each case the list walks (`+` keeps SQLite from starting at the rowids).
        conditions.append(f'+"cases_case".rowid IN ({", ".join(["%s"] * len(keys))})')
        params += list(keys)
    if not conditions:
        return cases.none()
    return cases.filter(condition("(" + " OR ".join(conditions) + ")", params))


# Documents read per row of the page: enough for a page whose every case the user may see and
# a quarter of which are of the status asked for, after the day the read stopped in is dropped.
NEWEST = 4
JULIAN_ORDINAL = 1721424  # julianday() of a date, truncated, less its date.toordinal()


def first_key(day: datetime.date) -> int:
    """The smallest document rowid of a case opened on `day` (the newest first)."""
    return (schema.LAST_DAY - day.toordinal() - JULIAN_ORDINAL) << schema.CASE_BITS


def newest_reads(user: Actor, words: list[str]) -> list[tuple[str, list[Any]]]:
    """The document arms of `_documents` as reads of document rowids, newest first from
    a rowid given as the last parameter. A role that reads privileged notes in only some of its
    organisations searches all the words only of those organisations' cases."""
    exact = _fts_match(words)
    read = "SELECT d.rowid FROM search_case_document d WHERE d.search_case_document MATCH %s"
    readers = privileged_readers(user)
    if readers is None:
        return [(read, [exact])]
    reads = [(read, ["{public} : (" + exact + ")"])]
    if readers:
        marks = ", ".join(["%s"] * len(readers))
        reads.append(
            (
                f"{read} AND EXISTS (SELECT 1 FROM cases_case r WHERE "
                f"r.rowid = d.{schema.CASE_OF_KEY} AND r.organisation_id IN ({marks}))",
                [exact, *readers],
            )
        )
    return reads


def newest_documents(sql: str, params: list[Any], start: int, limit: int) -> list[int]:
    """Up to `limit` + 1 document rowids of `sql`, from `start` on, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{sql} AND d.rowid >= %s ORDER BY d.rowid LIMIT {limit + 1:d}", [*params, start]
        )
        return [row[0] for row in cursor.fetchall()]


def any_document(documents: list[tuple[str, list[Any]]]) -> bool:
    """Whether any case document matches, whatever its opening day."""
    return any(newest_documents(sql, params, 0, 0) for sql, params in documents)
