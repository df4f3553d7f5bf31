"""`amparo facilities import`: ICE's facility sheets (CSV copies of FY24-FY26, and a workbook
built here), idempotent, all or nothing."""

from __future__ import annotations

import csv
import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from openpyxl import Workbook

from amparo.audit.models import AuditEvent
from amparo.custody.importer import FacilityImportError, facilities_import
from amparo.custody.models import Facility
from amparo.custody.rules import FACILITIES_CSV

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
HEADER = ["Name", "Address", "City", "State", "Zip", "AOR", "Type Detailed", "FY26 ALOS"]


def _sheet(year: int) -> Path:
    path = SHARED_DATA / f"ice_detention_stats_facilities_fy{year}.csv"
    if not path.exists():
        pytest.skip("shared/data not available")
    return path


def _count_rows(path: Path) -> int:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _snapshot() -> list[tuple[str, ...]]:
    return sorted(
        Facility.objects.values_list("name", "address", "city", "state", "zip_code", "source")
    )


@pytest.mark.django_db
def test_fy26_sheet_over_the_shipped_table_changes_nothing() -> None:
    """The shipped table's newest records are FY26's: importing FY26 adds and changes nothing,
    and reports the facilities last listed in FY24 or FY25 as no longer listed."""
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        older = sum(1 for r in csv.DictReader(fh) if r["latest_fiscal_year"] != "FY26")
    report = facilities_import(path=_sheet(26))
    assert report.added == []
    assert report.changed == []
    assert report.unchanged == _count_rows(_sheet(26))
    assert len(report.no_longer_listed) == older
    assert "ALAMANCE COUNTY DETENTION FACILITY (GRAHAM, NC)" in report.no_longer_listed


@pytest.mark.django_db
def test_fy24_then_fy25_then_fy26_then_fy26_again() -> None:
    """From an empty table: FY24 adds every row; FY25 adds, renames and reports; FY26 twice is
    idempotent. A renamed facility keeps its old ICE name as an alias."""
    Facility.objects.all().delete()
    fy24 = facilities_import(path=_sheet(24))
    assert len(fy24.added) == _count_rows(_sheet(24))
    assert fy24.changed == [] and fy24.no_longer_listed == []
    adams = Facility.objects.get(name="ADAMS COUNTY DET CENTER")
    assert adams.source == "ICE ERO detention statistics, FY24 facility sheet"
    assert adams.source_date == datetime.date(2024, 10, 7)
    assert (adams.county, adams.county_fips) == ("Adams County", "28001")

    fy25 = facilities_import(path=_sheet(25))
    assert fy25.added and fy25.changed and fy25.no_longer_listed

    fy26 = facilities_import(path=_sheet(26))
    renamed = Facility.objects.get(pk=adams.pk)  # ICE renamed it in FY26
    assert renamed.name == "ADAMS COUNTY CORRECTIONAL CENTER"
    assert "ADAMS COUNTY DET CENTER" in renamed.aliases
    assert Facility.objects.filter(name__startswith="ADAMS COUNTY").count() == 1
    assert any(label.startswith("ADAMS COUNTY DET CENTER → ") for label, _ in fy26.changed)
    again = facilities_import(path=_sheet(26))
    assert again.added == [] and again.changed == []
    assert again.unchanged == _count_rows(_sheet(26))
    assert Facility.objects.count() == len({(r.name, r.state) for r in Facility.objects.all()})


