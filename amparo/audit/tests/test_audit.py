"""The audit trail: hash chains per organisation and for the system, `amparo audit verify`,
append-only at every level, sign-in events, the case access log and the organisation export."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client

from amparo.accounts.services import organisation_create
from amparo.audit.hashing import HASHED_COLUMNS
from amparo.audit.integrity import chain_verify
from amparo.audit.models import AppendOnlyError, AuditEvent
from amparo.audit.sealing import audit_seal
from amparo.audit.services import audit_record
from amparo.conftest import Cast, api_client_for
from amparo.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _record(cast: Cast, n: int = 3, *, seal: bool = True) -> list[AuditEvent]:
    events = [
        audit_record(
            actor=cast.attorney,
            action="case.read",
            organisation=cast.organisation,
            case_id=cast.case.id,
            obj=cast.case,
        )
        for _ in range(n)
    ]
    if seal:
        audit_seal()
    return [AuditEvent.objects.get(pk=e.pk) for e in events]


def _verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


def _tamper(sql: str, params: list[Any]) -> None:
    """Change a row behind the application's back, as someone with database access would: with
    the append-only trigger out of the way (a superuser or the SQLite file's owner can do that)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Superuser only: user triggers do not fire for this session role.
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


def _db_id(event: AuditEvent) -> Any:
    return AuditEvent._meta.pk.get_db_prep_value(event.id, connection)


def test_recording_writes_a_plain_row_that_the_sealer_chains_later(cast: Cast) -> None:
    events = _record(cast, 2, seal=False)
    assert [e.position for e in events] == [None, None]
    assert [e.hash for e in events] == ["", ""]
    assert events[1].sequence > events[0].sequence
    report = chain_verify(cast.organisation)
    assert report.intact and report.unsealed >= 2

    audit_seal()

    first, second = (AuditEvent.objects.get(pk=e.pk) for e in events)
    assert second.position == first.position + 1  # type: ignore[operator]
    assert second.previous_hash == first.hash != ""
    assert chain_verify(cast.organisation).unsealed == 0


def test_each_organisation_has_its_own_chain(cast: Cast) -> None:
    audit_record(actor=cast.outsider, action="case.read", organisation=cast.other_organisation)
    ours = _record(cast)
    theirs = AuditEvent.objects.filter(organisation=cast.other_organisation).last()
    assert theirs is not None
    assert [e.position for e in ours] == [
        ours[0].position,
        ours[0].position + 1,  # type: ignore[operator]
        ours[0].position + 2,  # type: ignore[operator]
    ]
    assert ours[1].previous_hash == ours[0].hash
    assert ours[0].previous_hash != theirs.hash
    assert chain_verify(cast.organisation).intact
    assert chain_verify(cast.other_organisation).intact


def test_events_without_an_organisation_form_the_system_chain() -> None:
    first = audit_record(actor=None, action="auth.login_failed", organisation=None)
    second = audit_record(actor=None, action="auth.login_failed", organisation=None)
    audit_seal()
    first, second = AuditEvent.objects.get(pk=first.pk), AuditEvent.objects.get(pk=second.pk)
    assert second.position == first.position + 1  # type: ignore[operator]
    assert second.previous_hash == first.hash
    report = chain_verify(None)
    assert report.intact and report.chain == "system"
    assert report.head_hash == second.hash


def test_an_event_that_commits_late_is_sealed_after_those_sealed_before_it(cast: Cast) -> None:
    early = _record(cast, 1)[0]
    # A transaction that took its number before `early` but committed after it was sealed.
    late = AuditEvent(
        organisation=cast.organisation, action="case.update", sequence=early.sequence - 1
    )
    late.save(force_insert=True)
    audit_seal()
    assert AuditEvent.objects.get(pk=late.pk).position == early.position + 1  # type: ignore[operator]
    assert _verify("--org", "riverside")[0] == 0


def test_verify_seals_the_tail_and_reports_what_is_left(cast: Cast) -> None:
    _record(cast, 2, seal=False)
    code, out = _verify()
    assert code == 0, out
    assert "ok riverside" in out and "ok lakeshore" in out and "ok system" in out
    assert "unsealed=0" in out
    assert AuditEvent.objects.filter(position__isnull=True).count() == 0


def test_the_hash_covers_every_column_of_the_model() -> None:
    columns = {f.name for f in AuditEvent._meta.concrete_fields} - {"hash"}
    assert set(HASHED_COLUMNS) == columns


# A changed value for each column, as SQL; the hash must notice every one.
TAMPERED = {
    "created_at": "created_at = %s",
    "organisation": None,  # moving a row to another chain is a gap there: tested below
    "actor": "actor_id = NULL",
    "action": "action = 'case.update'",
    "case_id": "case_id = NULL",
    "object_type": "object_type = 'Person'",
    "object_id": "object_id = 'x'",
    "changed_fields": "changed_fields = '[\"a_number\"]'",
    "ip_address": "ip_address = '198.51.100.9'",
    "user_agent": "user_agent = 'curl/8'",
    "sequence": "sequence = sequence + 100000",
    "position": None,  # a gap or a broken link: the gap and link tests
    "previous_hash": None,
    "hash_version": "hash_version = 1",
    "id": None,  # the id is hashed; changing it is also a new row, as deletion plus insertion
}


@pytest.mark.parametrize("column", [c for c, sql in TAMPERED.items() if sql])
def test_verify_names_a_row_whose_column_changed_in_place(cast: Cast, column: str) -> None:
    events = _record(cast, 4)
    target = events[2]
    params: list[object] = [_db_id(target)]
    if column == "created_at":
        params.insert(0, target.created_at.replace(year=2020))
    _tamper(f"UPDATE audit_auditevent SET {TAMPERED[column]} WHERE id = %s", params)

    code, out = _verify("--org", "riverside")

    assert code == 1, (column, out)
    assert f"BROKEN riverside at position {target.position} (event {target.id})" in out
    assert "contents no longer match its hash" in out


def test_verify_names_the_link_after_a_row_whose_hash_was_recomputed(cast: Cast) -> None:
    events = _record(cast, 4)
    target = events[1]
    _tamper("UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["0" * 64, _db_id(target)])

    code, out = _verify("--org", "riverside")

    # The forged row itself no longer matches; had the forger made it match, the next link would
    # not: either way verify stops at the first broken link.
    assert code == 1
    assert f"at position {target.position} " in out


def test_verify_names_a_gap_left_by_a_deleted_row(cast: Cast) -> None:
    events = _record(cast, 4)
    target = events[1]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [_db_id(target)])

    code, out = _verify("--org", "riverside")

    assert code == 1
    assert f"at position {target.position + 1} " in out and "missing" in out  # type: ignore[operator]


def test_verify_names_a_row_moved_to_another_chain(cast: Cast) -> None:
    events = _record(cast, 3)
    _tamper(
        "UPDATE audit_auditevent SET organisation_id = %s WHERE id = %s",
        [
            AuditEvent._meta.get_field("organisation").get_db_prep_value(
                cast.other_organisation.id, connection
            ),
            _db_id(events[1]),
        ],
    )
    code, out = _verify()
    assert code == 1
    assert "BROKEN riverside" in out


def test_verify_refuses_an_unknown_organisation() -> None:
    code, _ = _verify("--org", "nowhere")
    assert code == 2


def test_the_application_has_no_update_or_delete_path(cast: Cast) -> None:
    event = _record(cast, 1)[0]
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "case.read"


@pytest.mark.parametrize("sealed", [True, False])
def test_the_database_refuses_to_update_an_audit_row(cast: Cast, sealed: bool) -> None:
    event = _record(cast, 1, seal=sealed)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET action = %s WHERE id = %s", ["x", _db_id(event)]
        )
    assert AuditEvent.objects.get(pk=event.pk).action == "case.read"


