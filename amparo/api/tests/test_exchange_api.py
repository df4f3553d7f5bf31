"""Case imports through the API, by HTTP: upload to check, read the preview or each problem by
row and column, confirm, and a repeated Idempotency-Key that imports once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.custody.models import Placement
from amparo.exchange.models import ExternalRecord, ImportRun
from amparo.exchange.tests.conftest import case_rows, csv_bytes

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "exchange" / "samples"


def upload(client: Any, name: str, data: bytes, **headers: str) -> Any:
    return client.post("/api/v1/imports", {"file": SimpleUploadedFile(name, data)}, **headers)


def test_upload_checks_then_confirm_imports_and_the_report_says_what_each_row_did(
    cast: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_for(cast.attorney)
    with django_capture_on_commit_callbacks(execute=True):  # the task runs once committed
        checked = upload(client, "cases.xlsx", (SAMPLES / "cases.xlsx").read_bytes())
    assert checked.status_code == 202
    run_id = checked.json()["id"]
    preview = client.get(f"/api/v1/imports/{run_id}").json()
    assert preview["status"] == "checked" and preview["dry_run"] is True
    assert preview["report"]["added"] == 2 and preview["report"]["problems"] == []
    assert [o["result"] for o in preview["report"]["outcomes"]] == ["added", "added"]
    assert not ExternalRecord.objects.exists()  # a check writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/api/v1/imports/{run_id}/confirm")
    assert confirmed.status_code == 202
    done = client.get(f"/api/v1/imports/{confirmed.json()['id']}").json()
    assert done["status"] == "done" and done["dry_run"] is False
    assert done["rows_done"] == done["rows_total"] == 2 and "rows/s" in done["progress"]
    assert ExternalRecord.objects.count() == 2
    listed = client.get("/api/v1/imports").json()["items"]
    assert {item["id"] for item in listed} == {run_id, done["id"]}
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"import.check", "import.queue"} <= actions


def test_a_1000_row_file_with_one_bad_row_writes_nothing_and_names_row_and_column(
    cast: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_for(cast.admin)
    rows = case_rows(1000)
    rows[499][7] = "2026-02-31"  # line 501: the header is line 1
    cases_before = Case.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "cases.csv", csv_bytes(rows))
    run = client.get(f"/api/v1/imports/{response.json()['id']}").json()
    assert run["status"] == "refused"
    problems = run["report"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(501, "held_since")]
    assert "date" in problems[0]["reason"]
    assert run["report"]["outcomes"] == []
    refused = client.post(f"/api/v1/imports/{run['id']}/confirm")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid"
    assert ImportRun.objects.count() == 1  # a refused file cannot be confirmed
    assert Case.objects.count() == cases_before and not ExternalRecord.objects.exists()
    fix = client.get(f"/api/v1/imports/{run['id']}/rows-to-fix")
    assert fix["Content-Type"].startswith("text/csv")
    text = fix.content.decode("utf-8-sig")
    assert text.count("\n") == 2 and "2026-02-31" in text and "held_since" in text
    assert AuditEvent.objects.filter(action="import.bad_rows.download").count() == 1

    rows[499][7] = "2026-02-28"
    with django_capture_on_commit_callbacks(execute=True):
        fixed = upload(client, "cases.csv", csv_bytes(rows))
    assert client.get(f"/api/v1/imports/{fixed.json()['id']}").json()["status"] == "checked"
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/api/v1/imports/{fixed.json()['id']}/confirm")
    page = client.get(f"/api/v1/imports/{confirmed.json()['id']}?limit=10&offset=995").json()
    assert page["report"]["added"] == 1000 and len(page["report"]["outcomes"]) == 5
    assert Placement.objects.filter(case__organisation=cast.organisation).count() == 1000
    with django_capture_on_commit_callbacks(execute=True):
        again = upload(client, "cases.csv", csv_bytes(rows))
    report = client.get(f"/api/v1/imports/{again.json()['id']}").json()["report"]
    assert (report["added"], report["updated"], report["unchanged"]) == (0, 0, 1000)
    assert Case.objects.count() == cases_before + 1000


def test_a_repeated_idempotency_key_imports_once(
    cast: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_for(cast.attorney)
    data = csv_bytes(case_rows(3))
    key = {"HTTP_IDEMPOTENCY_KEY": "import-1"}
    with django_capture_on_commit_callbacks(execute=True):
        first = upload(client, "cases.csv", data, **key)
        again = upload(client, "cases.csv", data, **key)
    assert first.status_code == again.status_code == 202
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert ImportRun.objects.count() == 1
    other = upload(client, "cases.csv", csv_bytes(case_rows(4)), **key)
    assert other.status_code == 422
    confirm = {"HTTP_IDEMPOTENCY_KEY": "confirm-1"}
    with django_capture_on_commit_callbacks(execute=True):
        one = client.post(f"/api/v1/imports/{first.json()['id']}/confirm", **confirm)
        two = client.post(f"/api/v1/imports/{first.json()['id']}/confirm", **confirm)
    assert one.json()["id"] == two.json()["id"]
    assert ImportRun.objects.filter(dry_run=False).count() == 1
    assert ExternalRecord.objects.count() == 3


def test_a_file_that_is_not_a_case_file_answers_422_naming_the_field(
    cast: Any, api_for: Any
) -> None:
    client = api_for(cast.attorney)
    wrong_kind = upload(client, "cases.pdf", b"%PDF-1.4")
    assert wrong_kind.status_code == 422 and "file" in wrong_kind.json()["error"]["fields"]
    missing = client.post("/api/v1/imports", {})
    assert missing.status_code == 422 and "file" in missing.json()["error"]["fields"]
    as_json = client.post("/api/v1/imports", {"file": "x"}, content_type="application/json")
    assert as_json.status_code == 422
    assert not ImportRun.objects.exists()


def test_an_unreadable_file_is_refused_with_the_reason(
    cast: Any, api_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_for(cast.attorney)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, "cases.xlsx", b"not a workbook")
    run = client.get(f"/api/v1/imports/{response.json()['id']}").json()
    assert run["status"] == "refused"
    assert run["report"]["problems"][0]["row"] == 0


def test_paralegals_and_other_organisations_get_404(cast: Any, api_for: Any) -> None:
    run = ImportRun.objects.create(organisation=cast.organisation, file_name="x.csv")
    for user in (cast.paralegal, cast.outsider):
        client = api_for(user)
        assert client.get(f"/api/v1/imports/{run.id}").status_code == 404
        assert client.post(f"/api/v1/imports/{run.id}/confirm").status_code == 404
    paralegal = api_for(cast.paralegal)
    assert paralegal.get("/api/v1/imports").status_code == 404
    assert upload(paralegal, "cases.csv", csv_bytes(case_rows(1))).status_code == 404
    assert api_for(cast.attorney).get("/api/v1/imports/not-a-uuid").status_code == 404
