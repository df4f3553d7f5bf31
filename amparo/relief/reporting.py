"""The reports' rows of sent requests (`ReportedRequest`), kept in step with the requests and
decisions they come from.

Every write that changes a sent request or its decision calls `reported_requests_refresh` in its
own transaction: the relief services for one request, and the bulk writers (`amparo synth`, the
case import, the organisation import) for the cases they wrote. The refresh deletes the rows in
its scope and writes them again from the source tables with one `INSERT … SELECT`, so a row is
always what the request, its decision, its case and its organisation say now. `amparo reports
rebuild` runs it over everything; `reported_requests_differences` counts the rows that differ
from a fresh computation (the consistency check).

With the rows, the same refresh writes again the answer counts of the cases it touched
(`ReportedCaseAnswers`: per case, office and request type) and moves their organisation's group
totals (`ReportedAnswers`) by the difference, so the turnaround report over all of an
organisation's requests reads one row per group (docs/benchmarks.md).
"""

from __future__ import annotations

import datetime
import functools
import uuid
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from amparo.relief.models.reported import ReportedAnswers, ReportedCaseAnswers, ReportedRequest

TABLE = ReportedRequest._meta.db_table
CASE_ANSWERS = ReportedCaseAnswers._meta.db_table
GROUP_ANSWERS = ReportedAnswers._meta.db_table
COLUMNS = (
    "request_id, organisation_id, case_id, request_type_id, field_office_id, office, status, "
    "submitted_at, submitted_on, submitted_month, outcome, reasons_given, decided_at, "
    "turnaround_minutes"
)
# The office the rows name for a request with neither a field office nor an addressee, as the
# SQL below writes it (stored in English; reports.presenting shows it in the reader's language).
UNKNOWN_OFFICE = "Unknown office"
# The outcomes that are the agency's answer; only they have a turnaround.
ANSWERS = ("granted", "partly-granted", "denied")


@functools.lru_cache(maxsize=65536)
def _local_date(minute: str, zone_name: str) -> str:
    moment = datetime.datetime.fromisoformat(minute).replace(tzinfo=datetime.UTC)
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name)).date().isoformat()


def local_date(stored: str | None, zone_name: str) -> str | None:
    """'YYYY-MM-DD' of a SQLite-stored UTC timestamp in the zone (offsets are whole minutes, so
    the answer is cached per minute)."""
    return None if not stored else _local_date(stored[:16], zone_name)


def _select(scope: str) -> str:
    if connection.vendor == "postgresql":
        local = "(r.submitted_at AT TIME ZONE o.time_zone)"
        day, month = f"{local}::date", f"to_char({local}, 'YYYY-MM')"
        minutes = "FLOOR(ROUND(EXTRACT(EPOCH FROM (d.decided_at - d.submitted_at))) / 60)"
    else:
        day = "amparo_local_date(r.submitted_at, o.time_zone)"
        month = f"substr({day}, 1, 7)"
        minutes = (
            "(CAST(ROUND((julianday(d.decided_at) - julianday(d.submitted_at)) * 86400) "
            "AS INTEGER) / 60)"
        )
    return (
        "SELECT r.id, c.organisation_id, r.case_id, r.request_type_id, r.field_office_id, "
        "COALESCE(NULLIF(f.name, ''), NULLIF(r.addressed_to, ''), 'Unknown office'), r.status, "
        f"r.submitted_at, {day}, {month}, COALESCE(d.outcome, ''), "
        "COALESCE(d.reasons_given, FALSE), d.decided_at, "
        f"CASE WHEN d.id IS NULL THEN NULL ELSE {minutes} END "
        "FROM relief_request r JOIN cases_case c ON c.id = r.case_id "
        "JOIN accounts_organisation o ON o.id = c.organisation_id "
        "LEFT JOIN custody_fieldoffice f ON f.id = r.field_office_id "
        "LEFT JOIN relief_decision d ON d.request_id = r.id "
        f"WHERE r.submitted_at IS NOT NULL{scope}"
    )


def _prepare() -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "amparo_local_date", 2, local_date, deterministic=True
        )


def _ids(values: Iterable[Any]) -> list[Any]:
    key = ReportedRequest._meta.get_field("request_id")
    return [key.get_db_prep_value(uuid.UUID(str(v)), connection) for v in values]