@pytest.mark.django_db
def test_xlsx_workbook_with_title_rows_and_a_footnote(tmp_path: Path) -> None:
    """The "Facilities FY26" sheet is found among others, its header under title rows; a note
    under the table ends it; a new facility is placed in its county (Stewart County, GA)."""
    workbook = Workbook()
    workbook.active.title = "ADP by AOR"  # type: ignore[union-attr]
    sheet = workbook.create_sheet("Facilities FY26")
    sheet.append(["ICE Detention Statistics"])
    sheet.append(["Data pull date: 04/02/2026"])
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(
        ["STEWART DETENTION CENTER", "146 CCA ROAD", "LUMPKIN", "GA", 31815, "ATL", "IGSA", 40]
    )
    sheet.append(
        [
            "NEW SAMPLE PROCESSING CENTER",
            "1 MAIN ST",
            "LUMPKIN",
            "GA",
            "31815-1234",
            "ATL",
            "CDF",
            3,
        ]
    )
    sheet.append([])
    sheet.append(["Data Source: ICE Integrated Decision Support (IIDS)"])
    path = tmp_path / "FY26_detentionStats.xlsx"
    workbook.save(path)

    report = facilities_import(path=path)
    assert report.sheet == "Facilities FY26"
    assert report.added == ["NEW SAMPLE PROCESSING CENTER (LUMPKIN, GA)"]
    stewart = Facility.objects.get(name="STEWART DETENTION CENTER")
    assert stewart.source_date == datetime.date(2026, 4, 2)
    new = Facility.objects.get(name="NEW SAMPLE PROCESSING CENTER")
    assert (new.zip_code, new.county, new.county_fips) == ("31815", "Stewart County", "13259")
    assert new.field_office is not None and new.field_office.code == "ATL"
    (event,) = AuditEvent.objects.filter(action="facility.import")
    assert event.organisation_id is None and "county_fips" in event.changed_fields
    again = facilities_import(path=path)
    assert again.added == [] and again.changed == []
    assert AuditEvent.objects.filter(action="facility.import").count() == 1  # nothing written


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["Name", "City", "State", "Zip", "Type Detailed"], ["X", "Y", "TX", "77001", "IGSA"]],
            "no header row",
        ),
        (
            [[*HEADER[:5], "AOR"], ["A JAIL", "1 ST", "HOUSTON", "TX", "77001", "HOU"]],
            "lacks column(s) Type Detailed",
        ),
        (
            [
                HEADER,
                ["NEW ONE", "1 ST", "HOUSTON", "TX", "77001", "HOU", "IGSA"],
                ["BAD ZIP", "1 ST", "HOUSTON", "TX", "7700A", "HOU", "IGSA"],
            ],
            "row 3, column Zip",
        ),
        (
            [
                HEADER,
                ["NEW ONE", "1 ST", "HOUSTON", "TX", "77001", "HOU", "IGSA"],
                ["BAD AOR", "1 ST", "HOUSTON", "TX", "77001", "XYZ", "IGSA"],
            ],
            "row 3, column AOR",
        ),
        ([HEADER, ["NO CITY", "1 ST", "", "TX", "77001", "HOU", "IGSA"]], "row 2, column City"),
        ([HEADER, ["BAD STATE", "1 ST", "X", "QQ", "77001", "HOU", "IGSA"]], "column State"),
        ([HEADER], "no facility rows"),
    ],
)
def test_malformed_files_write_nothing(tmp_path: Path, rows: list[list[str]], message: str) -> None:
    before = _snapshot()
    path = _write_csv(tmp_path / "sheet.csv", rows)
    with pytest.raises(FacilityImportError) as excinfo:
        facilities_import(path=path)
    assert message in str(excinfo.value)
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_workbook_without_a_facility_sheet_is_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Summary"  # type: ignore[union-attr]
    path = tmp_path / "stats.xlsx"
    workbook.save(path)
    with pytest.raises(FacilityImportError, match=r"no 'Facilities FY\.\.' sheet"):
        facilities_import(path=path)
    not_a_workbook = tmp_path / "broken.xlsx"
    not_a_workbook.write_bytes(b"not a zip file")
    with pytest.raises(FacilityImportError, match="not a readable xlsx"):
        facilities_import(path=not_a_workbook)


