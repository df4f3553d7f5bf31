"""`make bench`: case imports and ICE facility imports against a raw bulk insert of the same rows.

Fills a throw-away SQLite database (or the --database-url given), then times, in the same run:
the whole case import of N rows (read, check, match, write, audit, search index) against a raw
insert of the very rows it writes (people, cases, external ids, placements, audit events and
their search-index entries, already prepared, by ``executemany``, or one ``COPY`` per table
on PostgreSQL, as the import writes them); and the ICE facilities import of a sheet made from
ICE's real FY26 rows against a raw insert of the same facilities, new and then renamed, the
median of `--repeat` runs (each beside a raw insert of its own, each import from empty memos
of normalised names as a fresh process starts). Each raw insert commits, as the import does
(the commit is on its clock), and its rows are then deleted, off the clock, so the import
meets the tables as they were.
Rates are given on the wall clock and on CPU time (less disturbed by a busy shared machine).
Targets: at least 5,000 rows/s, and at least 30% of the raw insert's rate, on the wall clock.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_RATE = 5000.0
TARGET_SHARE = 0.30


def _setup(database_url: str) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="amparo-bench-import-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    os.environ["DJANGO_ENV"] = "test"
    os.environ["DJANGO_DEBUG"] = "0"  # as in production: no log of every statement
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    from django.conf import settings

    django.setup()
    # Queue tasks as production does: the audit sealer runs later in the worker, not inside
    # the import being timed.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from amparo.custody.reference import reference_load

    reference_load()


def _case_file(count: int, prefix: str) -> bytes:
    facilities = [
        "Delaney Hall",
        "Stewart Detention Center",
        "KROME NORTH SERVICE PROCESSING CENTER",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "external_id",
            "given_name",
            "family_name",
            "a_number",
            "country_of_birth",
            "immigration_status",
            "facility",
            "held_since",
        ]
    )
    for n in range(count):
        writer.writerow(
            [
                f"{prefix}{n}",
                f"Given{n}",
                f"Family{n}",
                f"A{(n * 7919) % 10**9:09d}"[:10],
                "México" if n % 2 else "GT",
                "undocumented",
                facilities[n % 3],
                "2026-02-01",
            ]
        )
    return out.getvalue().encode()


def _raw_cases(data: bytes, organisation: Any) -> tuple[float, float]:
    """The very rows the import writes (people, cases, external ids, placements and the audit
    events, with their search-index entries), already prepared for the database, inserted
    with ``executemany`` (one ``COPY`` per table on PostgreSQL) and committed, as the import
    commits them: the cost of the database itself. The rows are removed afterwards
    (`_remove`), so the import meets the tables as they were."""
    import uuid

    from amparo.exchange.checking import check_rows, references
    from amparo.exchange.importer import CaseWriter
    from amparo.exchange.reading import read_table
    from amparo.exchange.report import Report
    from amparo.search.bulk import indexed_by_id

    table = read_table("b.csv", data)
    refs = references(organisation)
    report = Report()
    rows = check_rows(table, refs, report)
    writer = CaseWriter(organisation=organisation, actor=None, refs=refs)
    writer.plan(rows, report)  # reads only: the rows to write, prepared before the clock
    tables = writer.tables(uuid.uuid4(), sorted(table.header))
    written: list[tuple[str, list[Any]]] = []
    # The search index kept in step the fastest way the database offers (the same as the
    # import's), so the share is measured against the strictest baseline. The rows go in as
    # the import's do: ``executemany`` on SQLite, one ``COPY`` on PostgreSQL.
    names = [t.model._meta.db_table for t in tables]
    took = _committed(lambda: _flush_indexed(tables, names, written, indexed_by_id))
    _remove(written)
    return took


def _flush_indexed(
    tables: list[Any], names: list[str], written: list[tuple[str, list[Any]]], indexed: Any
) -> None:
    with indexed(names) as index:
        for writer_ in tables:
            ids = writer_.pending_ids()
            writer_.flush()
            index(writer_.model._meta.db_table, ids)
            written.append((writer_.model._meta.db_table, ids))


def _committed(write: Any) -> tuple[float, float]:
    """Wall and CPU time of `write` run in a transaction of its own, its commit included: the
    import commits its rows, so the raw insert it is measured against commits too (on
    PostgreSQL the commit runs the deferred foreign-key checks and waits for the WAL flush;
    on SQLite it writes the WAL). Rolled back, the baseline would skip work the import pays."""
    from django.db import transaction

    started, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        write()
    return time.perf_counter() - started, time.process_time() - cpu


def _remove(written: list[tuple[str, list[Any]]]) -> None:
    """Delete a baseline's committed rows (children first), outside the clock, so the import
    after it finds the tables as they were: no row of its own already there, no match. The
    audit table refuses deletes on PostgreSQL (its append-only trigger): in this throw-away
    database the trigger is set aside for this one delete, inside its transaction (as
    migration audit 0005 does), and the tables are vacuumed of the dead rows after."""
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    postgres = connection.vendor == "postgresql"
    audit = "audit_auditevent"
    with transaction.atomic(), connection.cursor() as cursor:
        for table, ids in reversed(written):
            guarded = postgres and table == audit
            if guarded:
                cursor.execute(f"ALTER TABLE {audit} DISABLE TRIGGER audit_event_append_only")
            for start in range(0, len(ids), 900):  # under SQLite's limit on parameters
                chunk = ids[start : start + 900]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {quote(table)} WHERE id IN ({marks})", chunk)
            if guarded:
                cursor.execute(f"ALTER TABLE {audit} ENABLE TRIGGER audit_event_append_only")
    if postgres:
        with connection.cursor() as cursor:
            for table, _ids in written:
                cursor.execute(f"VACUUM {quote(table)}")


# ICE's own FY26 facility sheet (every column of it), when this checkout sits beside the shared
# data; else the facilities Amparo ships, in the sheet's seven columns.
ICE_SHEETS = [
    root / "shared/data/ice_detention_stats_facilities_fy26.csv"
    for root in Path(__file__).resolve().parents[1:4]
]


def _facility_sheet(count: int) -> bytes:
    """A sheet of `count` facilities made from ICE's real rows, renamed so each is new."""
    ice_sheet = next((p for p in ICE_SHEETS if p.is_file()), None)
    if ice_sheet is not None:
        with ice_sheet.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header, real = next(reader), list(reader)
        name, address = header.index("name"), header.index("address")
    else:
        from amparo.custody.rules import FACILITIES_CSV

        with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
            shipped = list(csv.DictReader(fh))
        header = ["Name", "Address", "City", "State", "Zip", "AOR", "Type Detailed"]
        keys = ["name", "address", "city", "state", "zip_code", "aor_code", "facility_type"]
        real, name, address = [[r[k] for k in keys] for r in shipped], 0, 1
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for n in range(count):
        row = list(real[n % len(real)])
        row[name] = f"{row[name]} UNIT {n}"
        row[address] = f"{row[address]} BLDG {n}"  # each its own site, as in ICE's sheets
        writer.writerow(row)
    return out.getvalue().encode()


