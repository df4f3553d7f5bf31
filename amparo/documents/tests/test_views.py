"""HTML: the documents panel (generate, upload, download, versions) and the template page."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.conftest import Cast, signed_in
from amparo.documents.builtin import Writer
from amparo.documents.models import Document, DocumentTemplate
from amparo.documents.services import document_upload
from amparo.documents.tests.conftest import PDF_BYTES, PNG_BYTES, demo_user

pytestmark = pytest.mark.django_db
HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def test_panel_lists_documents_and_offers_forms_to_writers(cast: Cast) -> None:
    document_upload(
        actor=cast.attorney,
        case=cast.case,
        upload=SimpleUploadedFile("m.pdf", PDF_BYTES, "application/pdf"),
        kind="medical-letter",
        title="Obstetrician's letter",
    )
    url = reverse("documents:panel", kwargs={"case_id": cast.case.id})
    page = signed_in(cast.paralegal).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Obstetrician&#x27;s letter" in html
    assert 'name="template"' in html and 'name="file"' in html
    assert AuditEvent.objects.filter(action="document.list", case_id=cast.case.id).exists()
    read_only = signed_in(cast.read_only).get(url).content.decode()
    assert "Obstetrician&#x27;s letter" in read_only
    assert 'name="template"' not in read_only


def test_advocates_do_not_see_privileged_documents_in_the_panel(cast: Cast) -> None:
    document_upload(
        actor=cast.attorney,
        case=cast.case,
        upload=SimpleUploadedFile("m.pdf", PDF_BYTES, "application/pdf"),
        kind="declaration",
        title="Privileged declaration",
    )
    url = reverse("documents:panel", kwargs={"case_id": cast.case.id})
    assert "Privileged declaration" not in signed_in(cast.advocate).get(url).content.decode()


def test_outsider_gets_404_on_panel_and_download(cast: Cast) -> None:
    document = document_upload(
        actor=cast.attorney,
        case=cast.case,
        upload=SimpleUploadedFile("m.pdf", PDF_BYTES, "application/pdf"),
        kind="declaration",
        privileged=False,
    )
    outsider = signed_in(cast.outsider)
    assert (
        outsider.get(reverse("documents:panel", kwargs={"case_id": cast.case.id})).status_code
        == 404
    )
    download = reverse("documents:download", kwargs={"document_id": document.id})
    assert outsider.get(download).status_code == 404
    response = signed_in(cast.advocate).get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]


def test_generate_from_the_panel_then_a_second_version(story: Case) -> None:
    client = signed_in(demo_user("attorney"))
    url = reverse("documents:generate", kwargs={"case_id": story.id})
    first = client.post(url, {"template": "chronology", "format": "docx"}, **HTMX)
    assert first.status_code == 200
    assert "Generated Chronology v1" in first.content.decode()
    second = client.post(url, {"template": "chronology", "format": "pdf"}, **HTMX)
    html = second.content.decode()
    assert "Generated Chronology v2" in html
    assert "Earlier versions (1)" in html
    assert list(Document.objects.filter(case=story).values_list("version", flat=True)) == [2, 1]


def test_missing_data_in_the_panel_links_to_where_to_fix_it(cast: Cast) -> None:
    client = signed_in(cast.attorney)
    url = reverse("documents:generate", kwargs={"case_id": cast.case.id})
    response = client.post(url, {"template": "parole-request", "format": "docx"}, **HTMX)
    assert response.status_code == 200  # htmx swaps 2xx only
    html = response.content.decode()
    assert "Nothing was generated" in html
    assert f"/cases/{cast.case.id}/#custody-panel" in html
    plain = client.post(url, {"template": "parole-request", "format": "docx"})
    assert plain.status_code == 422
    assert not Document.objects.filter(case=cast.case).exists()


def test_missing_data_is_named_in_words_not_by_its_template_field(cast: Cast) -> None:
    """A renewed request the case lacks reads "Renewed request — The length of parole asked
    for, in words.", not `renewed.requested_duration: ... The same, in words.`."""
    client = signed_in(cast.attorney)
    url = reverse("documents:generate", kwargs={"case_id": cast.case.id})
    html = client.post(url, {"template": "renewed-request", "format": "docx"}).content.decode()
    assert "Nothing was generated" in html
    assert "renewed.requested_duration" not in html
    assert "The same, in words" not in html
    assert "Renewed request — The length of parole asked for, in words." in html


