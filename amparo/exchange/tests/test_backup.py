"""Backup → restore: every table's rows and content, every document, and the audit trail."""

from __future__ import annotations

import io
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from amparo.exchange.backup import live_table_digests, postgres_table_digests, sqlite_table_digests
from amparo.exchange.services import cases_import
from amparo.exchange.tests.helpers import amparo, database_url
from amparo.factories import CaseFactory, FacilityFactory, MembershipFactory, PlacementFactory

# Committed rows: pg_dump and a second process see only what is committed.
pytestmark = pytest.mark.django_db(transaction=True)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cf00000301010018dd8db40000000049454e44ae426082"
)


def _populate(tmp_path: Path) -> None:
    from amparo.documents.services import document_upload

    membership = MembershipFactory(role="attorney")
    facility = FacilityFactory(name="BACKUP TEST PROCESSING CENTER", ice_code="BKTEST")
    case = CaseFactory(person__organisation=membership.organisation)
    PlacementFactory(case=case, facility=facility)
    document_upload(
        actor=membership.user,
        case=case,
        upload=SimpleUploadedFile("photo.png", PNG, content_type="image/png"),
        kind="correspondence",
        title="Photo of the notice",
    )
    rows = "external_id,given_name,family_name,facility,held_since\n"
    rows += "".join(f"B{n},Given{n},Family{n},BKTEST,2026-01-0{1 + n % 8}\n" for n in range(30))
    cases_import(
        actor=membership.user,
        organisation=membership.organisation,
        file_name="cases.csv",
        data=rows.encode(),
    )


def _restored_digests(name: str) -> dict[str, list[Any]]:
    if connection.vendor == "sqlite":
        with sqlite3.connect(name) as db:
            return sqlite_table_digests(db)
    with psycopg.connect(database_url(name)) as pg, pg.cursor() as cursor:
        return postgres_table_digests(cursor)


def _new_database(tmp_path: Path) -> str:
    if connection.vendor == "sqlite":
        return str(tmp_path / "restored.sqlite3")
    name = f"{settings.DATABASES['default']['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    return name


def _drop(name: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_then_restore_into_an_empty_database_is_identical(
    tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    _populate(tmp_path)
    archive = tmp_path / "amparo-backup.zip"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "files" in out.getvalue()
    before = live_table_digests()
    assert before["exchange_externalrecord"][0] == 30
    assert before["audit_auditevent"][0] > 30

    name = _new_database(tmp_path)
    restored_media = tmp_path / "restored-media"
    try:
        url = database_url(name)
        done = amparo("restore", str(archive), url=url, media=restored_media)
        assert "match it" in done.stdout
        assert _restored_digests(name) == before
        originals = sorted(
            p.relative_to(settings.MEDIA_ROOT)
            for p in settings.MEDIA_ROOT.rglob("*")
            if p.is_file()
        )
        copies = sorted(
            p.relative_to(restored_media) for p in restored_media.rglob("*") if p.is_file()
        )
        assert originals == copies and originals
        for relative in originals:
            assert (restored_media / relative).read_bytes() == (
                settings.MEDIA_ROOT / relative
            ).read_bytes()
        verified = amparo("audit", "verify", url=url, media=restored_media)
        assert "BROKEN" not in verified.stdout and verified.stdout.startswith("ok")
    finally:
        _drop(name)


def test_backup_refuses_to_overwrite_and_restore_refuses_a_database_in_use(
    tmp_path: Path,
) -> None:
    target = tmp_path / "exists.zip"
    target.write_bytes(b"")
    with pytest.raises(CommandError) as caught:
        call_command("backup", str(target), stdout=io.StringIO())
    assert caught.value.returncode == 2
    fresh = tmp_path / "fresh.zip"
    call_command("backup", str(fresh), stdout=io.StringIO())
    with pytest.raises(CommandError, match="not empty") as caught:
        call_command("restore", str(fresh), stdout=io.StringIO())
    assert caught.value.returncode == 2
