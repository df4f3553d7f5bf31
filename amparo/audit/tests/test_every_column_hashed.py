"""The audit hash covers every column: a user agent (or any other value) changed in place
behind the application's back no longer verifies. Written with the command line and SQL only,
so it runs unchanged on the code before the redesign (where a changed user agent verified)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from amparo.audit.models import AuditEvent
from amparo.audit.services import audit_record
from amparo.conftest import Cast

pytestmark = pytest.mark.django_db


def _verify() -> int:
    try:
        call_command("audit", "verify", stdout=io.StringIO())  # seals what is waiting, first
    except CommandError as exc:
        return int(exc.returncode)
    return 0


def test_a_user_agent_changed_in_place_no_longer_verifies(cast: Cast) -> None:
    event = audit_record(
        actor=cast.attorney, action="case.read", organisation=cast.organisation, obj=cast.case
    )
    audit_record(actor=cast.attorney, action="case.read", organisation=cast.organisation)
    assert _verify() == 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # past the trigger
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_auditevent'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER "{name}"')
        pk = AuditEvent._meta.pk.get_db_prep_value(event.pk, connection)
        cursor.execute("UPDATE audit_auditevent SET user_agent = 'curl/8' WHERE id = %s", [pk])
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")
    assert _verify() == 1
