"""`make bench`: case imports and ICE facility imports against a raw bulk insert of the same rows.

Fills a throw-away SQLite database (or the --database-url given), then times, in the same run:
the whole case import of N rows (read, check, match, write, audit) against a bare
``bulk_create`` of the same people, cases and placements; and the ICE facilities import of a
generated sheet against a bare ``bulk_create`` of the same facilities. Targets: at least 5,000
rows/s, and at least 30% of the raw insert's rate. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
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


def _raw_cases(count: int, organisation: Any) -> float:
    """The same rows as bare objects, bulk-inserted with no reading or checking."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from amparo.cases.models import Case
    from amparo.custody.models import Facility, Placement
    from amparo.exchange.models import ExternalRecord
    from amparo.people.models import Person

    facility = Facility.objects.first()
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        people = [
            Person(
                organisation=organisation,
                given_name=f"G{n}",
                family_name=f"F{n}",
                a_number=f"{(n * 104729 + 7) % 10**9:09d}",
                country_of_birth="MX",
                immigration_status="undocumented",
            )
            for n in range(count)
        ]
        cases = [
            Case(
                organisation=organisation,
                person=p,
                title=p.given_name,
                opened_on=datetime.date(2026, 2, 1),
            )
            for p in people
        ]
        Person.objects.bulk_create(people, batch_size=500)
        Case.objects.bulk_create(cases, batch_size=500)
        ExternalRecord.objects.bulk_create(
            [
                ExternalRecord(organisation=organisation, external_id=f"R{n}", case=c)
                for n, c in enumerate(cases)
            ],
            batch_size=500,
        )
        Placement.objects.bulk_create(
            [
                Placement(
                    case=c, facility=facility, started_at=now, observed_at=now, source="attorney"
                )
                for c in cases
            ],
            batch_size=500,
        )
        transaction.set_rollback(True)
    return time.perf_counter() - started


def _facility_sheet(count: int) -> tuple[bytes, list[dict[str, str]]]:
    from amparo.custody.rules import FACILITIES_CSV

    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        shipped = list(csv.DictReader(fh))
    rows = []
    for n in range(count):
        base = shipped[n % len(shipped)]
        rows.append({**base, "name": f"{base['name']} UNIT {n}"})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Address", "City", "State", "Zip", "AOR", "Type Detailed"])
    for r in rows:
        writer.writerow(
            [
                r["name"],
                r["address"],
                r["city"],
                r["state"],
                r["zip_code"],
                r["aor_code"],
                r["facility_type"],
            ]
        )
    return out.getvalue().encode(), rows


def _raw_facilities(rows: list[dict[str, str]]) -> float:
    from django.db import transaction

    from amparo.custody.models import Facility, FieldOffice

    offices = {o.code: o for o in FieldOffice.objects.all()}
    started = time.perf_counter()
    with transaction.atomic():
        Facility.objects.bulk_create(
            [
                Facility(
                    name=r["name"],
                    address=r["address"],
                    city=r["city"],
                    state=r["state"],
                    zip_code=r["zip_code"],
                    facility_type=r["facility_type"],
                    field_office=offices[r["aor_code"]],
                    county=r["county"],
                    county_fips=r["county_fips"],
                )
                for r in rows
            ],
            batch_size=500,
        )
        transaction.set_rollback(True)
    return time.perf_counter() - started


def _line(label: str, rows: int, seconds: float, raw: float) -> bool:
    rate, share = rows / seconds, raw / seconds
    ok = rate >= TARGET_RATE and share >= TARGET_SHARE
    print(
        f"{label:<34} {rows:>7,} rows {seconds:6.2f}s {rate:>9,.0f} rows/s "
        f"raw insert {rows / raw:>9,.0f} rows/s  share {share:5.0%}  {'ok' if ok else 'MISSED'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000, help="case rows (default 10,000)")
    parser.add_argument("--facilities", type=int, default=5_000, help="facility rows")
    parser.add_argument("--database-url", default="", help="default: a throw-away SQLite file")
    args = parser.parse_args()
    _setup(args.database_url)

    from amparo.accounts.models import Organisation
    from amparo.custody.importer import facilities_import
    from amparo.exchange.services import cases_import

    organisation = Organisation.objects.create(name="Bench", slug="bench-import")
    raw = _raw_cases(args.rows, organisation)
    data = _case_file(args.rows, "B")
    started = time.perf_counter()
    _run, report = cases_import(actor=None, organisation=organisation, file_name="b.csv", data=data)
    took = time.perf_counter() - started
    assert not report.problems, report.problems[:3]
    ok = _line("case import (new cases)", args.rows, took, raw)
    started = time.perf_counter()
    _run, report = cases_import(actor=None, organisation=organisation, file_name="b.csv", data=data)
    again = time.perf_counter() - started
    assert report.count("unchanged") == args.rows
    ok = _line("case import (same file again)", args.rows, again, raw) and ok

    sheet, rows = _facility_sheet(args.facilities)
    raw_facilities = _raw_facilities(rows)
    path = Path(tempfile.mkdtemp()) / "FY26_bench.csv"
    path.write_bytes(sheet)
    started = time.perf_counter()
    facilities_import(path=path)
    took = time.perf_counter() - started
    # New facilities are placed in a county by the venue rules (assign_county), row by row.
    ok = _line("ICE facilities import (new)", args.facilities, took, raw_facilities) and ok
    renamed = sheet.replace(b" UNIT ", b" ANNEX ")
    path.write_bytes(renamed)
    started = time.perf_counter()
    facilities_import(path=path)
    took = time.perf_counter() - started
    ok = _line("ICE facilities import (renamed)", args.facilities, took, raw_facilities) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