CHUNK = 500


@transaction.atomic
def reported_requests_refresh(
    *,
    requests: Iterable[Any] | None = None,
    cases: Iterable[Any] | None = None,
    organisation: Any = None,
) -> int:
    """Write again the rows of these requests, of these cases' requests, of an organisation's,
    or (none given) of every request; returns how many rows there are now in that scope."""
    _prepare()
    if requests is not None:
        keys, column, source = _ids(requests), "request_id", "r.id"
    elif cases is not None:
        keys, column, source = _ids(cases), "case_id", "r.case_id"
    elif organisation is not None:
        keys, column, source = _ids([organisation]), "organisation_id", "c.organisation_id"
    else:
        keys, column, source = [], "", ""
    written = 0
    touched: set[Any] = set()
    with connection.cursor() as cursor:
        if not column:
            written = reported_rows_rebuild()
            reported_answers_rebuild()
            return written
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cases_of = f"SELECT DISTINCT case_id FROM {TABLE} WHERE {column} IN ({marks})"
            if column == "request_id":  # the cases of the rows before and after
                cursor.execute(cases_of, chunk)
                touched.update(case for (case,) in cursor.fetchall())
            cursor.execute(f"DELETE FROM {TABLE} WHERE {column} IN ({marks})", chunk)
            cursor.execute(
                f"INSERT INTO {TABLE} ({COLUMNS}) {_select(f' AND {source} IN ({marks})')}", chunk
            )
            written += int(cursor.rowcount)
            if column == "request_id":
                cursor.execute(cases_of, chunk)
                touched.update(case for (case,) in cursor.fetchall())
        if column == "organisation_id":
            _answers_of_organisation(cursor, keys[0])
        else:
            _case_answers_refresh(cursor, keys if column == "case_id" else list(touched))
    return written


def reported_rows_rebuild() -> int:
    """Write every reporting row again (not the answer counts: see `reported_answers_rebuild`;
    migration 0008 runs this before their tables exist); returns how many there are."""
    _prepare()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) {_select('')}")
        return int(cursor.rowcount)


ANSWERED = "outcome IN ('granted', 'partly-granted', 'denied')"
ANSWER_COLUMNS = "answers, denied, denied_without_reasons"
GROUP = "organisation_id, office, request_type_id"


def _case_answers_select(where: str) -> str:
    """Per case, office and request type, the answers (those with a turnaround, as the report
    counts them), denials and denials without reasons of the reporting rows."""
    return (
        f"SELECT {GROUP}, case_id, COUNT(turnaround_minutes), "
        "SUM(CASE WHEN outcome = 'denied' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'denied' AND NOT reasons_given THEN 1 ELSE 0 END) "
        f"FROM {TABLE} WHERE {ANSWERED}{where} GROUP BY {GROUP}, case_id"
    )


def _case_answers_insert(cursor: Any, where: str, params: list[Any]) -> None:
    cursor.execute(
        f"INSERT INTO {CASE_ANSWERS} ({GROUP}, case_id, {ANSWER_COLUMNS}) "
        f"{_case_answers_select(where)}",
        params,
    )


def _group_answers_add(cursor: Any, where: str, params: list[Any], sign: int) -> None:
    """Add (sign 1) or take away (-1) the case answer rows that `where` selects to or from
    their groups' totals; a group without a row is written."""
    totals = ", ".join(
        f"{c} = {GROUP_ANSWERS}.{c} + excluded.{c}" for c in (*ANSWER_COLUMNS.split(", "), "cases")
    )
    cursor.execute(
        f"INSERT INTO {GROUP_ANSWERS} ({GROUP}, {ANSWER_COLUMNS}, cases) "
        f"SELECT {GROUP}, {sign} * SUM(answers), {sign} * SUM(denied), "
        f"{sign} * SUM(denied_without_reasons), {sign} * COUNT(*) FROM {CASE_ANSWERS} "
        f"WHERE {where} GROUP BY {GROUP} "
        f"ON CONFLICT ({GROUP}) DO UPDATE SET {totals}",
        params,
    )


