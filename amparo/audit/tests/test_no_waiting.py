"""Recording an event never waits on another request's open transaction (PostgreSQL, where
transactions really run side by side; on SQLite every writer takes the one write lock anyway,
for as long as its own short transaction)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from amparo.audit.models import AuditEvent
from amparo.audit.services import audit_record
from amparo.factories import OrganisationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL runs writers at once"),
]


def test_an_event_is_recorded_while_another_transaction_of_the_organisation_is_open() -> None:
    organisation = OrganisationFactory(slug="busy")
    opened, release = threading.Event(), threading.Event()

    def long_request() -> None:
        try:
            with transaction.atomic():
                audit_record(actor=None, action="case.update", organisation=organisation)
                opened.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    other = threading.Thread(target=long_request)
    other.start()
    try:
        assert opened.wait(timeout=30)
        with transaction.atomic(), connection.cursor() as cursor:
            # Waiting on the other transaction's locks would fail here instead of hanging.
            cursor.execute("SET LOCAL lock_timeout = '2s'")
            audit_record(actor=None, action="case.read", organisation=organisation)
    finally:
        release.set()
        other.join(timeout=30)
    assert AuditEvent.objects.filter(organisation=organisation).count() == 2
