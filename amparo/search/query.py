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
(schema.NAME_WORDS).

A page of the case list (`newest_cases_matching`) needs only the newest matches. On SQLite the
case documents are keyed newest opening day first, so a page reads a few hundred of the newest
matching documents instead of building the set of every match, and reads further only when the
page comes out short. On PostgreSQL a word the planner expects in more than CANDIDATES documents
is not probed at all (the probe would read thousands of documents only to learn that).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from rapidfuzz import fuzz, process

from amparo.core.access import organisations_searchable_by_a_number, roles_of
from amparo.search import schema

if TYPE_CHECKING:
    from amparo.cases.models import Case
    from amparo.core.access import Actor

A_NUMBER = re.compile(r"^\s*[Aa]?[\s.#-]*(\d[\s.-]*){8,9}$")
WORD = re.compile(r"\w+")
FUZZY_SCORE = 80  # rapidfuzz ratio: one wrong letter in an 8–9 letter name still matches
FUZZY_MIN_LENGTH = 4
CANDIDATES = 1000
OUTER = '"cases_case"."id"'
_UUID: models.UUIDField[uuid.UUID, uuid.UUID] = models.UUIDField()


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
        arms = _postgres(user, words)
    else:
        arms = _sqlite(user, words, fuzzy=False)
    facility = _facility_arm(words, key)
    arms += facility
    if connection.vendor == "postgresql" and _many_documents(user, words):
        return cases.filter(_condition(*_each_case(arms)))
    found = _candidates(arms)
    if found == set() and connection.vendor != "postgresql" and _long(words):
        # Nothing matched as typed: forgive a misspelled name (SQLite reads its name vocabulary
        # only now; PostgreSQL's trigram match is always fuzzy).
        arms = [*_sqlite(user, words, fuzzy=True), *facility]
        found = _candidates(arms)
    if found is not None:
        if not found:
            return cases.none()
        # The keys as the database gave them: making ~1,000 UUIDs and converting them back
        # cost more than the query.
        marks = ", ".join(["%s"] * len(found))
        return cases.filter(_condition(f'"cases_case"."{key}" IN ({marks})', list(found)))
    return cases.filter(_condition(*_each_case(arms)))


@dataclass(frozen=True)
class Arm:
    """One way of finding cases: `rows` selects the case ids it matches (read first, up to
    CANDIDATES), `each` is the same as a condition on the outer query's case (the walk in list
    order). An FTS subquery in `each` is a set read once and looked up for each case walked,
    never the rows to start from (which read every match again for each case)."""

    rows: str
    each: str
    params: list[Any]


def _condition(sql: str, params: list[Any]) -> RawSQL:
    return RawSQL(sql, params, output_field=BooleanField())


def _union(arms: list[Arm]) -> tuple[str, list[Any]]:
    return " UNION ALL ".join(arm.rows for arm in arms), [p for arm in arms for p in arm.params]


def _each_case(arms: list[Arm]) -> tuple[str, list[Any]]:
    """Whether the case of the outer query matches, arm by arm, for the walk in list order."""
    sql = "(" + " OR ".join(arm.each for arm in arms) + ")"
    return sql, [p for arm in arms for p in arm.params]


def _long(words: list[str]) -> bool:
    return any(len(w) >= FUZZY_MIN_LENGTH for w in words)


def _candidates(arms: list[Arm]) -> set[Any] | None:
    """The matching case ids, or None when there are more than CANDIDATES matching rows. The
    rows are counted, not the distinct ids: a word in several notes of each case gave fewer
    than CANDIDATES ids from the first CANDIDATES + 1 rows, and the page then listed only the
    cases of the oldest matching notes."""
    sql, params = _union(arms)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {CANDIDATES + 1}", params)
        rows = cursor.fetchall()
    return None if len(rows) > CANDIDATES else {row[0] for row in rows}


def _db(value: uuid.UUID) -> Any:
    return _UUID.get_db_prep_value(value, connection)


