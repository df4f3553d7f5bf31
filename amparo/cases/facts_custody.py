"""Where the client is held and since when, read in one plain SQL statement for a batch of cases:
the fact sheet's (the current placement as model objects, with the open alerts when asked) and
the list row's (only the columns a row shows). Apart from `cases.facts`, which turns them into
the facts every screen shows: the statements were tuned for speed on SQLite and PostgreSQL, and
tests count them.
"""

from __future__ import annotations

import datetime
import functools
import uuid
from typing import Any, cast

from django.db import connection

from amparo.cases.models import Arrest, Case, CaseAlert
from amparo.core.rawsql import db_id, db_moment, db_uuid, model_columns, prepared_cursor
from amparo.custody.models import Facility, FieldOffice, Placement


def custody_rows(ids: list[uuid.UUID]) -> list[tuple[Any, ...]]:
    """Per case: its first placement's start, its first arrest, and its current placement's
    facility (id, name, city, state, field office code; None when not held now).

    One statement instead of three querysets (placements, arrests, zones): a profile of the
    case list at 10,000 cases had 2.5 ms of a 10 ms request in building and converting them
    for 50 rows. A case has at most one current placement (`placement_one_current_per_case`),
    so the join adds no row. The case ids come back as the caller passed them."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    placement, arrest, facility = table(Placement), table(Arrest), table(Facility)
    office = table(FieldOffice)
    sql = (
        f"SELECT c.id, (SELECT MIN(fp.started_at) FROM {placement} fp WHERE fp.case_id = c.id), "
        f"(SELECT MIN(a.arrested_at) FROM {arrest} a WHERE a.case_id = c.id), "
        "f.id, f.name, f.city, f.state, o.code "
        f"FROM {table(Case)} c LEFT JOIN {placement} p ON p.case_id = c.id AND p.ended_at IS NULL "
        f"LEFT JOIN {facility} f ON f.id = p.facility_id "
        f"LEFT JOIN {office} o ON o.id = f.field_office_id "
        f"WHERE c.id IN ({', '.join(['%s'] * len(ids))})"
    )
    stored = {db_id(pk): pk for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, list(stored))
        return [(stored[row[0]], *row[1:]) for row in cursor.fetchall()]


_Moments = dict[uuid.UUID, datetime.datetime]


def custody_of(
    ids: list[uuid.UUID], *, alerts: bool = False
) -> tuple[dict[uuid.UUID, Placement], _Moments, _Moments, dict[uuid.UUID, list[CaseAlert]]]:
    """Per case: the current placement (its facility and the facility's field office with it, as
    `select_related` gives them), when the first placement started, and the first arrest; with
    `alerts`, its open alerts newest first (as `cases.selectors.open_alerts`). In one plain SQL
    statement: a profile of the case page found this sheet's time in Django compiling the two
    queries it made for one row each, and on PostgreSQL the page's time following its round
    trips (the alerts were one more). The alerts are a second arm of a UNION ALL, each arm's
    columns null in the other."""
    placement, facility = model_columns(Placement, "p"), model_columns(Facility, "f")
    office, alert = model_columns(FieldOffice, "o"), model_columns(CaseAlert, "a")
    sql, width = _custody_sql(connection.vendor, len(ids), alerts)
    params = [db_id(pk) for pk in ids]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params * 2 if alerts else params)
        rows = cursor.fetchall()
    current: dict[uuid.UUID, Placement] = {}
    first_placement: dict[uuid.UUID, datetime.datetime] = {}
    first_arrest: dict[uuid.UUID, datetime.datetime] = {}
    open_alerts: dict[uuid.UUID, list[CaseAlert]] = {}
    facility_at = 3 + placement.width
    office_at = facility_at + facility.width
    set_facility = Placement._meta.get_field("facility").set_cached_value
    set_office = Facility._meta.get_field("field_office").set_cached_value
    for row in rows:
        pk = db_uuid(row[1])
        if row[0] == 1:  # an open alert
            found = cast(CaseAlert, alert.build(row[width:]))
            open_alerts.setdefault(pk, []).append(found)
            continue
        if row[2] is not None:
            first_arrest[pk] = db_moment(row[2])
        held = cast(Placement | None, placement.build(row[3:facility_at]))
        if held is None:
            continue
        first_placement.setdefault(pk, held.started_at)
        if held.ended_at is None:
            place = cast(Facility, facility.build(row[facility_at:office_at]))  # never null
            set_office(place, office.build(row[office_at:width]))
            set_facility(held, place)
            current[pk] = held
    return current, first_placement, first_arrest, open_alerts


@functools.lru_cache(maxsize=64)
def _custody_sql(vendor: str, cases: int, alerts: bool) -> tuple[str, int]:
    """`custody_of`'s statement for this many cases, and where an alert's columns start."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    def column(model: Any, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    placement, facility = model_columns(Placement, "p"), model_columns(Facility, "f")
    office, alert = model_columns(FieldOffice, "o"), model_columns(CaseAlert, "a")
    marks = ", ".join(["%s"] * cases)
    arrested_at = column(Arrest, "arrested_at")
    facts = (
        f"SELECT 0, c.id, (SELECT MIN(a.{arrested_at}) FROM {table(Arrest)} a "
        f"WHERE a.{column(Arrest, 'case')} = c.id), {placement.sql}, {facility.sql}, "
        f"{office.sql}"
    )
    tables = (
        f"FROM {table(Case)} c "
        f"LEFT JOIN {table(Placement)} p ON p.{column(Placement, 'case')} = c.id "
        f"LEFT JOIN {table(Facility)} f ON f.id = p.{column(Placement, 'facility')} "
        f"LEFT JOIN {table(FieldOffice)} o ON o.id = f.{column(Facility, 'field_office')} "
        f"WHERE c.id IN ({marks})"
    )
    width = 3 + placement.width + facility.width + office.width
    started_at, placement_id = 4 + placement.names.index("started_at"), 4
    if not alerts:
        order = f"ORDER BY p.{column(Placement, 'started_at')}, p.id"
        return f"{facts} {tables} {order}", width
    created_at = width + 1 + alert.names.index("created_at")
    arrested_field: Any = Arrest._meta.get_field("arrested_at")
    arrested = str(arrested_field.cast_db_type(connection))
    open_alerts = (
        f"SELECT 1, a.{column(CaseAlert, 'case')}, CAST(NULL AS {arrested}), "
        f"{placement.nulls}, {facility.nulls}, {office.nulls}, {alert.sql} "
        f"FROM {table(CaseAlert)} a WHERE a.{column(CaseAlert, 'case')} IN ({marks}) "
        f"AND a.{column(CaseAlert, 'resolved_at')} IS NULL"
    )
    # Each arm in its own order: the placements by start, the alerts newest first.
    order = f"ORDER BY 1, {started_at}, {placement_id}, {created_at} DESC"
    return f"{facts}, {alert.nulls} {tables} UNION ALL {open_alerts} {order}", width