def test_upload_from_the_panel_and_a_refused_one(cast: Cast) -> None:
    client = signed_in(cast.intake)
    url = reverse("documents:upload", kwargs={"case_id": cast.case.id})
    ok = client.post(
        url,
        {
            "kind": "green-card",
            "privileged": "on",
            "file": SimpleUploadedFile("g.png", PNG_BYTES, "image/png"),
        },
        **HTMX,
    )
    assert ok.status_code == 200
    assert "Stored Permanent resident card (green card) v1" in ok.content.decode()
    refused = client.post(
        url,
        {"kind": "green-card", "file": SimpleUploadedFile("g.pdf", PNG_BYTES, "application/pdf")},
    )
    assert refused.status_code == 422
    assert "claims to be a PDF document" in refused.content.decode()
    assert Document.objects.filter(case=cast.case).count() == 1


def test_read_only_member_cannot_post(cast: Cast) -> None:
    client = signed_in(cast.read_only)
    url = reverse("documents:generate", kwargs={"case_id": cast.case.id})
    assert client.post(url, {"template": "chronology", "format": "docx"}).status_code == 404


def test_template_page_and_upload_for_organisation_admins(cast: Cast) -> None:
    page = signed_in(cast.attorney).get(reverse("documents:templates"))
    assert page.status_code == 200
    assert "parole-request" in page.content.decode()
    assert "Upload a new version" not in page.content.decode()
    writer = Writer("Ours")
    writer.p("{{ client.full_name }} — {{ today }}")
    body = {
        "slug": "chronology",
        "note": "Shorter",
        "file": SimpleUploadedFile("c.docx", writer.bytes(), ""),
    }
    url = reverse("documents:template-upload")
    assert signed_in(cast.attorney).post(url, body).status_code == 404
    body["file"] = SimpleUploadedFile("c.docx", writer.bytes(), "")
    response = signed_in(cast.admin).post(url, body)
    assert response.status_code == 302
    row = DocumentTemplate.objects.get(organisation=cast.organisation, slug="chronology")
    assert (row.version, row.active, row.note) == (1, True, "Shorter")
    admin_page = signed_in(cast.admin).get(reverse("documents:templates")).content.decode()
    assert "Upload a new version" in admin_page
    assert "Riverside Defenders v1" in admin_page


def test_each_documents_cell_is_labelled_for_the_narrow_layout(cast: Cast) -> None:
    """At phone width the table becomes cards and each cell shows its data-label: "v1 / PDF /
    40.5 KB" alone did not say which was the version, the type or the size."""
    document_upload(
        actor=cast.attorney,
        case=cast.case,
        upload=SimpleUploadedFile("m.pdf", PDF_BYTES, "application/pdf"),
        kind="medical-letter",
        title="Letter",
    )
    url = reverse("documents:panel", kwargs={"case_id": cast.case.id})
    html = signed_in(cast.attorney).get(url).content.decode()
    for label in ("Version", "Type", "Size", "By", "When"):
        assert f'data-label="{label}"' in html, label


def test_a_petition_made_for_the_district_the_client_left_is_marked_out_of_date(
    cast: Cast,
) -> None:
    """Venue changed M.D. Ga. → S.D. Fla.: the petition generated for the Middle District of
    Georgia says so and asks to generate it again (28 U.S.C. § 2241(a); Rumsfeld v. Padilla);
    a filed one (with a docket number) keeps its court (Ex parte Endo) and is not marked."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from amparo.custody.models import Facility
    from amparo.custody.services import placement_record

    placement_record(
        actor=cast.attorney,
        case=cast.case,
        facility=Facility.objects.get(name="KROME NORTH SERVICE PROCESSING CENTER"),
        started_at=timezone.now() - datetime.timedelta(hours=1),
        source="attorney",
    )
    georgia = "United States District Court for the Middle District of Georgia"
    florida = "United States District Court for the Southern District of Florida"
    for title, court in (
        ("Petition (Georgia)", {"name": georgia, "district": "Middle District of Georgia"}),
        ("Petition (filed)", {"name": georgia, "docket_number": "4:26-cv-00001"}),
        ("Petition (Florida)", {"name": florida, "district": "Southern District of Florida"}),
    ):
        Document.objects.create(
            case=cast.case,
            kind=Document.Kind.GENERATED,
            title=title,
            file=ContentFile(PDF_BYTES, name="p.pdf"),
            content_type="application/pdf",
            size=len(PDF_BYTES),
            checksum="0" * 64,
            template_slug="habeas-petition",
            template_checksum="1" * 64,
            data={"court": court},
            data_checksum="2" * 64,
        )
    url = reverse("documents:panel", kwargs={"case_id": cast.case.id})
    html = signed_in(cast.attorney).get(url).content.decode()
    assert html.count("Out of date:") == 1
    assert (
        "made for the Middle District of Georgia; the client is now held in the Southern "
        "District of Florida. Generate it again."
    ) in html
    row = html[html.index("Petition (Georgia)") :]
    assert row.index("Out of date:") < row.index("</tr>")
