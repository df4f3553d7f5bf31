"""Narrow an already access-gated set of cases to those a search matches.

A case matches when every word of the search is found in one place: the client's names and
aliases (accent- and case-insensitive, any order, a misspelled name forgiven), the case title,
the facility where the client is held now, or the case's notes and statements taken together
(its search document; privileged notes only for those who may read them). An A-number in any
spelling matches only in organisations where the user sees full A-numbers, so a search never
confirms a number the user sees masked.

Plan: one UNION ALL of the matching cases' keys (SQLite's rowid, PostgreSQL's id), read first
up to CANDIDATES rows. A rare match (a name, an A-number) then loads its few cases by that key,
passed as the database gave it; a common one (a word in thousands of notes) is left to the
database to walk the newest cases and stop at the page. That walk asks each case in list order
whether it matches: one look-up of the case in the set of matching documents (one row per case,
read once), where reading every matching note first read 26,000 of them for "inhaler" at
100,000 cases. A misspelled name is looked for only when nothing matched as typed; SQLite then
reads the words of clients' names of a plausible length from their own table
(name_words.NAME_WORDS).

A page of the case list (`newest_cases_matching`) needs only the newest matches. On SQLite the
case documents are keyed newest opening day first, so a page reads a few hundred of the newest
matching documents instead of building the set of every match, and reads further only when the
page comes out short. On PostgreSQL a word the planner expects in more than CANDIDATES documents
is not probed at all (the probe would read thousands of documents only to learn that).

Here the plan and its entry points; the arms both databases share are in `search.arms`,
SQLite's (FTS5, and the newest-first reads) in `search.sqlite`, PostgreSQL's (pg_trgm and
full-text search) in `search.postgres`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet

from amparo.core.access import organisations_searchable_by_a_number
from amparo.search import postgres, schema, sqlite
from amparo.search.arms import FUZZY_MIN_LENGTH, Arm, condition, each_case, facility_arms, union

if TYPE_CHECKING:
    from amparo.cases.models import Case
    from amparo.core.access import Actor

A_NUMBER = re.compile(r"^\s*[Aa]?[\s.#-]*(\d[\s.-]*){8,9}$")
WORD = re.compile(r"\w+")
CANDIDATES = 1000


def fold(text: str) -> str:
    """Lower case without accents: 'Tomás' -> 'tomas'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words_of(query: str) -> list[str]:
    return WORD.findall(fold(query))[:8]


def a_number_of(query: str) -> str | None:
    if not A_NUMBER.match(query):
        return None
    return "".join(c for c in query if c.isdigit()).zfill(9)


def cases_matching(user: Actor, cases: QuerySet[Case], query: str) -> QuerySet[Case]:
    number = a_number_of(query)
    if number is not None:
        searchable = organisations_searchable_by_a_number(user)
        # The client's organisation too (a case's is its client's): the number is then one
        # seek of the unique (organisation, A-number) index, not a scan of every client.
        return cases.filter(
            person__a_number=number,
            person__organisation_id__in=searchable,
            organisation_id__in=searchable,
        )
    words = words_of(query)
    if not words:
        return cases.none()
    # The key the arms select: SQLite's rowid (an integer, which the full-text tables give
    # without a join), PostgreSQL's id.
    key = "id" if connection.vendor == "postgresql" else "rowid"
    if connection.vendor == "postgresql":
        arms = postgres.arms(user, words)
    else:
        arms = sqlite.arms(user, words, fuzzy=False)
    facility = facility_arms(words, key)
    arms += facility
    if connection.vendor == "postgresql" and postgres.many_documents(user, words, CANDIDATES):
        return cases.filter(condition(*each_case(arms)))
    found = _candidates(arms)
    if found == set() and connection.vendor != "postgresql" and _long(words):
        # Nothing matched as typed: forgive a misspelled name (SQLite reads its name vocabulary
        # only now; PostgreSQL's trigram match is always fuzzy).
        arms = [*sqlite.arms(user, words, fuzzy=True), *facility]
        found = _candidates(arms)
    if found is not None:
        if not found:
            return cases.none()
        # The keys as the database gave them: making ~1,000 UUIDs and converting them back
        # cost more than the query.
        marks = ", ".join(["%s"] * len(found))
        return cases.filter(condition(f'"cases_case"."{key}" IN ({marks})', list(found)))
    return cases.filter(condition(*each_case(arms)))


