"""Backups of a running Amparo and restores into an empty one.

A backup is one zip: ``manifest.json`` (what was taken, with the row count and a content hash of
every table and a SHA-256 of every stored file), the database, and ``files/`` (uploaded
documents and templates, read through Django's storage API so S3 works too). The database copy
is consistent while the app runs: SQLite's online backup API, or ``pg_dump`` inside a
repeatable-read transaction whose snapshot it shares (``--snapshot``), so the table hashes
describe exactly the rows dumped. Documents are written once under new names, so the files read
after the snapshot include every file it refers to.

A restore refuses a database that has tables, loads the copy, puts the files back, and checks
every table's count and hash and every file's hash against the manifest.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

FORMAT = 1
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"


class BackupError(RuntimeError):
    """The backup or restore cannot go on; the message says why."""


# --- hashing -----------------------------------------------------------------------------------


def _digest_rows(rows: Iterator[str]) -> tuple[int, str]:
    ordered = sorted(rows)  # order-free: the two databases may return rows in any order
    digest = hashlib.sha256()
    for row in ordered:
        digest.update(row.encode())
        digest.update(b"\n")
    return len(ordered), digest.hexdigest()


def sqlite_table_digests(db: sqlite3.Connection) -> dict[str, list[Any]]:
    """Row count and content hash of every table of a SQLite database. quote() renders each
    value as SQL text, so no Python type conversion can hide a difference."""
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    out: dict[str, list[Any]] = {}
    for table in tables:
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
        expression = " || ',' || ".join(f'quote("{c}")' for c in columns) or "''"
        rows = (r[0] for r in db.execute(f'SELECT {expression} FROM "{table}"'))
        out[table] = list(_digest_rows(rows))
    return out


def postgres_table_digests(cursor: Any) -> dict[str, list[Any]]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    out: dict[str, list[Any]] = {}
    for (table,) in cursor.fetchall():
        cursor.execute(f'SELECT t::text FROM "{table}" AS t')
        out[table] = list(_digest_rows(r[0] for r in cursor.fetchall()))
    return out


def live_table_digests() -> dict[str, list[Any]]:
    """Counts and hashes of the tables of the configured database, as they are now."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        return sqlite_table_digests(connection.connection)
    with connection.cursor() as cursor:
        return postgres_table_digests(cursor)


def _stored_files(directory: str = "") -> Iterator[str]:
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for folder in sorted(folders):
        yield from _stored_files(f"{directory}/{folder}" if directory else folder)


# --- backup ------------------------------------------------------------------------------------


def backup_create(path: Path) -> dict[str, Any]:
    """Write a backup of the database and the stored files to `path` (a zip); returns the
    manifest."""
    if path.exists():
        raise BackupError(f"{path} exists; choose a new file name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "database"
        if connection.vendor == "sqlite":
            member, tables = SQLITE_MEMBER, _sqlite_snapshot(copy)
        elif connection.vendor == "postgresql":
            member, tables = POSTGRES_MEMBER, _postgres_snapshot(copy)
        else:
            raise BackupError(f"No backup method for a {connection.vendor} database.")
        files: dict[str, str] = {}
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.write(copy, member)
            for name in _stored_files():
                with default_storage.open(name, "rb") as fh:
                    data = fh.read()
                files[name] = hashlib.sha256(data).hexdigest()
                archive.writestr(f"files/{name}", data)
            manifest = {
                "format": FORMAT,
                "vendor": connection.vendor,
                "taken_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "database": member,
                "tables": tables,
                "files": files,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    partial.rename(path)  # a backup cut short never looks complete
    return manifest


def _sqlite_snapshot(copy: Path) -> dict[str, list[Any]]:
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)  # online: writers wait only page by page
        return sqlite_table_digests(target)
    finally:
        target.close()


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {"PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client tools.")
    connection.ensure_connection()
    server = connection.pg_version // 10000  # type: ignore[attr-defined]
    version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)
    client = int(version.stdout.split()[-1].split(".")[0]) if version.stdout else 0
    if client < server:
        raise BackupError(
            f"{name} is version {client} but the server is {server}: "
            f"install the PostgreSQL {server} client tools."
        )
    return tool


def _postgres_snapshot(copy: Path) -> dict[str, list[Any]]:
    import os

    tool = _pg_tool("pg_dump")
    env, args = _pg_env()
    name = str(settings.DATABASES["default"]["NAME"])
    with connection.cursor() as cursor:
        # pg_dump reads the very snapshot the hashes are computed in.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            dump = [tool, *args, "--format=custom", "--no-owner", "--no-privileges"]
            dump += [f"--snapshot={snapshot}", "--file", str(copy), name]
            done = subprocess.run(dump, env={**os.environ, **env}, capture_output=True, text=True)
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
            return postgres_table_digests(cursor)
        finally:
            cursor.execute("ROLLBACK")


# --- restore -----------------------------------------------------------------------------------


def _has_tables() -> bool:
    connection.ensure_connection()
    return bool(connection.introspection.table_names())


@contextmanager
def _opened(path: Path) -> Iterator[tuple[zipfile.ZipFile, dict[str, Any]]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path}: not an Amparo backup ({exc}).") from exc
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError) as exc:
            raise BackupError(f"{path}: no readable manifest.json.") from exc
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: backup format {manifest.get('format')} is not {FORMAT}.")
        yield archive, manifest


def backup_restore(path: Path) -> dict[str, Any]:
    """Load a backup into the configured (empty) database and storage; returns the manifest.
    Raises BackupError if the database is not empty or anything differs afterwards."""
    with _opened(path) as (archive, manifest):
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"This backup is of a {manifest['vendor']} database; "
                f"the configured database is {connection.vendor}."
            )
        if _has_tables():
            raise BackupError("The database is not empty: restore needs a new, empty database.")
        taken = [n for n in manifest["files"] if default_storage.exists(n)]
        if taken:
            raise BackupError(f"The file store already holds {len(taken)} of the backup's files.")
        with tempfile.TemporaryDirectory() as work:
            copy = Path(archive.extract(manifest["database"], work))
            if connection.vendor == "sqlite":
                _sqlite_load(copy)
            else:
                _postgres_load(copy)
        for name, digest in manifest["files"].items():
            data = archive.read(f"files/{name}")
            if hashlib.sha256(data).hexdigest() != digest:
                raise BackupError(f"{name}: the file in the backup is damaged.")
            default_storage.save(name, ContentFile(data))
    _check(manifest)
    return manifest


def _sqlite_load(copy: Path) -> None:
    target = Path(str(settings.DATABASES["default"]["NAME"]))
    connection.close()
    source = sqlite3.connect(copy)
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        source.close()
        destination.close()


def _postgres_load(copy: Path) -> None:
    import os

    tool = _pg_tool("pg_restore")
    env, args = _pg_env()
    name = str(settings.DATABASES["default"]["NAME"])
    restore = [tool, *args, "--no-owner", "--no-privileges", "--exit-on-error"]
    restore += ["--dbname", name, str(copy)]
    done = subprocess.run(restore, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def _check(manifest: dict[str, Any]) -> None:
    now = live_table_digests()
    differ = sorted(t for t in manifest["tables"] if now.get(t) != manifest["tables"][t])
    if differ:
        raise BackupError(f"Restored tables differ from the backup: {', '.join(differ)}.")
