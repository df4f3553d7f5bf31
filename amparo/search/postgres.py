"""The search on PostgreSQL: trigram (pg_trgm) arms over clients' names and case titles, which
forgive a misspelled name directly, and full-text arms over the case documents, all over
`amparo_unaccent` (schema.py). Before the arms are read, the planner's estimate of the matching
documents decides whether a common word is probed at all (`many_documents`). Apart from
SQLite's search (`search.sqlite`): the two share no SQL but the arms of `search.arms`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.db import connection

from amparo.search import schema
from amparo.search.arms import FUZZY_MIN_LENGTH, OUTER, Arm, document_arms, privileged_readers

if TYPE_CHECKING:
    from amparo.core.access import Actor


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


def many_documents(user: Actor, words: list[str], candidates: int) -> bool:
    """Whether the planner expects more than `candidates` (query.CANDIDATES) case documents to
    match (from the statistics of the documents' words, ANALYZE's `most_common_elems`). The
    probe would then read `candidates` + 1 of them, a sequential read of thousands of documents
    (4,300 for "inhaler" at 100,000 cases), only to learn that the list must be walked. Either
    way the answer is the same; only the work differs. A role that may not read every
    privileged note is judged by the public words, which it always searches."""
    column = "whole" if privileged_readers(user) is None else "public"
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN SELECT 1 FROM search_case_document d WHERE d.{column} "
            "@@ to_tsquery('simple', %s)",
            [_tsquery(words)],
        )
        plan = str(cursor.fetchone()[0])
    estimate = re.search(r" rows=(\d+) ", plan)
    return estimate is not None and int(estimate.group(1)) > candidates


def arms(user: Actor, words: list[str]) -> list[Arm]:
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
        *document_arms(user, "id", document("public"), document("whole")),
    ]
