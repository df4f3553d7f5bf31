"""An organisation's export imported into an empty Amparo, exported again: the same records,
the same documents, and an audit trail that verifies."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from amparo.exchange.services import cases_import
from amparo.exchange.tests.helpers import amparo, database_url
from amparo.exchange.tests.test_backup import PNG, _drop, _new_database
from amparo.factories import CaseFactory, FacilityFactory, MembershipFactory, PlacementFactory

# Committed rows: the export is read back by another process into another database.
pytestmark = pytest.mark.django_db(transaction=True)
SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# What differs between an export and the export of its import, by design (docs/import.md):
# when it was exported, and where each audit event sits in the new chain and its hashes.
AUDIT_RESEALED = {"sequence", "position", "previous_hash", "hash"}


def _populate() -> Any:
    from amparo.documents.services import document_upload

    membership = MembershipFactory(role="admin", organisation__slug="round-trip")
    facility = FacilityFactory(name="ROUND TRIP PROCESSING CENTER", ice_code="RTTEST")
    case = CaseFactory(person__organisation=membership.organisation)
    PlacementFactory(case=case, facility=facility)
    document_upload(
        actor=membership.user,
        case=case,
        upload=SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
        kind="correspondence",
        title="Photo of the notice",
    )
    _run, report = cases_import(
        actor=membership.user,
        organisation=membership.organisation,
        file_name="cases.csv",
        data=(SAMPLES / "cases.csv").read_bytes(),
    )
    assert not report.problems
    return membership


def _contents(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Every case's records with reference ids replaced by what they name, and the files."""
    with zipfile.ZipFile(path) as archive:
        references = json.loads(archive.read("references.json"))["records"]
        named = {
            str(row["id"]): row.get("email") or row.get("name") or row.get("slug") or row["id"]
            for rows in references.values()
            for row in rows
        }
        cases: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        for name in archive.namelist():
            if name.endswith("case.json"):
                records = json.loads(archive.read(name))["records"]
                for label, rows in records.items():
                    for row in rows:
                        for key, value in row.items():
                            if isinstance(value, str) and value in named:
                                row[key] = named[value]
                        if label == "audit.AuditEvent":
                            for key in AUDIT_RESEALED:
                                row.pop(key)
                cases[name] = records
            elif "/documents/" in name:
                files[name] = archive.read(name)
        about = json.loads(archive.read("organisation.json"))
        about.pop("exported_at")
        about["members"] = sorted((m["email"], m["role"]) for m in about["members"])
        cases["organisation.json"] = about
    return cases, files


def _move_facility(url: str, ice_code: str) -> None:
    """The target's copy of a facility gets another id, as a separate installation's would."""
    sql = "UPDATE custody_facility SET id = %s WHERE ice_code = %s"
    new_id = "0f0f0f0f0f0f4f0f8f0f0f0f0f0f0f0f"
    if connection.vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute(sql.replace("%s", "?"), [new_id, ice_code])
        return
    with psycopg.connect(url) as pg, pg.cursor() as cursor:
        cursor.execute(
            sql,
            [
                f"{new_id[:8]}-{new_id[8:12]}-{new_id[12:16]}-{new_id[16:20]}-{new_id[20:]}",
                ice_code,
            ],
        )


def _reference_data() -> None:
    """What the migrations load, put back if an earlier transactional test flushed it."""
    from amparo.custody.reference import reference_load
    from amparo.relief.models import RequestType
    from amparo.relief.request_types import DEFAULT_REQUEST_TYPES

    reference_load()
    for row in DEFAULT_REQUEST_TYPES:
        known = {f.name for f in RequestType._meta.get_fields()}
        defaults = {k: v for k, v in row.items() if k in known and k != "slug"}
        RequestType.objects.update_or_create(slug=row["slug"], defaults=defaults)


def test_an_organisation_export_imports_into_an_empty_amparo_and_exports_the_same(
    tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _reference_data()
    FacilityFactory(name="ROUND TRIP PROCESSING CENTER", ice_code="RTTEST")
    empty = tmp_path / "empty.zip"
    call_command("backup", str(empty), stdout=io.StringIO())  # an Amparo with no organisation
    from amparo.custody.models import Facility

    Facility.objects.filter(ice_code="RTTEST").delete()
    _populate()
    first = tmp_path / "first.zip"
    call_command("export", "organisation", "round-trip", "--out", str(first), stdout=io.StringIO())

    name = _new_database(tmp_path)
    media = tmp_path / "imported-media"
    try:
        url = database_url(name)
        amparo("restore", str(empty), url=url, media=media)
        _move_facility(url, "RTTEST")
        done = amparo("import", "organisation", str(first), url=url, media=media)
        assert "without a password" in done.stdout and "Forgot your password" in done.stdout
        again = amparo("import", "organisation", str(first), url=url, media=media, check=False)
        assert again.returncode == 2 and "already has this organisation" in again.stderr
        second = tmp_path / "second.zip"
        amparo("export", "organisation", "round-trip", "--out", str(second), url=url, media=media)
        verified = amparo("audit", "verify", url=url, media=media)
        assert "BROKEN" not in verified.stdout and verified.stdout.startswith("ok")
    finally:
        _drop(name)

    records, files = _contents(first)
    records_again, files_again = _contents(second)
    assert files == files_again and len(files) == 1
    assert records == records_again
    cases = [v for k, v in records.items() if k.endswith("case.json")]
    assert len(cases) == 4
    assert any(case.get("relief.Decision") for case in cases)
    assert all(case["audit.AuditEvent"] for case in cases)