def test_the_database_refuses_to_seal_a_row_twice(cast: Cast) -> None:
    event = _record(cast, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET position = 99, hash = %s WHERE id = %s",
            ["0" * 64, _db_id(event)],
        )
    assert AuditEvent.objects.get(pk=event.pk).hash == event.hash


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the DELETE trigger is PostgreSQL's (see 0003)"
)
def test_postgresql_refuses_to_delete_an_audit_row(cast: Cast) -> None:
    event = _record(cast, 1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [_db_id(event)])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_creating_an_organisation_goes_on_its_own_chain() -> None:
    organisation = organisation_create(name="Harbor Immigrant Defense")
    audit_seal()
    assert AuditEvent.objects.filter(organisation=organisation, position=1).exists()


# --- sign-in events ---------------------------------------------------------------------------


def _actions(**filters: object) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def test_sign_in_sign_out_and_failed_sign_in_are_recorded(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    bad = client.post("/accounts/login/", {"login": "attorney@riverside.test", "password": "no"})
    assert bad.status_code == 200
    good = client.post(
        "/accounts/login/", {"login": "attorney@riverside.test", "password": TEST_PASSWORD}
    )
    assert good.status_code == 302
    client.post("/accounts/logout/")

    events = AuditEvent.objects.filter(
        organisation=cast.organisation, action__startswith="auth."
    ).order_by("sequence")
    assert [e.action for e in events] == ["auth.login_failed", "auth.login", "auth.logout"]
    failed, login, logout = events
    assert failed.actor_id is None and failed.object_id == str(cast.attorney.pk)
    assert login.actor_id == logout.actor_id == cast.attorney.pk
    assert {e.ip_address for e in events} == {"203.0.113.7"}


def test_failed_sign_in_for_an_unknown_address_goes_on_the_system_chain(db: None) -> None:
    before = AuditEvent.objects.filter(organisation=None).count()
    Client().post("/accounts/login/", {"login": "nobody@example.org", "password": "guess-1234"})
    assert _actions(organisation=None)[before:] == ["auth.login_failed"]
    # The typed address is not kept anywhere in the event.
    event = AuditEvent.objects.filter(organisation=None).order_by("-sequence").first()
    assert event is not None and "nobody" not in str(vars(event))


# --- the case access log and the export -------------------------------------------------------


def test_access_log_page_lists_who_read_the_case_and_is_itself_recorded(cast: Cast) -> None:
    reader = Client()
    reader.force_login(cast.paralegal)
    reader.get(f"/cases/{cast.case.id}/")
    attorney = Client()
    attorney.force_login(cast.attorney)

    response = attorney.get(f"/audit/cases/{cast.case.id}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "paralegal@riverside.test" in page and "case.read" in page
    assert _actions(case_id=cast.case.id)[-1] == "audit.case_log.read"
    paralegal = reader.get(f"/audit/cases/{cast.case.id}/")
    assert paralegal.status_code == 404


def test_api_reads_of_a_case_are_recorded(cast: Cast) -> None:
    client = api_client_for(cast.advocate)
    before = len(_actions(case_id=cast.case.id))
    client.get(f"/api/v1/cases/{cast.case.id}")
    client.get(f"/api/v1/cases/{cast.case.id}/timeline")
    events = AuditEvent.objects.filter(case_id=cast.case.id).order_by("sequence")[before:]
    assert [(e.action, e.actor_id) for e in events] == [
        ("case.read", cast.advocate.pk),
        ("case.read", cast.advocate.pk),
    ]


def test_admin_exports_the_organisation_log_as_csv_and_the_export_is_recorded(cast: Cast) -> None:
    client = Client(HTTP_USER_AGENT='=HYPERLINK("http://evil.example")')
    client.force_login(cast.admin)
    client.get(f"/cases/{cast.case.id}/")

    response = client.get("/audit/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[-1]["action"] == "audit.export"
    assert any(r["action"] == "case.read" and r["actor"] == "admin@riverside.test" for r in rows)
    assert {r["sequence"] for r in rows} == {
        str(s)
        for s in AuditEvent.objects.filter(organisation=cast.organisation).values_list(
            "sequence", flat=True
        )
    }
    # A spreadsheet must not run what a client sent as its user agent.
    assert all(not r["user_agent"].startswith("=") for r in rows)
    assert not any("lakeshore" in r["actor"] for r in rows)


@pytest.mark.parametrize("role", ["attorney", "paralegal", "advocate", "read_only", "outsider"])
def test_only_admins_export_the_log(cast: Cast, role: str) -> None:
    client = Client()
    client.force_login(getattr(cast, role))
    assert client.get("/audit/export.csv").status_code == 404
