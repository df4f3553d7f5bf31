"""The organisation export in the browser: made in the background, its progress on a page
that polls, then a download; for the organisation's admins only, audited."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest

from amparo.audit.models import AuditEvent
from amparo.exchange.models import ExportRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path  # the export's zip is kept in storage


def test_an_admin_starts_an_export_sees_its_progress_and_downloads_it(
    cast: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cast.admin)
    assert "Export the whole organisation" in client.get("/imports/").content.decode()
    assert client.get("/organisation/exports/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the task runs once committed
        started = client.post("/organisation/exports/")
    assert started.status_code == 302
    run = ExportRun.objects.get()
    assert run.status == ExportRun.Status.DONE
    assert (run.rows_done, run.rows_total) == (1, 1)  # the cast's one case
    page = client.get(started["Location"]).content.decode()
    assert "cases/s" in page and "s left" in page  # cases done, rate, time left
    assert "rows" not in page.split("export-status")[1]  # an export counts cases, not rows
    assert f"/organisation/exports/{run.id}/export.zip" in page
    assert 'hx-trigger="every 1s"' not in page  # done: the page stops polling
    download = client.get(f"/organisation/exports/{run.id}/export.zip")
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert f"cases/{cast.case.id}/case.json" in archive.namelist()
    about = json.loads(archive.read("organisation.json"))
    assert about["organisation"]["slug"] == "riverside"
    actions = set(AuditEvent.objects.filter(actor=cast.admin).values_list("action", flat=True))
    assert {
        "organisation.export.queue",
        "organisation.export",
        "organisation.export.download",
    } <= actions


def test_a_running_export_polls_with_htmx_for_its_progress(cast: Any, client: Any) -> None:
    from django.utils import timezone

    run = ExportRun.objects.create(
        organisation=cast.organisation,
        actor=cast.admin,
        status=ExportRun.Status.RUNNING,
        started_at=timezone.now(),
        rows_done=40,
        rows_total=100,
    )
    client.force_login(cast.admin)
    page = client.get(f"/organisation/exports/{run.id}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "40 of 100 cases" in page
    partial = client.get(f"/organisation/exports/{run.id}/", HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<section class="card" id="export-status"')
    assert client.get(f"/organisation/exports/{run.id}/export.zip").status_code == 404


@pytest.mark.parametrize("who", ["attorney", "paralegal", "read_only", "outsider"])
def test_only_the_organisations_admins_see_its_exports(cast: Any, client: Any, who: str) -> None:
    run = ExportRun.objects.create(
        organisation=cast.organisation, actor=cast.admin, status=ExportRun.Status.DONE
    )
    client.force_login(getattr(cast, who))
    assert client.get("/organisation/exports/").status_code == 404
    assert client.post("/organisation/exports/").status_code == 404
    assert client.get(f"/organisation/exports/{run.id}/").status_code == 404
    assert client.get(f"/organisation/exports/{run.id}/export.zip").status_code == 404
    assert not ExportRun.objects.exclude(pk=run.pk).exists()
    assert "Export the whole organisation" not in client.get("/imports/").content.decode()