def _raw_facilities(path: Path) -> tuple[float, float]:
    """The very rows the import adds to ``custody_facility`` (every one new: the sheet's names
    and addresses are new), prepared for the database as the importer prepares them (the
    state from the ZIP when the sheet leaves it blank, the county the venue rules assign),
    inserted with ``executemany`` (``COPY`` on PostgreSQL) and committed, as the import commits,
    then removed (`_remove`). The import writes one audit event besides; no search index
    covers facilities."""
    from amparo.custody.facility_files import read_sheet
    from amparo.custody.facility_rows import NewFacilities
    from amparo.custody.importer import state_from_zip
    from amparo.custody.models import FieldOffice

    offices = {o.code: o.id for o in FieldOffice.objects.all()}
    sheet = read_sheet(path, set(offices))
    new = NewFacilities(sheet, offices)  # the importer's own rows, by its own code
    for r in sheet.rows:
        new.add(r, r.state or state_from_zip(r.zip_code))
    table = new.table()
    ids = table.pending_ids()
    took = _committed(table.flush)  # ``executemany`` on SQLite, one ``COPY`` on PostgreSQL
    _remove([(table.model._meta.db_table, ids)])
    return took


def _facility_ids() -> set[Any]:
    from amparo.custody.models import Facility

    return set(Facility.objects.values_list("pk", flat=True))


def _remove_facilities_added(before: set[Any]) -> None:
    """Delete the facilities a run's imports added (off the clock), so the next run meets the
    tables as the first did (the facilities there `before` are untouched by the sheets)."""
    from django.db import connection

    from amparo.custody.models import Facility

    Facility.objects.exclude(pk__in=before).delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {connection.ops.quote_name(Facility._meta.db_table)}")


