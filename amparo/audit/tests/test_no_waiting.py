"""Recording an event never waits on another request's open transaction (PostgreSQL, where
transactions really run side by side; on SQLite every writer takes the one write lock anyway,
for as long as its own short transaction)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from amparo.audit.models import AuditEvent
from amparo.audit.services import audit_record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL runs writers at once"),
]


class Abandon(Exception):
    pass


def test_an_event_is_recorded_while_another_transaction_of_the_chain_is_open() -> None:
    # The system chain: its lock row is committed, so the old design's lock would be real here.
    opened, release = threading.Event(), threading.Event()

    def long_request() -> None:
        try:
            with transaction.atomic():
                audit_record(actor=None, action="auth.login_failed", organisation=None)
                opened.set()
                release.wait(timeout=30)
                raise Abandon  # roll back: this test's database keeps nothing of it
        except Abandon:
            pass
        finally:
            connections.close_all()

    other = threading.Thread(target=long_request)
    other.start()
    try:
        assert opened.wait(timeout=30)
        with connection.cursor() as cursor:
            # Waiting on the other transaction's locks would fail here instead of hanging.
            cursor.execute("SET LOCAL lock_timeout = '2s'")
        event = audit_record(actor=None, action="auth.login_failed", organisation=None)
    finally:
        release.set()
        other.join(timeout=30)
    assert AuditEvent.objects.filter(pk=event.pk).exists()
