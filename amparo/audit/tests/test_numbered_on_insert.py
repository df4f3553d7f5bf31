"""Recording an event is one INSERT that takes its own number: no read before it, no transaction
of its own, and the number handed back on the event. Many readers at once still leave one
contiguous chain once sealed."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from amparo.audit.integrity import chain_verify
from amparo.audit.models import AuditEvent
from amparo.audit.sealing import audit_seal
from amparo.audit.services import audit_read
from amparo.conftest import Cast


@pytest.mark.django_db
def test_a_read_is_on_record_in_one_statement_that_numbers_the_event(cast: Cast) -> None:
    first = audit_read(actor=cast.attorney, case=cast.case)
    with CaptureQueriesContext(connection) as captured:
        second = audit_read(actor=cast.attorney, case=cast.case)
    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["INSERT"]
    assert isinstance(second.sequence, int) and second.sequence > first.sequence
    stored = AuditEvent.objects.values_list("sequence", flat=True).get(pk=second.pk)
    assert stored == second.sequence


@pytest.mark.django_db
def test_an_event_recorded_outside_a_transaction_is_committed_and_sealed(cast: Cast) -> None:
    event = audit_read(actor=cast.attorney, case=cast.case)
    audit_seal()
    sealed = AuditEvent.objects.get(pk=event.pk)
    assert sealed.sequence == event.sequence and sealed.position is not None
    assert chain_verify(cast.organisation).intact


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database runs one writer at a time (see conftest)",
)
def test_readers_at_once_take_distinct_numbers_and_the_chain_stays_contiguous(
    cast: Cast,
) -> None:
    threads, each = 6, 15
    start = threading.Barrier(threads)
    recorded: list[int] = []
    failed: list[BaseException] = []

    def reader() -> None:
        try:
            start.wait(timeout=30)
            for _ in range(each):  # autocommit, as a page's read is
                recorded.append(audit_read(actor=cast.attorney, case=cast.case).sequence)
        except BaseException as exc:  # reported by the assertion below
            failed.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=reader) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not failed
    assert len(recorded) == len(set(recorded)) == threads * each
    audit_seal()
    report = chain_verify(cast.organisation)
    assert report.intact, report.problem
    positions = list(
        AuditEvent.objects.filter(organisation=cast.organisation)
        .order_by("position")
        .values_list("position", flat=True)
    )
    assert positions == list(range(1, len(positions) + 1))
    assert set(recorded) <= set(
        AuditEvent.objects.filter(organisation=cast.organisation).values_list("sequence", flat=True)
    )