def _tables_first_use() -> float:
    """What a facility import pays once per process before its first new row: the ZIP and
    county tables, loaded in a fresh interpreter (so nothing is cached)."""
    import subprocess

    code = (
        "import time; from amparo.custody.rules import places; t = time.perf_counter(); "
        "places.zip_table().counties('39120'); places.county_table(); "
        "print(time.perf_counter() - t)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def _line(label: str, rows: int, took: tuple[float, float], raw: tuple[float, float]) -> bool:
    """Wall-clock rates, and the same on CPU time (the process's own work, which a busy shared
    machine disturbs far less; SQLite runs in the process, so its work is counted)."""
    return _median_line(label, rows, [took], [raw])


def _median_line(
    label: str, rows: int, took: list[tuple[float, float]], raw: list[tuple[float, float]]
) -> bool:
    """`_line` for runs repeated in pairs (`took[i]` measured beside `raw[i]`): the median
    run and the median share of the pairs, with their range when there are several."""
    wall, cpu = statistics.median(t[0] for t in took), statistics.median(t[1] for t in took)
    raw_wall, raw_cpu = statistics.median(r[0] for r in raw), statistics.median(r[1] for r in raw)
    shares = [r[0] / t[0] for t, r in zip(took, raw, strict=True)]
    cpu_shares = [r[1] / t[1] for t, r in zip(took, raw, strict=True)]
    share, cpu_share = statistics.median(shares), statistics.median(cpu_shares)
    ok = rows / wall >= TARGET_RATE and share >= TARGET_SHARE
    spread = (
        f" [{len(took)} runs, shares {min(shares):.0%}-{max(shares):.0%}]" if len(took) > 1 else ""
    )
    print(
        f"{label:<32} {rows:>6,} rows {wall:5.2f}s {rows / wall:>7,.0f} rows/s "
        f"(raw {rows / raw_wall:>7,.0f}, share {share:4.0%}) | CPU {cpu:5.2f}s "
        f"{rows / cpu:>7,.0f} rows/s (raw {rows / raw_cpu:>7,.0f}, share {cpu_share:4.0%})  "
        f"{'ok' if ok else 'MISSED'}{spread}"
    )
    return ok


def _timed(run: Any) -> tuple[float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000, help="case rows (default 10,000)")
    parser.add_argument("--facilities", type=int, default=5_000, help="facility rows")
    parser.add_argument(
        "--repeat",
        type=int,
        default=9,
        help="facility import runs, each beside a raw insert of its own (the median is shown)",
    )
    parser.add_argument("--database-url", default="", help="default: a throw-away SQLite file")
    args = parser.parse_args()
    _setup(args.database_url)

    from amparo.accounts.models import Organisation
    from amparo.custody.importer import facilities_import
    from amparo.custody.rules import forget_normalised_names
    from amparo.exchange.services import cases_import

    organisation = Organisation.objects.create(name="Bench", slug="bench-import")
    data = _case_file(args.rows, "B")
    raw = _raw_cases(data, organisation)
    reports: list[Any] = []

    def import_file() -> None:
        reports.append(
            cases_import(actor=None, organisation=organisation, file_name="b.csv", data=data)[1]
        )

    took = _timed(import_file)
    assert not reports[-1].problems, reports[-1].problems[:3]
    ok = _line("case import (new cases)", args.rows, took, raw)
    again = _timed(import_file)
    assert reports[-1].count("unchanged") == args.rows
    ok = _line("case import (same file again)", args.rows, again, raw) and ok

    print(f"ZIP and county tables, first use in a fresh process: {_tables_first_use():.3f}s")
    path = Path(tempfile.mkdtemp()) / "FY26_bench.csv"
    sheet = _facility_sheet(args.facilities)
    renamed = sheet.replace(b" UNIT ", b" ANNEX ")
    runs: dict[str, list[tuple[float, float]]] = {"raw": [], "new": [], "renamed": []}
    before = _facility_ids()
    for _run in range(args.repeat):
        path.write_bytes(sheet)
        runs["raw"].append(_raw_facilities(path))
        # Each import as in a process of its own (`amparo facilities import`): nothing the raw
        # insert's preparation or the run before normalised is left in the memos.
        forget_normalised_names()
        runs["new"].append(_timed(lambda: facilities_import(path=path)))
        path.write_bytes(renamed)
        forget_normalised_names()
        runs["renamed"].append(_timed(lambda: facilities_import(path=path)))
        _remove_facilities_added(before)
    # New facilities are placed in a county by the venue rules (assign_county), row by row.
    ok = (
        _median_line("ICE facilities import (new)", args.facilities, runs["new"], runs["raw"])
        and ok
    )
    ok = (
        _median_line(
            "ICE facilities import (renamed)", args.facilities, runs["renamed"], runs["raw"]
        )
        and ok
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
