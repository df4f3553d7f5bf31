"""Case imports: all or nothing, idempotent, forgiving of real files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.custody.models import Placement
from amparo.exchange.models import ExternalRecord, ImportRun
from amparo.exchange.reading import FileUnreadable, read_table
from amparo.exchange.report import bad_rows_csv
from amparo.exchange.services import cases_import
from amparo.exchange.tests.conftest import HEADER, case_rows, csv_bytes
from amparo.people.models import Person, Relative
from amparo.relief.models import Decision, Request

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def audit_verifies() -> None:
    """`amparo audit verify` passes (it raises CommandError on a broken chain)."""
    call_command("audit", "verify", stdout=io.StringIO())


def run(cast, data: bytes, name: str = "cases.csv", **kw):  # type: ignore[no-untyped-def]
    return cases_import(
        actor=cast.admin, organisation=cast.organisation, file_name=name, data=data, **kw
    )[1]


def test_sample_csv_imports_every_record_and_again_changes_nothing(cast) -> None:  # type: ignore[no-untyped-def]
    data = (SAMPLES / "cases.csv").read_bytes()
    report = run(cast, data)
    assert report.as_dict()["added"] == 3, report.problems
    person = Person.objects.get(a_number="201555001")
    assert (person.given_name, person.country_of_birth, person.languages) == (
        "María José",
        "MX",
        ["Spanish", "English"],
    )
    case = Case.objects.get(person=person)
    assert case.title == "María José Ramírez Ortega"
    assert Placement.objects.get(case=case).facility.name == "DELANEY HALL DETENTION FACILITY"
    assert Relative.objects.get(person=person).phone == "+12015550134"
    request = Request.objects.get(case=case)
    assert request.status == "decided" and request.channel == "email"
    assert Decision.objects.get(request=request).outcome == "denied"
    assert str(Person.objects.get(a_number="202555002").date_of_birth) == "1991-03-05"
    events = AuditEvent.objects.filter(organisation=cast.organisation)
    assert events.filter(action="import.cases").count() == 1
    assert events.filter(action="case.import").count() == 3
    before = (Case.objects.count(), Request.objects.count(), AuditEvent.objects.count())
    again = run(cast, data)
    assert again.as_dict()["unchanged"] == 3
    assert (Case.objects.count(), Request.objects.count()) == before[:2]
    audit_verifies()


def test_sample_xlsx_imports_excel_dates_and_numbers_stored_as_text(cast) -> None:  # type: ignore[no-untyped-def]
    report = run(cast, (SAMPLES / "cases.xlsx").read_bytes(), "cases.xlsx")
    assert report.as_dict()["added"] == 2, report.problems
    ahmed = Person.objects.get(a_number="204555004")
    assert (ahmed.country_of_birth, ahmed.immigration_status) == ("SY", "asylee")
    carmen = Person.objects.get(a_number="205555005")
    assert carmen.given_name == "Carmen" and str(carmen.date_of_birth) == "1990-01-01"
    assert carmen.immigration_status == "undocumented"
    note = Case.objects.get(person=ahmed).notes.get()
    assert note.privileged is False


def test_a_bad_row_in_the_middle_writes_nothing_then_the_fixed_file_imports_once(cast) -> None:  # type: ignore[no-untyped-def]
    rows = case_rows(1000)
    rows[499][7] = "2026-02-31"  # line 501: the header is line 1
    cases_before = Case.objects.count()
    report = run(cast, csv_bytes(rows))
    assert [p.as_dict() for p in report.problems] == [
        {"row": 501, "column": "held_since", "reason": report.problems[0].reason}
    ]
    assert "date" in report.problems[0].reason
    assert Case.objects.count() == cases_before and not ExternalRecord.objects.exists()
    written = AuditEvent.objects.exclude(action="import.queue")  # the file was received
    assert not written.filter(organisation=cast.organisation).exists()
    rows[499][7] = "2026-02-28"
    fixed = csv_bytes(rows)
    assert run(cast, fixed).as_dict()["added"] == 1000
    assert Placement.objects.filter(case__organisation=cast.organisation).count() == 1000
    again = run(cast, fixed)
    assert again.as_dict() | {"outcomes": []} == {
        "rows": 1000,
        "added": 0,
        "updated": 0,
        "unchanged": 1000,
        "problems": [],
        "outcomes": [],
    }
    assert Case.objects.count() == cases_before + 1000


def test_a_changed_row_updates_and_the_report_says_so(cast) -> None:  # type: ignore[no-untyped-def]
    rows = case_rows(3)
    run(cast, csv_bytes(rows))
    rows[1][2] = "Newname"
    rows[2][6] = "Delaney Hall"
    rows[2][7] = "2026-02-10"
    report = run(cast, csv_bytes(rows))
    assert report.as_dict()["updated"] == 2 and report.as_dict()["unchanged"] == 1
    assert Person.objects.filter(family_name="Newname").count() == 1
    moved = Case.objects.get(person__a_number="300000002")
    placements = list(Placement.objects.filter(case=moved).order_by("started_at"))
    assert [p.ended_at is None for p in placements] == [False, True]
    audit_verifies()


def test_a_row_without_external_id_finds_the_client_by_a_number(cast) -> None:  # type: ignore[no-untyped-def]
    data = csv_bytes([["", "Renamed", "Client", "A012-345-678", "MX", "lpr", "", ""]])
    report = run(cast, data)
    assert report.as_dict()["updated"] == 1
    cast.case.person.refresh_from_db()
    assert cast.case.person.given_name == "Renamed"


def test_real_files_latin1_semicolons_bom_and_stray_whitespace(cast) -> None:  # type: ignore[no-untyped-def]
    rows = [["  W-1 ", " José ", "Núñez  ", " 206-555-006 ", "Perú", "Indocumentado", "", ""]]
    latin = csv_bytes(rows, delimiter=";").decode().encode("cp1252")
    assert run(cast, latin).as_dict()["added"] == 1
    person = Person.objects.get(a_number="206555006")
    assert (person.given_name, person.family_name, person.country_of_birth) == (
        "José",
        "Núñez",
        "PE",
    )
    bom = b"\xef\xbb\xbf" + csv_bytes([["W-2", "Zoë", "Ünal", "", "Turquía", "", "", ""]])
    assert run(cast, bom).as_dict()["added"] == 1
    assert Person.objects.get(given_name="Zoë").country_of_birth == "TR"


def test_every_problem_is_named_by_row_and_column(cast) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["E1", "", "Family", "12345", "Atlantis", "martian", "Nowhere Detention Xyz", ""],
        ["E1", "Given", "Family", "", "MX", "", "", "2026-01-01"],
    ]
    report = run(cast, csv_bytes(rows))
    found = {(p.line, p.column) for p in report.problems}
    assert found == {
        (2, "given_name"),
        (2, "a_number"),
        (2, "country_of_birth"),
        (2, "immigration_status"),
        (2, "facility"),
        (2, "held_since"),
        (3, "external_id"),
        (3, "facility"),
    }
    assert not Person.objects.filter(family_name="Family").exists()
    fix = bad_rows_csv("cases.csv", csv_bytes(rows), report).decode("utf-8-sig")
    assert fix.splitlines()[0].endswith(",problems") and len(fix.splitlines()) == 3


def test_an_ambiguous_facility_is_refused_with_its_candidates(cast) -> None:  # type: ignore[no-untyped-def]
    rows = [["E1", "Given", "Family", "", "", "", "Clinton County", "2026-01-01"]]
    report = run(cast, csv_bytes(rows))
    (problem,) = report.problems
    assert problem.column == "facility" and problem.reason.startswith("ambiguous")
    assert "CLINTON COUNTY JAIL (PLATTSBURGH, NY)" in problem.reason


def test_unknown_columns_and_missing_required_columns_are_refused(cast) -> None:  # type: ignore[no-untyped-def]
    report = run(cast, csv_bytes([["x"]], header=["nickname"]))
    assert {p.column for p in report.problems} == {"nickname", "given_name", "family_name"}


def test_dry_run_reports_and_writes_nothing(cast) -> None:  # type: ignore[no-untyped-def]
    report = run(cast, csv_bytes(case_rows(5)), dry_run=True)
    assert report.as_dict()["added"] == 5
    assert not ExternalRecord.objects.exists()
    assert ImportRun.objects.get().status == "checked"


def test_a_workbook_that_inflates_too_far_is_refused_before_reading() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 2**20))
    from amparo.exchange.reading import check_xlsx_size

    with pytest.raises(FileUnreadable, match="inflates"):
        check_xlsx_size(io.BytesIO(buffer.getvalue()), limit=2**20)
    with pytest.raises(FileUnreadable):
        read_table("x.xlsx", b"PK\x03\x04 not really")


def test_command_exits_2_naming_row_and_column(cast, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = case_rows(3)
    rows[1][3] = "A12"
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes(rows))
    bad = tmp_path / "fix.csv"
    with pytest.raises(CommandError) as caught:
        call_command("import", "cases", str(path), "--org", "riverside", "--bad-rows", str(bad))
    assert caught.value.returncode == 2
    assert "row 3, column a_number" in str(caught.value)
    assert "A12" not in str(caught.value)  # never repeat a client identifier
    assert bad.read_text(encoding="utf-8-sig").count("\n") == 2
    out = io.StringIO()
    rows[1][3] = ""
    path.write_bytes(csv_bytes(rows))
    call_command("import", "cases", str(path), "--org", "riverside", stdout=out)
    assert "3 added" in out.getvalue()


def test_header_is_forgiving_of_case_and_spaces(cast) -> None:  # type: ignore[no-untyped-def]
    header = [h.replace("_", " ").title() for h in HEADER]
    assert run(cast, csv_bytes(case_rows(1), header=header)).as_dict()["added"] == 1


def test_an_imported_request_goes_to_the_field_office_the_request_form_would_choose(cast) -> None:  # type: ignore[no-untyped-def]
    """A request written by the import names the field office of the facility holding the
    client, as a request drafted in the UI does (relief.selectors.facility_field_office), so
    the reports count it under that office, not under "Unknown office"."""
    from amparo.relief.models.reported import ReportedRequest
    from amparo.relief.selectors import current_field_office

    report = run(cast, (SAMPLES / "cases.csv").read_bytes())
    assert not report.problems
    request = Request.objects.select_related("field_office").get(case__person__a_number="201555001")
    assert request.field_office is not None
    assert request.field_office == current_field_office(request.case)
    reported = ReportedRequest.objects.get(request_id=request.id)
    assert reported.office == request.field_office.name != "Unknown office"
    from amparo.relief.reporting import reported_requests_differences

    assert reported_requests_differences() == 0  # the rows and the answer counts are in step
