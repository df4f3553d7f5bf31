"""The import pages: upload, a preview row by row, confirm, progress and the rows to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from amparo.exchange.models import ExternalRecord, ImportRun
from amparo.exchange.tests.conftest import case_rows, csv_bytes

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_upload_previews_then_confirm_imports(
    cast: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cast.attorney)
    assert client.get("/imports/").status_code == 200
    upload = SimpleUploadedFile("cases.xlsx", (SAMPLES / "cases.xlsx").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):  # the task runs once committed
        response = client.post("/imports/", {"file": upload})
    assert response.status_code == 302
    checked = ImportRun.objects.get()
    assert checked.status == "checked" and not ExternalRecord.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "2 added" in page and "Import these rows" in page
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/imports/{checked.id}/confirm/")
    assert confirmed.status_code == 302
    assert ExternalRecord.objects.count() == 2
    done = client.get(confirmed["Location"]).content.decode()
    assert "Imported" in done and "rows/s" in done


def test_a_bad_file_lists_problems_and_offers_the_rows_to_fix(
    cast: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cast.admin)
    rows = case_rows(4)
    rows[2][4] = "Narnia"
    upload = SimpleUploadedFile("cases.csv", csv_bytes(rows))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/imports/", {"file": upload})
    page = client.get(response["Location"]).content.decode()
    assert "nothing was imported" in page and "country_of_birth" in page
    assert "Import these rows" not in page
    run = ImportRun.objects.get()
    assert client.post(f"/imports/{run.id}/confirm/").status_code == 302
    assert ImportRun.objects.count() == 1  # a refused file cannot be confirmed
    fix = client.get(f"/imports/{run.id}/rows-to-fix.csv").content.decode("utf-8-sig")
    assert fix.count("\n") == 2 and "Narnia" in fix


def test_paralegals_and_other_organisations_do_not_see_imports(cast: Any, client: Any) -> None:
    run = ImportRun.objects.create(organisation=cast.organisation, file_name="x.csv")
    client.force_login(cast.paralegal)
    assert client.get("/imports/").status_code == 404
    client.force_login(cast.outsider)
    assert client.get(f"/imports/{run.id}/").status_code == 404


def _checked_page(client: Any, capture: Any, rows: list[list[str]]) -> str:
    upload = SimpleUploadedFile("cases.csv", csv_bytes(rows))
    with capture(execute=True):
        response = client.post("/imports/", {"file": upload})
    return str(client.get(response["Location"]).content.decode())


def test_the_report_is_written_in_the_language_of_the_member_who_started_it(
    cast: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cast.attorney.language = "es"
    cast.attorney.save(update_fields=["language"])
    client.force_login(cast.attorney)
    rows = case_rows(3)
    rows[1][4] = "Narnia"
    upload = SimpleUploadedFile("cases.csv", csv_bytes(rows))
    with django_capture_on_commit_callbacks() as queued:
        response = client.post("/imports/", {"file": upload})
    with translation.override("en"):  # a worker's own language is the default one
        for enqueue in queued:
            enqueue()
    page = client.get(response["Location"]).content.decode()
    assert "no es un país que Amparo conozca" in page
    assert "not a country Amparo knows" not in page


def test_a_preview_names_what_changes_in_words_and_a_file_already_held_offers_no_import(
    cast: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cast.attorney)
    rows = case_rows(3)
    _checked_page(client, django_capture_on_commit_callbacks, rows)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/imports/{ImportRun.objects.get().id}/confirm/")
    again = _checked_page(client, django_capture_on_commit_callbacks, rows)
    assert "3 unchanged" in again and "Nothing to import" in again
    assert "Import these rows" not in again
    rows[0][4] = "Honduras" if rows[0][4] != "Honduras" else "Mexico"
    changed = _checked_page(client, django_capture_on_commit_callbacks, rows)
    assert "Import these rows" in changed and "Nothing to import" not in changed
    assert "<td>Updated</td><td>country of birth</td>" in changed
    assert "person.country_of_birth" not in changed and "<td>unchanged</td>" not in changed


def test_a_run_still_queued_long_after_upload_says_the_worker_may_not_be_running(
    cast: Any, client: Any
) -> None:
    import datetime

    from django.utils import timezone

    from amparo.exchange.models import ExportRun

    client.force_login(cast.admin)
    run = ImportRun.objects.create(organisation=cast.organisation, file_name="x.csv")
    fresh = client.get(f"/imports/{run.id}/").content.decode()
    assert "may not be running" not in fresh
    long_ago = timezone.now() - datetime.timedelta(minutes=2)
    ImportRun.objects.filter(pk=run.pk).update(created_at=long_ago)
    assert "may not be running" in client.get(f"/imports/{run.id}/").content.decode()
    export = ExportRun.objects.create(organisation=cast.organisation, actor=cast.admin)
    ExportRun.objects.filter(pk=export.pk).update(created_at=long_ago)
    page = client.get(f"/organisation/exports/{export.id}/").content.decode()
    assert "may not be running" in page
