"""Narrow an already access-gated set of cases to those a search matches.

A case matches when every word of the search is found in one place: the client's names and
aliases (accent- and case-insensitive, any order, a misspelled name forgiven), the case title,
the facility where the client is held now, one note (privileged notes only for those who may
read them) or one statement. An A-number in any spelling matches only in organisations where the
user sees full A-numbers, so a search never confirms a number the user sees masked.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from rapidfuzz import fuzz, process

from amparo.core.access import organisations_searchable_by_a_number
from amparo.custody.models import Facility, Placement
from amparo.search import schema

if TYPE_CHECKING:
    from amparo.cases.models import Case
    from amparo.core.access import Actor

A_NUMBER = re.compile(r"^\s*[Aa]?[\s.#-]*(\d[\s.-]*){8,9}$")
WORD = re.compile(r"\w+")
FUZZY_SCORE = 80  # rapidfuzz ratio: one wrong letter in an 8–9 letter name still matches
FUZZY_MIN_LENGTH = 4


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
    backend = _postgres if connection.vendor == "postgresql" else _sqlite
    return cases.filter(backend(user, cases.model, words) | _facility_match(words))


def _facility_match(words: list[str]) -> Q:
    facilities = Facility.objects.all()
    for word in words:
        facilities = facilities.filter(Q(name__icontains=word) | Q(city__icontains=word))
    held = Placement.objects.filter(ended_at__isnull=True, facility__in=facilities)
    return Q(id__in=held.values("case_id"))


def _privileged_ok(user: Actor) -> Q:
    # The organisations whose privileged material the user may read.
    return Q(privileged=False) | Q(
        case__organisation_id__in=organisations_searchable_by_a_number(user)
    )


# --- SQLite: FTS5 ---------------------------------------------------------------------------


def _person_terms() -> list[str]:
    """Every distinct word of every client's names: few, whatever the number of clients."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT term FROM search_person_terms")
        return [row[0] for row in cursor.fetchall()]


def _fts_word(word: str, *, fuzzy: bool) -> str:
    alternatives = [f'"{word}"*']
    if fuzzy and len(word) >= FUZZY_MIN_LENGTH:
        close = process.extract(word, _person_terms(), scorer=fuzz.ratio, limit=5)
        alternatives += [f'"{term}"' for term, score, _ in close if score >= FUZZY_SCORE]
    return "(" + " OR ".join(dict.fromkeys(alternatives)) + ")"


def _fts(table: str, source: str, words: list[str], *, fuzzy: bool = False) -> RawSQL:
    match = " AND ".join(_fts_word(w, fuzzy=fuzzy) for w in words)
    sql = (
        f"SELECT id FROM {source} WHERE rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
    )
    return RawSQL(sql, (match,))


def _sqlite(user: Actor, case_model: type[Case], words: list[str]) -> Q:
    # Reached through the case model, so this package depends on no domain app but custody.
    Note: Any = case_model._meta.get_field("notes").related_model
    Statement: Any = case_model._meta.get_field("statements").related_model

    notes = Note.objects.filter(id__in=_fts("search_note", "cases_note", words)).filter(
        _privileged_ok(user)
    )
    statements = Statement.objects.filter(
        id__in=_fts("search_statement", "advocacy_statement", words)
    )
    return (
        Q(person_id__in=_fts("search_person", "people_person", words, fuzzy=True))
        | Q(id__in=_fts("search_case", "cases_case", words))
        | Q(id__in=notes.values("case_id"))
        | Q(id__in=statements.values("case_id"))
    )


# --- PostgreSQL: pg_trgm and full-text search over unaccent ------------------------------------


def _trigram_all(expression: str, table: str, words: list[str]) -> RawSQL:
    """Rows whose text holds every word, or a word close to it (trigram word similarity)."""
    conditions, params = [], []
    for word in words:
        if len(word) >= FUZZY_MIN_LENGTH:
            conditions.append(f"({expression} %%> %s OR {expression} LIKE %s)")
            params += [word, f"%{word}%"]
        else:
            conditions.append(f"{expression} LIKE %s")
            params.append(f"%{word}%")
    return RawSQL(f"SELECT id FROM {table} WHERE {' AND '.join(conditions)}", params)


def _tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _postgres(user: Actor, case_model: type[Case], words: list[str]) -> Q:
    # Reached through the case model, so this package depends on no domain app but custody.
    Note: Any = case_model._meta.get_field("notes").related_model
    Statement: Any = case_model._meta.get_field("statements").related_model

    with connection.cursor() as cursor:
        # 0.5 forgives one wrong letter in a long family name (Lindquist for Lindqvist).
        cursor.execute("SET pg_trgm.word_similarity_threshold = 0.5")
    tsquery = _tsquery(words)
    note_sql = f"SELECT id FROM cases_note WHERE {schema.PG_NOTE} @@ to_tsquery('simple', %s)"
    statement_sql = (
        f"SELECT id FROM advocacy_statement WHERE {schema.PG_STATEMENT} @@ to_tsquery('simple', %s)"
    )
    notes = Note.objects.filter(id__in=RawSQL(note_sql, (tsquery,))).filter(_privileged_ok(user))
    statements = Statement.objects.filter(id__in=RawSQL(statement_sql, (tsquery,)))
    return (
        Q(person_id__in=_trigram_all(schema.PG_NAME, "people_person", words))
        | Q(id__in=_trigram_all(schema.PG_TITLE, "cases_case", words))
        | Q(id__in=notes.values("case_id"))
        | Q(id__in=statements.values("case_id"))
    )
