"""Narrow an already access-gated set of cases to those a search matches.

A case matches when every word of the search is found in one place: the client's names and
aliases (accent- and case-insensitive, any order, a misspelled name forgiven), the case title,
the facility where the client is held now, one note (privileged notes only for those who may
read them) or one statement. An A-number in any spelling matches only in organisations where the
user sees full A-numbers, so a search never confirms a number the user sees masked.

Plan: one UNION ALL of the matching case ids, read first up to CANDIDATES rows. A rare match
(a name, an A-number) then loads its few cases by primary key; a common one (a word in
thousands of notes) is left to the database to walk the newest cases and stop at the page.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from rapidfuzz import fuzz, process

from amparo.core.access import organisations_searchable_by_a_number, roles_of
from amparo.custody.models import Facility
from amparo.search import schema

if TYPE_CHECKING:
    from amparo.cases.models import Case
    from amparo.core.access import Actor

A_NUMBER = re.compile(r"^\s*[Aa]?[\s.#-]*(\d[\s.-]*){8,9}$")
WORD = re.compile(r"\w+")
FUZZY_SCORE = 80  # rapidfuzz ratio: one wrong letter in an 8–9 letter name still matches
FUZZY_MIN_LENGTH = 4
CANDIDATES = 1000
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
        return cases.filter(
            person__a_number=number,
            organisation_id__in=organisations_searchable_by_a_number(user),
        )
    words = words_of(query)
    if not words:
        return cases.none()
    if connection.vendor == "postgresql":
        arms = _postgres(user, words)
    else:
        arms = _sqlite(user, words, fuzzy=False)
    sql, params, found = _candidates([*arms, *_facility_arm(words)])
    if not found and connection.vendor != "postgresql" and _long(words):
        # Nothing matched as typed: forgive a misspelled name (SQLite reads its name vocabulary
        # only now; PostgreSQL's trigram match is always fuzzy).
        arms = _sqlite(user, words, fuzzy=True)
        sql, params, found = _candidates([*arms, *_facility_arm(words)])
    if len(found) <= CANDIDATES:
        return cases.filter(id__in=[_as_uuid(v) for v in found])
    return cases.filter(id__in=RawSQL(sql, params))


def _long(words: list[str]) -> bool:
    return any(len(w) >= FUZZY_MIN_LENGTH for w in words)


def _candidates(arms: list[tuple[str, list[Any]]]) -> tuple[str, list[Any], set[Any]]:
    sql = " UNION ALL ".join(arm for arm, _ in arms)
    params = [p for _, arm_params in arms for p in arm_params]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {CANDIDATES + 1}", params)
        found = {row[0] for row in cursor.fetchall()}
    return sql, params, found


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _db(value: uuid.UUID) -> Any:
    return _UUID.get_db_prep_value(value, connection)


def _in(values: list[Any]) -> tuple[str, list[Any]]:
    """`IN (...)` over prepared values; never empty (NULL matches nothing)."""
    if not values:
        return "(NULL)", []
    return "(" + ", ".join(["%s"] * len(values)) + ")", [_db(v) for v in values]


def _facility_arm(words: list[str]) -> list[tuple[str, list[Any]]]:
    facilities = Facility.objects.all()
    for word in words:
        facilities = facilities.filter(Q(name__icontains=word) | Q(city__icontains=word))
    ids = list(facilities.values_list("id", flat=True)[:50])
    if not ids:
        return []
    marks, params = _in(ids)
    sql = f"SELECT case_id FROM custody_placement WHERE ended_at IS NULL AND facility_id IN {marks}"
    return [(sql, params)]


def _privileged(user: Actor, alias: str) -> tuple[str, list[Any]]:
    """Notes that are not privileged, or in an organisation whose privileged notes the user
    may read (the roles that see full A-numbers are those that read privileged material)."""
    readers = organisations_searchable_by_a_number(user)
    if not readers:
        return f"NOT {alias}.privileged", []
    if set(readers) >= set(roles_of(user)):
        return "1 = 1", []  # every organisation the user belongs to: the gate does the rest
    marks, params = _in(readers)
    return (
        f"(NOT {alias}.privileged OR EXISTS (SELECT 1 FROM cases_case pc WHERE "
        f"pc.id = {alias}.case_id AND pc.organisation_id IN {marks}))",
        params,
    )


# --- SQLite: FTS5 ---------------------------------------------------------------------------


def _person_terms() -> list[str]:
    """Every distinct word of every client's names: few, whatever the number of clients."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_person_terms")
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


def _fts(table: str, index: str) -> str:
    return f"{table}.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH %s)"


def _sqlite(user: Actor, words: list[str], *, fuzzy: bool) -> list[tuple[str, list[Any]]]:
    exact = _fts_match(words)
    names = _fts_match(words, _person_terms()) if fuzzy else exact
    privileged, privileged_params = _privileged(user, "n")
    return [
        (
            "SELECT c.id FROM cases_case c WHERE c.person_id IN (SELECT people_person.id FROM "
            f"people_person WHERE {_fts('people_person', 'search_person')})",
            [names],
        ),
        (
            f"SELECT cases_case.id FROM cases_case WHERE {_fts('cases_case', 'search_case')}",
            [exact],
        ),
        (
            "SELECT n.case_id FROM cases_note n WHERE n.rowid IN (SELECT rowid FROM search_note "
            f"WHERE search_note MATCH %s) AND {privileged}",
            [exact, *privileged_params],
        ),
        (
            "SELECT s.case_id FROM advocacy_statement s WHERE s.rowid IN "
            "(SELECT rowid FROM search_statement WHERE search_statement MATCH %s)",
            [exact],
        ),
    ]


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


def _postgres(user: Actor, words: list[str]) -> list[tuple[str, list[Any]]]:
    with connection.cursor() as cursor:
        # 0.5 forgives one wrong letter in a long family name (Lindquist for Lindqvist).
        cursor.execute("SET pg_trgm.word_similarity_threshold = 0.5")
    tsquery = " & ".join(f"{w}:*" for w in words)
    names, name_params = _trigram_all(schema.PG_NAME, words)
    titles, title_params = _trigram_all(schema.PG_TITLE, words)
    privileged, privileged_params = _privileged(user, "n")
    return [
        (
            "SELECT c.id FROM cases_case c WHERE c.person_id IN "
            f"(SELECT id FROM people_person WHERE {names})",
            name_params,
        ),
        (f"SELECT id FROM cases_case WHERE {titles}", title_params),
        (
            f"SELECT n.case_id FROM cases_note n WHERE {schema.PG_NOTE.replace('body', 'n.body')} "
            f"@@ to_tsquery('simple', %s) AND {privileged}",
            [tsquery, *privileged_params],
        ),
        (
            f"SELECT case_id FROM advocacy_statement WHERE {schema.PG_STATEMENT} "
            "@@ to_tsquery('simple', %s)",
            [tsquery],
        ),
    ]
