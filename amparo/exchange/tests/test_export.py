"""A case's export: every related record, its documents, masked for advocacy staff, audited."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, Note
from amparo.exchange.services import cases_import

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _export(client, case_id) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/cases/{case_id}/export")
    assert response.status_code == 200, response.content[:200]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("case.json"))


def test_export_holds_every_record_of_the_case_and_is_audited(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    cases_import(
        actor=cast.admin,
        organisation=cast.organisation,
        file_name="cases.csv",
        data=(SAMPLES / "cases.csv").read_bytes(),
    )
    from amparo.cases.models import Case

    case = Case.objects.get(person__a_number="201555001")
    data = _export(api_for(cast.attorney), case.id)["records"]
    for label in (
        "cases.Case",
        "people.Person",
        "people.Relative",
        "custody.Placement",
        "relief.Request",
        "relief.Decision",
        "cases.Note",
        "exchange.ExternalRecord",
        "audit.AuditEvent",
    ):
        assert data.get(label), label
    assert data["people.Person"][0]["a_number"] == "201555001"
    assert {e["action"] for e in data["audit.AuditEvent"]} >= {"case.import"}
    assert AuditEvent.objects.filter(action="case.export", case_id=case.id).count() == 1


def test_an_advocates_export_is_masked_as_the_advocates_view(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    person = cast.case.person
    person.has_criminal_history, person.criminal_history_summary = True, "MARKER-HISTORY"
    person.save()
    Note.objects.create(case=cast.case, body="MARKER-NOTE", privileged=True)
    text = json.dumps(_export(api_for(cast.advocate), cast.case.id), ensure_ascii=False)
    assert "MARKER-HISTORY" not in text and "MARKER-NOTE" not in text
    assert "012345678" not in text and "A•••-•••-678" in text
    assert "audit.AuditEvent" not in text  # the access log is for admins and attorneys
    assert api_for(cast.outsider).get(f"/api/v1/cases/{cast.case.id}/export").status_code == 404


def test_the_case_page_links_to_the_export_which_downloads(cast, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(cast.paralegal)
    page = client.get(f"/cases/{cast.case.id}/")
    assert f"/cases/{cast.case.id}/export.zip" in page.content.decode()
    response = client.get(f"/cases/{cast.case.id}/export.zip")
    assert response["Content-Type"] == "application/zip"


def test_command_exports_a_case_by_a_number(cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "case.zip"
    call_command("export", "case", "A012-345-678", "--out", str(out), stdout=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("case.json"))["case_id"] == str(cast.case.id)


def test_an_admin_exports_the_whole_organisation_streamed(cast, client) -> None:  # type: ignore[no-untyped-def]
    from amparo.factories import CaseFactory, PersonFactory

    CaseFactory(person=PersonFactory(organisation=cast.organisation))
    client.force_login(cast.admin)
    response = client.get("/organisation/export.zip")
    assert response.status_code == 200 and response.streaming
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        about = json.loads(archive.read("organisation.json"))
    assert sum(n.endswith("/case.json") for n in names) == 2
    assert about["organisation"]["slug"] == "riverside"
    assert f"cases/{cast.outsider_case.id}/case.json" not in names
    assert AuditEvent.objects.filter(action="organisation.export").count() == 1
    client.force_login(cast.attorney)
    assert client.get("/organisation/export.zip").status_code == 404


def test_command_exports_an_organisation(cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "org.zip"
    call_command("export", "organisation", "riverside", "--out", str(out), stdout=io.StringIO())
    with zipfile.ZipFile(out) as archive:
        assert f"cases/{cast.case.id}/case.json" in archive.namelist()


def test_the_organisation_export_reports_cases_done_rate_and_time_left(cast) -> None:  # type: ignore[no-untyped-def]
    from amparo.exchange.export import organisation_export
    from amparo.exchange.progress import TerminalProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = TerminalProgress(screen)
    total = Case.objects.filter(organisation=cast.organisation).count()
    b"".join(organisation_export(user=None, organisation=cast.organisation, progress=progress))
    progress.close()
    last = screen.getvalue().strip().split("\r")[-1]
    assert last.startswith(f"{total} of {total} rows,") and "rows/s" in last and "s left" in last


def test_moments_are_exported_to_the_microsecond(cast, api_for) -> None:  # type: ignore[no-untyped-def]
    """An organisation exported, imported and exported again says the same: a moment is not
    cut to the millisecond on the way out."""
    import datetime

    at = datetime.datetime(2026, 11, 30, 12, 0, 0, 456, tzinfo=datetime.UTC)
    note = Note.objects.create(case=cast.case, body="Called the family")
    Note.objects.filter(pk=note.pk).update(created_at=at)
    notes = _export(api_for(cast.attorney), cast.case.id)["records"]["cases.Note"]
    written = next(n["created_at"] for n in notes if n["id"] == str(note.pk))
    assert written == "2026-11-30T12:00:00.000456Z"
    assert datetime.datetime.fromisoformat(written) == at