def _facility_arm(words: list[str], key: str) -> list[Arm]:
    """Cases whose client is held now at a facility whose name or city holds every word (as
    `icontains` would find it), read in plain SQL: the queryset took longer to build than its
    query to run."""
    name, city = (
        connection.ops.lookup_cast("icontains", "CharField") % f"f.{column}"
        for column in ("name", "city")
    )
    like = connection.operators["icontains"]
    found = " AND ".join([f"({name} {like} OR {city} {like})"] * len(words))
    patterns = [f"%{connection.ops.prep_for_like_query(w)}%" for w in words]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT f.id FROM custody_facility f WHERE {found} LIMIT 50",
            [p for pattern in patterns for p in (pattern, pattern)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return []
    where = f"p.ended_at IS NULL AND p.facility_id IN ({', '.join(['%s'] * len(ids))})"
    rows = f"SELECT p.case_id FROM custody_placement p WHERE {where}"
    if key != "id":
        rows = f"SELECT c.{key} FROM cases_case c WHERE c.id IN ({rows})"
    return [
        Arm(
            rows,
            f"EXISTS (SELECT 1 FROM custody_placement p WHERE p.case_id = {OUTER} AND {where})",
            ids,
        )
    ]


def _privileged_readers(user: Actor) -> list[Any] | None:
    """The organisations (prepared ids) whose privileged notes the user may search, or None
    for all of the user's organisations (the gate does the rest). The roles that see full
    A-numbers are those that read privileged material."""
    readers = organisations_searchable_by_a_number(user)
    if readers and set(readers) >= set(roles_of(user)):
        return None
    return [_db(r) for r in readers]


def _document_arms(
    user: Actor, key: str, public: tuple[str, str, list[Any]], whole: tuple[str, str, list[Any]]
) -> list[Arm]:
    """The case document's arms: its public words for every case, and its privileged words too
    only in the organisations whose privileged notes the user may read. Each of `public` and
    `whole` is (rows, each, params) as in `Arm`, its rows selecting the cases' `key`."""
    readers = _privileged_readers(user)
    if readers is None:
        return [Arm(*whole)]
    arms = [Arm(*public)]
    if readers:
        marks = ", ".join(["%s"] * len(readers))
        rows, each, params = whole
        arms.append(
            Arm(
                f"SELECT r.{key} FROM cases_case r WHERE r.organisation_id IN ({marks}) "
                f"AND r.{key} IN ({rows})",
                f'("cases_case"."organisation_id" IN ({marks}) AND {each})',
                [*readers, *params],
            )
        )
    return arms


# --- SQLite: FTS5 ---------------------------------------------------------------------------


def _person_terms(words: list[str]) -> list[str]:
    """The distinct words of clients' names that could be close to a long word of `words`: a
    rapidfuzz ratio of FUZZY_SCORE (80) or more needs lengths within 2:3 of each other, so only
    those lengths are read from the table of name words (see schema.NAME_WORDS)."""
    lengths = [len(w) for w in words if len(w) >= FUZZY_MIN_LENGTH]
    if not lengths:
        return []
    shortest, longest = -(-2 * min(lengths) // 3), 3 * max(lengths) // 2
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {schema.NAME_WORDS} WHERE length BETWEEN %s AND %s",
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


def _sqlite(user: Actor, words: list[str], *, fuzzy: bool) -> list[Arm]:
    return [*_sqlite_people_titles(words, fuzzy=fuzzy), *_sqlite_documents(user, words)]


def _sqlite_people_titles(words: list[str], *, fuzzy: bool) -> list[Arm]:
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


def _sqlite_documents(user: Actor, words: list[str]) -> list[Arm]:
    exact = _fts_match(words)
    # The document's rows are read from the FTS table (it streams, stopping at CANDIDATES);
    # the walk looks each case's rowid up in the set of matching documents. A document's
    # rowid holds its case's rowid in its low bits (schema.sqlite_document_key).
    rows = (
        f"SELECT {schema.CASE_OF_KEY} FROM search_case_document WHERE search_case_document MATCH %s"
    )

    def document(match: str) -> tuple[str, str, list[Any]]:
        return rows, f'+"cases_case".rowid IN ({rows})', [match]

    return _document_arms(user, "rowid", document("{public} : (" + exact + ")"), document(exact))


# --- SQLite: a page of the list newest first -------------------------------------------------


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
    facility = _facility_arm(words, "rowid")
    others = [*_sqlite_people_titles(words, fuzzy=False), *facility]
    start = 0 if on_or_before is None else _first_key(on_or_before)
    documents = _newest_reads(user, words)
    limit = min(CANDIDATES, NEWEST * (size + 1))
    reads = [_newest_documents(sql, params, start, limit) for sql, params in documents]
    found = _candidates(others)
    if (
        found == set()
        and not any(reads)
        and _long(words)
        and not (start and _any_document(documents))
    ):
        # Nothing matched as typed: forgive a misspelled name, as `cases_matching` does.
        others = [*_sqlite_people_titles(words, fuzzy=True), *facility]
        found = _candidates(others)

    def newest(reads: list[list[int]], limit: int) -> Newest:
        """The cases of the documents read (up to `limit` + 1 of each arm) and of `others`;
        when a read stopped short of the end, those opened after the day it stopped in, and
        the rest: the same read eight times as long (up to CANDIDATES), then every match."""
        cut = min(
            (keys[-1] >> schema.CASE_BITS for keys in reads if len(keys) > limit), default=None
        )
        matching = _cases_of(cases, others, found, reads, cut)
        if cut is None:
            return Newest(matching)

        def rest() -> Newest:
            if limit >= CANDIDATES:
                return Newest(cases_matching(user, cases, query))
            longer = min(limit * 8, CANDIDATES)
            again = [_newest_documents(sql, params, start, longer) for sql, params in documents]
            return newest(again, longer)

        after = datetime.date.fromordinal(schema.LAST_DAY - cut - JULIAN_ORDINAL)
        return Newest(matching.filter(opened_on__gt=after), rest)

    return newest(reads, limit)


def _cases_of(
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
        return cases.filter(_condition(f'"cases_case"."rowid" IN ({marks})', list(keys)))
    keys = kept | (found or set())
    conditions, params = [], []
    if found is None:
        sql, more = _each_case(others)
        conditions.append(sql)
        params += more
    if keys:
        # Asked of each case the list walks (`+` keeps SQLite from starting at the rowids).
        conditions.append(f'+"cases_case".rowid IN ({", ".join(["%s"] * len(keys))})')
        params += list(keys)
    if not conditions:
        return cases.none()
    return cases.filter(_condition("(" + " OR ".join(conditions) + ")", params))


# Documents read per row of the page: enough for a page whose every case the user may see and
# a quarter of which are of the status asked for, after the day the read stopped in is dropped.
NEWEST = 4
JULIAN_ORDINAL = 1721424  # julianday() of a date, truncated, less its date.toordinal()


def _first_key(day: datetime.date) -> int:
    """The smallest document rowid of a case opened on `day` (the newest first)."""
    return (schema.LAST_DAY - day.toordinal() - JULIAN_ORDINAL) << schema.CASE_BITS


def _newest_reads(user: Actor, words: list[str]) -> list[tuple[str, list[Any]]]:
    """The document arms of `_sqlite_documents` as reads of document rowids, newest first from
    a rowid given as the last parameter. A role that reads privileged notes in only some of its
    organisations searches all the words only of those organisations' cases."""
    exact = _fts_match(words)
    read = "SELECT d.rowid FROM search_case_document d WHERE d.search_case_document MATCH %s"
    readers = _privileged_readers(user)
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


def _newest_documents(sql: str, params: list[Any], start: int, limit: int) -> list[int]:
    """Up to `limit` + 1 document rowids of `sql`, from `start` on, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{sql} AND d.rowid >= %s ORDER BY d.rowid LIMIT {limit + 1:d}", [*params, start]
        )
        return [row[0] for row in cursor.fetchall()]


def _any_document(documents: list[tuple[str, list[Any]]]) -> bool:
    """Whether any case document matches, whatever its opening day."""
    return any(_newest_documents(sql, params, 0, 0) for sql, params in documents)


# --- PostgreSQL: pg_trgm and full-text search over unaccent ------------------------------------


def _trigram_all(expression: str, words: list[str]) -> tuple[str, list[Any]]:
    """Every word in the text, or a word close to it (trigram word similarity)."""
    conditions, params = [], []
    for word in words:
        if len(word) >= FUZZY_MIN_LENGTH:
            conditions.append(f"({expression} %%> %s OR {expression} LIKE %s)")
            params += [word, f"%{word}%"]
        else:
            conditions.append(f"{expression} LIKE %s")
            params.append(f"%{word}%")
    return " AND ".join(conditions), params


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _many_documents(user: Actor, words: list[str]) -> bool:
    """Whether the planner expects more than CANDIDATES case documents to match (from the
    statistics of the documents' words, ANALYZE's `most_common_elems`). The probe would then
    read CANDIDATES + 1 of them, a sequential read of thousands of documents (4,300 for
    "inhaler" at 100,000 cases), only to learn that the list must be walked. Either way the
    answer is the same; only the work differs. A role that may not read every privileged note
    is judged by the public words, which it always searches."""
    column = "whole" if _privileged_readers(user) is None else "public"
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM search_case_document d WHERE d.{column} "
            "@@ to_tsquery('simple', %s)",
            [_tsquery(words)],
        )
        plan = str(cursor.fetchone()[0])
    estimate = re.search(r" rows=(\d+) ", plan)
    return estimate is not None and int(estimate.group(1)) > CANDIDATES


def _postgres(user: Actor, words: list[str]) -> list[Arm]:
    with connection.cursor() as cursor:
        # 0.5 forgives one wrong letter in a long family name (Lindquist for Lindqvist).
        cursor.execute("SET pg_trgm.word_similarity_threshold = 0.5")
    tsquery = _tsquery(words)
    names, name_params = _trigram_all(schema.PG_NAME, words)
    titles, title_params = _trigram_all(schema.PG_TITLE, words)
    people = f"SELECT id FROM people_person WHERE {names}"

    def document(column: str) -> tuple[str, str, list[Any]]:
        match = f"d.{column} @@ to_tsquery('simple', %s)"
        # The walk reads the case's own document by its key and tests it. As an EXISTS, the
        # planner hashed every matching document first (a scan of them all: 95 ms for
        # "inhaler", in 23,000 of 100,000 documents); this scalar subquery it cannot hash
        # (17 ms, the ~200 cases walked to fill the page).
        return (
            f"SELECT d.case_id FROM search_case_document d WHERE {match}",
            f"COALESCE((SELECT {match} FROM search_case_document d WHERE d.case_id = {OUTER}), "
            "false)",
            [tsquery],
        )

    return [
        Arm(
            f"SELECT c.id FROM cases_case c WHERE c.person_id IN ({people})",
            f'"cases_case"."person_id" IN ({people})',
            name_params,
        ),
        Arm(
            f"SELECT t.id FROM cases_case t WHERE {titles}",
            f"EXISTS (SELECT 1 FROM cases_case t WHERE t.id = {OUTER} AND {titles})",
            title_params,
        ),
        *_document_arms(user, "id", document("public"), document("whole")),
    ]
