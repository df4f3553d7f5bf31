"""Values read by plain SQL (`connection.cursor()`), made what the ORM would give: SQLite hands
back the text it stored for dates, moments and UUIDs, PostgreSQL the typed values."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db import connection
from django.db.models import UUIDField
from django.utils import timezone


def db_moment(value: Any) -> datetime.datetime:
    if isinstance(value, str):  # SQLite gives the text it stored
        value = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(value):  # SQLite keeps UTC without its zone
        value = value.replace(tzinfo=datetime.UTC)
    return value


def db_day(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def db_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


_ID_FIELD: UUIDField[uuid.UUID, uuid.UUID] = UUIDField()


def db_id(value: uuid.UUID) -> Any:
    """A UUID as a parameter of plain SQL, in the form the database stores it."""
    return _ID_FIELD.get_db_prep_value(value, connection)