def _case_answers_refresh(cursor: Any, cases: list[Any]) -> None:
    """Count again the answers of these cases (their reporting rows are written) and move the
    group totals by the difference: the old counts are taken away, the new ones added."""
    for start in range(0, len(cases), CHUNK):
        chunk = cases[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        if connection.vendor == "postgresql":
            # Two writes to one case's requests at once would each take away the counts they
            # read before the other committed: the second waits here, then reads the first's.
            # (SQLite lets one writer in at a time.)
            cursor.execute(
                f"SELECT id FROM cases_case WHERE id IN ({marks}) ORDER BY id FOR UPDATE", chunk
            )
        of_cases = f"case_id IN ({marks})"
        _group_answers_add(cursor, of_cases, chunk, -1)
        cursor.execute(f"DELETE FROM {CASE_ANSWERS} WHERE {of_cases}", chunk)
        _case_answers_insert(cursor, f" AND {of_cases}", chunk)
        _group_answers_add(cursor, of_cases, chunk, 1)
    cursor.execute(f"DELETE FROM {GROUP_ANSWERS} WHERE cases <= 0")


def _answers_of_organisation(cursor: Any, organisation: Any) -> None:
    for table in (CASE_ANSWERS, GROUP_ANSWERS):
        cursor.execute(f"DELETE FROM {table} WHERE organisation_id = %s", [organisation])
    _case_answers_insert(cursor, " AND organisation_id = %s", [organisation])
    _group_answers_add(cursor, "organisation_id = %s", [organisation], 1)


@transaction.atomic
def reported_answers_rebuild() -> None:
    """Count every case's and group's answers again from the reporting rows."""
    with connection.cursor() as cursor:
        for table in (CASE_ANSWERS, GROUP_ANSWERS):
            cursor.execute(f"DELETE FROM {table}")
        _case_answers_insert(cursor, "", [])
        _group_answers_add(cursor, "1 = 1", [], 1)


@transaction.atomic
def reported_offices_refresh(*, field_offices: Iterable[Any]) -> int:
    """Write again the office label of the rows of requests addressed to these field offices
    (renamed by the reference data or the admin), in the caller's transaction; returns how many
    rows changed. The label is the one `_select` gives: the office's name, else the request's
    addressee, else "Unknown office"."""
    keys = _ids(field_offices)
    changed = 0
    touched: set[Any] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            label = (
                "SELECT COALESCE(NULLIF(f.name, ''), NULLIF(r.addressed_to, ''), "
                "'Unknown office') FROM relief_request r "
                "LEFT JOIN custody_fieldoffice f ON f.id = r.field_office_id "
                f"WHERE r.id = {TABLE}.request_id"
            )
            relabelled = f"WHERE field_office_id IN ({marks}) AND office <> ({label})"
            cursor.execute(f"SELECT DISTINCT case_id FROM {TABLE} {relabelled}", chunk)
            touched.update(case for (case,) in cursor.fetchall())
            cursor.execute(f"UPDATE {TABLE} SET office = ({label}) {relabelled}", chunk)
            changed += int(cursor.rowcount)
        _case_answers_refresh(cursor, list(touched))
    return changed


def reported_requests_differences() -> int:
    """How many rows differ between the table and what the source rows give now (0 when in
    step): rows missing or changed, and rows that should not be there; and so for the answer
    counts against the reporting rows."""
    _prepare()
    answers = (
        f"SELECT {GROUP}, COUNT(turnaround_minutes), "
        "SUM(CASE WHEN outcome = 'denied' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN outcome = 'denied' AND NOT reasons_given THEN 1 ELSE 0 END), "
        f"COUNT(DISTINCT case_id) FROM {TABLE} WHERE {ANSWERED} GROUP BY {GROUP}"
    )
    pairs = (
        (_select(""), f"SELECT {COLUMNS} FROM {TABLE}"),
        (
            _case_answers_select(""),
            f"SELECT {GROUP}, case_id, {ANSWER_COLUMNS} FROM {CASE_ANSWERS}",
        ),
        (answers, f"SELECT {GROUP}, {ANSWER_COLUMNS}, cases FROM {GROUP_ANSWERS}"),
    )
    counts = [
        f"(SELECT COUNT(*) FROM ({a} EXCEPT {b}) x{i}) "
        f"+ (SELECT COUNT(*) FROM ({b} EXCEPT {a}) y{i})"
        for i, (a, b) in enumerate(pairs)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {' + '.join(counts)}")
        return int(cursor.fetchone()[0])