def _long(words: list[str]) -> bool:
    return any(len(w) >= FUZZY_MIN_LENGTH for w in words)


def _candidates(arms: list[Arm]) -> set[Any] | None:
    """The matching case ids, or None when there are more than CANDIDATES matching rows. The
    rows are counted, not the distinct ids: a word in several notes of each case gave fewer
    than CANDIDATES ids from the first CANDIDATES + 1 rows, and the page then listed only the
    cases of the oldest matching notes."""
    sql, params = union(arms)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {CANDIDATES + 1}", params)
        rows = cursor.fetchall()
    return None if len(rows) > CANDIDATES else {row[0] for row in rows}


@dataclass(frozen=True)
class Newest:
    """The matching cases as far as one page of the list, newest first, needs them. When a
    common word's matches were read only down to some opening day, `cases` holds only the
    cases opened after it, and `rest()` reads further (in the end every match): the page of
    `cases` is the page of every match only when it is full (the cases after that day are then
    all in it, in order)."""

    cases: QuerySet[Case]
    rest: Callable[[], Newest] | None = None


def newest_cases_matching(
    user: Actor,
    cases: QuerySet[Case],
    query: str,
    *,
    on_or_before: datetime.date | None,
    size: int,
) -> Newest:
    """`cases_matching` for the page of `size` cases of the list newest first that starts on or
    before the opening day `on_or_before` (a cursor's; None for the first page).

    On SQLite the case documents are keyed newest opening day first (schema.sqlite_document_key),
    so only the newest NEWEST × (size + 1) matching documents from that day on are read (FTS5
    gives them in rowid order and stops), not every match: 23,000 for "inhaler" at 100,000
    cases. The matches opened after the day of the last one read are then all known, and the
    list walks them newest first. PostgreSQL's walk already reads each walked case's document
    by its key."""
    if connection.vendor != "sqlite" or a_number_of(query) is not None:
        return Newest(cases_matching(user, cases, query))
    words = words_of(query)
    if not words:
        return Newest(cases.none())
    facility = facility_arms(words, "rowid")
    others = [*sqlite.people_and_titles(words, fuzzy=False), *facility]
    start = 0 if on_or_before is None else sqlite.first_key(on_or_before)
    documents = sqlite.newest_reads(user, words)
    limit = min(CANDIDATES, sqlite.NEWEST * (size + 1))
    reads = [sqlite.newest_documents(sql, params, start, limit) for sql, params in documents]
    found = _candidates(others)
    if _nothing_matched(found, reads, words, start, documents):
        # Nothing matched as typed: forgive a misspelled name, as `cases_matching` does.
        others = [*sqlite.people_and_titles(words, fuzzy=True), *facility]
        found = _candidates(others)

    def newest(reads: list[list[int]], limit: int) -> Newest:
        """The cases of the documents read (up to `limit` + 1 of each arm) and of `others`;
        when a read stopped short of the end, those opened after the day it stopped in, and
        the rest: the same read eight times as long (up to CANDIDATES), then every match."""
        cut = min(
            (keys[-1] >> schema.CASE_BITS for keys in reads if len(keys) > limit), default=None
        )
        matching = sqlite.cases_of(cases, others, found, reads, cut)
        if cut is None:
            return Newest(matching)

        def rest() -> Newest:
            if limit >= CANDIDATES:
                return Newest(cases_matching(user, cases, query))
            longer = min(limit * 8, CANDIDATES)
            again = [
                sqlite.newest_documents(sql, params, start, longer) for sql, params in documents
            ]
            return newest(again, longer)

        after = datetime.date.fromordinal(schema.LAST_DAY - cut - sqlite.JULIAN_ORDINAL)
        return Newest(matching.filter(opened_on__gt=after), rest)

    return newest(reads, limit)


def _nothing_matched(
    found: set[Any] | None,
    reads: list[list[int]],
    words: list[str],
    start: int,
    documents: list[tuple[str, list[Any]]],
) -> bool:
    """Whether a page's search found nothing as typed and holds a word long enough to be a
    misspelled name: no name, title or facility (`found`), no document from the page's day on
    (`reads`), and, for a later page, no document of any day."""
    return (
        found == set()
        and not any(reads)
        and _long(words)
        and not (start and sqlite.any_document(documents))
    )