@pytest.mark.django_db
def test_command_reports_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "FY26_extra.csv",
        [HEADER, ["ANOTHER NEW SITE", "9 ELM ST", "JENA", "LA", "71342", "NOL", "IGSA", "1"]],
    )
    out = StringIO()
    call_command("facilities", "import", str(path), "--dry-run", stdout=out)
    assert "1 added" in out.getvalue()
    assert "Dry run" in out.getvalue()
    assert not Facility.objects.filter(name="ANOTHER NEW SITE").exists()

    out = StringIO()
    call_command("facilities", "import", str(path), stdout=out)
    site = Facility.objects.get(name="ANOTHER NEW SITE")
    assert (site.county, site.source) == (
        "LaSalle Parish",
        "ICE ERO detention statistics, FY26 facility sheet",
    )
    assert "no longer listed" in out.getvalue()

    bad = _write_csv(tmp_path / "bad.csv", [["nothing", "here"]])
    with pytest.raises(CommandError) as excinfo:
        call_command("facilities", "import", str(bad), stdout=StringIO())
    assert excinfo.value.returncode == 2
    assert "Nothing imported" in str(excinfo.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [
                [*HEADER, "Data Pull Date"],
                ["NEW ONE", "1 ST", "HOUSTON", "TX", "77001", "HOU", "IGSA", "1", "2026-13-45"],
            ],
            "row 2, column Data Pull Date: '2026-13-45' is not a date",
        ),
        (
            [
                ["Data pull date: 02/30/2026"],
                HEADER,
                ["A", "1 ST", "X", "TX", "77001", "HOU", "IGSA"],
            ],
            "row 1, column A: 'Data pull date: 02/30/2026' is not a date",
        ),
        (
            [HEADER, ["N" * 201, "1 ST", "HOUSTON", "TX", "77001", "HOU", "IGSA"]],
            "row 2, column Name: longer than 200",
        ),
    ],
)
def test_malformed_values_exit_2_naming_row_and_column(
    tmp_path: Path, rows: list[list[str]], message: str
) -> None:
    """A malformed data pull date was a traceback; now every bad value names row and column."""
    before = _snapshot()
    path = _write_csv(tmp_path / "sheet.csv", rows)
    with pytest.raises(CommandError) as excinfo:
        call_command("facilities", "import", str(path), stdout=StringIO())
    assert excinfo.value.returncode == 2
    assert message in str(excinfo.value)
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_workbook_that_inflates_too_far_is_refused_before_openpyxl_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1.5 MB xlsx that inflates to 400 MB used to be read whole."""
    import zipfile

    import openpyxl

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (3 * 2**20))
    monkeypatch.setattr("amparo.custody.facility_files.MAX_XLSX_UNCOMPRESSED", 2**20)
    opened: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(FacilityImportError, match="inflates to 3 MB, more than the 1 MB"):
        facilities_import(path=path)
    assert opened == []


@pytest.mark.django_db
def test_a_whole_sheet_is_written_in_a_few_statements(
    tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    """Was about 12 statements and one audit event per row (186 rows/s)."""
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        shipped = list(csv.DictReader(fh))
    keys = ("name", "address", "city", "state", "zip_code", "aor_code", "facility_type")
    rows = [[r[k] for k in keys] for r in shipped]
    rows[0][2] = "RENAMED CITY"
    path = _write_csv(tmp_path / "FY26.csv", [HEADER[:7], *rows])
    Facility.objects.filter(placements__isnull=True, name__gte="M").delete()
    with django_assert_max_num_queries(40):
        report = facilities_import(path=path)
    assert len(report.added) > 50 and report.changed
    assert AuditEvent.objects.filter(action="facility.import").count() == 1


@pytest.mark.django_db
def test_a_changed_row_failing_what_the_reader_could_not_check_names_its_row(
    tmp_path: Path,
) -> None:
    """A row with a blank state takes its facility's stored state, which the sheet's reader
    never saw: SQLite keeps a value longer than the column allows (PostgreSQL refuses it), and
    the import then names the first changed row it would write it to, writing nothing."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL does not store a state longer than its column")
    Facility.objects.create(
        name="ODD STATE JAIL", address="1 ODD ST", city="METAIRIE", state="LAX", zip_code="70001"
    )
    before = _snapshot()
    rows = [
        ["RENAMED FACILITY", "2 MAIN ST", "NEW ORLEANS", "LA", "70112", "NOL", "IGSA", "1"],
        ["ODD STATE JAIL", "1 ODD ST", "METAIRIE", "", "70001", "NOL", "IGSA", "1"],
    ]
    path = _write_csv(tmp_path / "FY26.csv", [HEADER, *rows])
    with pytest.raises(FacilityImportError, match="row 3, column state: Ensure this value"):
        facilities_import(path=path)
    assert _snapshot() == before
