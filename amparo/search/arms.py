"""The arms of a search, each one way of finding cases, and those both databases share.

An `Arm` selects the ids of the cases it matches (read first, up to `query.CANDIDATES`) and
says the same as a condition on the case the list walks. The searches unite them: SQLite's
full-text arms (`search.sqlite`), PostgreSQL's trigram and full-text arms (`search.postgres`),
and here the facility where the client is held now, and the case document's words split by who
may read privileged notes. Apart so that each database's module holds only its own SQL.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from amparo.core.access import organisations_searchable_by_a_number, roles_of

if TYPE_CHECKING:
    from amparo.core.access import Actor

FUZZY_MIN_LENGTH = 4
OUTER = '"cases_case"."id"'
_UUID: models.UUIDField[uuid.UUID, uuid.UUID] = models.UUIDField()


@dataclass(frozen=True)
class Arm:
    """One way of finding cases: `rows` selects the case ids it matches (read first, up to
    CANDIDATES), `each` is the same as a condition on the outer query's case (the walk in list
    order). An FTS subquery in `each` is a set read once and looked up for each case walked,
    never the rows to start from (which read every match again for each case)."""

    rows: str
    each: str
    params: list[Any]


def condition(sql: str, params: list[Any]) -> RawSQL:
    return RawSQL(sql, params, output_field=BooleanField())


def union(arms: list[Arm]) -> tuple[str, list[Any]]:
    return " UNION ALL ".join(arm.rows for arm in arms), [p for arm in arms for p in arm.params]


def each_case(arms: list[Arm]) -> tuple[str, list[Any]]:
    """Whether the case of the outer query matches, arm by arm, for the walk in list order."""
    sql = "(" + " OR ".join(arm.each for arm in arms) + ")"
    return sql, [p for arm in arms for p in arm.params]


def _db(value: uuid.UUID) -> Any:
    return _UUID.get_db_prep_value(value, connection)


def facility_arms(words: list[str], key: str) -> list[Arm]:
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


def privileged_readers(user: Actor) -> list[Any] | None:
    """The organisations (prepared ids) whose privileged notes the user may search, or None
    for all of the user's organisations (the gate does the rest). The roles that see full
    A-numbers are those that read privileged material."""
    readers = organisations_searchable_by_a_number(user)
    if readers and set(readers) >= set(roles_of(user)):
        return None
    return [_db(r) for r in readers]


def document_arms(
    user: Actor, key: str, public: tuple[str, str, list[Any]], whole: tuple[str, str, list[Any]]
) -> list[Arm]:
    """The case document's arms: its public words for every case, and its privileged words too
    only in the organisations whose privileged notes the user may read. Each of `public` and
    `whole` is (rows, each, params) as in `Arm`, its rows selecting the cases' `key`."""
    readers = privileged_readers(user)
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
