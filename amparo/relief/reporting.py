"""The reports' rows of sent requests (`ReportedRequest`), kept in step with the requests and
decisions they come from.

Every write that changes a sent request or its decision calls `reported_requests_refresh` in its
own transaction: the relief services for one request, and the bulk writers (`amparo synth`, the
case import, the organisation import) for the cases they wrote. The refresh deletes the rows in
its scope and writes them again from the source tables with one `INSERT … SELECT`, so a row is
always what the request, its decision, its case and its organisation say now. `amparo reports
rebuild` runs it over everything; `reported_requests_differences` counts the rows that differ
from a fresh computation (the consistency check).
"""

from __future__ import annotations

import datetime
import functools
import uuid
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from amparo.relief.models import ReportedRequest

TABLE = ReportedRequest._meta.db_table
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
    with connection.cursor() as cursor:
        if not column:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"INSERT INTO {TABLE} ({COLUMNS}) {_select('')}")
            return int(cursor.rowcount)
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {TABLE} WHERE {column} IN ({marks})", chunk)
            cursor.execute(
                f"INSERT INTO {TABLE} ({COLUMNS}) {_select(f' AND {source} IN ({marks})')}", chunk
            )
            written += int(cursor.rowcount)
    return written


@transaction.atomic
def reported_offices_refresh(*, field_offices: Iterable[Any]) -> int:
    """Write again the office label of the rows of requests addressed to these field offices
    (renamed by the reference data or the admin), in the caller's transaction; returns how many
    rows changed. The label is the one `_select` gives: the office's name, else the request's
    addressee, else "Unknown office"."""
    keys = _ids(field_offices)
    changed = 0
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
            cursor.execute(
                f"UPDATE {TABLE} SET office = ({label}) "
                f"WHERE field_office_id IN ({marks}) AND office <> ({label})",
                chunk,
            )
            changed += int(cursor.rowcount)
    return changed


def reported_requests_differences() -> int:
    """How many rows differ between the table and what the source rows give now (0 when in
    step): rows missing or changed, and rows that should not be there."""
    _prepare()
    fresh = _select("")
    stored = f"SELECT {COLUMNS} FROM {TABLE}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM ({fresh} EXCEPT {stored}) a) "
            f"+ (SELECT COUNT(*) FROM ({stored} EXCEPT {fresh}) b)"
        )
        return int(cursor.fetchone()[0])
