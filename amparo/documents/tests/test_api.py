"""API: templates, generate and upload through one endpoint, download through the gate."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.conftest import Cast, api_client_for
from amparo.documents.models import Document
from amparo.documents.services import document_upload
from amparo.documents.tests.conftest import PDF_BYTES, PNG_BYTES, demo_user

pytestmark = pytest.mark.django_db


def generate(client: Any, case: Case, template: str, fmt: str = "docx") -> Any:
    return client.post(
        f"/api/v1/cases/{case.id}/documents",
        {"template": template, "format": fmt},
        content_type="application/json",
    )


def test_templates_are_listed_slug_first(cast: Cast) -> None:
    response = api_client_for(cast.attorney).get("/api/v1/document-templates")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["slug"] for i in items][:3] == [
        "parole-request",
        "renewed-request",
        "habeas-petition",
    ]
    habeas = next(i for i in items if i["slug"] == "habeas-petition")
    assert habeas["formats"] == ["docx"]
    assert habeas["source"] == "built-in"
    assert "respondents[].display" in habeas["fields"]


def test_templates_need_a_signed_in_member() -> None:
    from django.test import Client

    assert Client().get("/api/v1/document-templates").status_code == 401


def test_generate_returns_the_stored_document(story: Case) -> None:
    client = api_client_for(demo_user("attorney"))
    response = generate(client, story, "habeas-petition")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Petition for a writ of habeas corpus (28 U.S.C. § 2241)"
    assert body["version"] == 1
    assert body["template_slug"] == "habeas-petition"
    assert len(body["checksum"]) == len(body["data_checksum"]) == 64
    assert body["created_by"] == "attorney@amparo.example"
    assert body["file_url"] == f"/api/v1/documents/{body['id']}/file"


def test_missing_data_is_a_422_listing_fields_and_where_to_fix_them(cast: Cast) -> None:
    response = generate(api_client_for(cast.attorney), cast.case, "habeas-petition")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "missing_data"
    fields = {row["field"]: row for row in error["missing"]}
    assert "court.caption_court" in fields or "custody.facility" in fields
    assert all(row["fix_url"].startswith("http") for row in error["missing"] if row["fix"])
    assert set(error["fields"]) == set(fields)
    assert not Document.objects.filter(case=cast.case).exists()


def test_bad_generate_input_uses_the_single_error_shape(story: Case) -> None:
    client = api_client_for(demo_user("attorney"))
    unknown_field = client.post(
        f"/api/v1/cases/{story.id}/documents",
        {"template": "chronology", "colour": "red"},
        content_type="application/json",
    )
    assert unknown_field.status_code == 422
    assert unknown_field.json()["error"]["fields"] == {"colour": ["Unknown field."]}
    pdf_habeas = generate(client, story, "habeas-petition", "pdf")
    assert pdf_habeas.status_code == 422
    assert "format" in pdf_habeas.json()["error"]["fields"]
    unknown = generate(client, story, "love-letter")
    assert unknown.status_code == 422
    assert "template" in unknown.json()["error"]["fields"]


def test_upload_through_the_same_endpoint(cast: Cast) -> None:
    response = api_client_for(cast.paralegal).post(
        f"/api/v1/cases/{cast.case.id}/documents",
        {
            "kind": "declaration",
            "title": "Declaration of the spouse",
            "privileged": "false",
            "file": SimpleUploadedFile("decl.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["evidence_kind"]) == ("evidence", "declaration")
    assert body["content_type"] == "application/pdf"
    assert body["privileged"] is False


def test_upload_whose_bytes_do_not_match_is_refused(cast: Cast) -> None:
    response = api_client_for(cast.paralegal).post(
        f"/api/v1/cases/{cast.case.id}/documents",
        {
            "kind": "birth-certificate",
            "file": SimpleUploadedFile("b.pdf", PNG_BYTES, "application/pdf"),
        },
    )
    assert response.status_code == 422
    assert "PNG image" in response.json()["error"]["fields"]["file"][0]
    assert not Document.objects.filter(case=cast.case).exists()


def test_upload_needs_a_file_and_a_known_kind(cast: Cast) -> None:
    client = api_client_for(cast.paralegal)
    url = f"/api/v1/cases/{cast.case.id}/documents"
    no_file = client.post(url, {"kind": "declaration"})
    assert no_file.status_code == 422
    assert "file" in no_file.json()["error"]["fields"]
    bad_kind = client.post(url, {"kind": "selfie", "file": SimpleUploadedFile("a.png", PNG_BYTES)})
    assert bad_kind.status_code == 422
    assert "kind" in bad_kind.json()["error"]["fields"]


def _stored(cast: Cast, *, privileged: bool = True) -> Document:
    return document_upload(
        actor=cast.attorney,
        case=cast.case,
        upload=SimpleUploadedFile("m.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="medical-letter",
        privileged=privileged,
    )


def test_download_gives_the_bytes_type_and_a_safe_file_name(cast: Cast) -> None:
    document = _stored(cast)
    response = api_client_for(cast.read_only).get(f"/api/v1/documents/{document.id}/file")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="medical-letter-v1.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    event = AuditEvent.objects.get(action="document.download")
    assert (event.case_id, event.actor_id, event.object_id) == (
        cast.case.id,
        cast.read_only.id,
        str(document.id),
    )


def test_another_organisation_cannot_fetch_the_file(cast: Cast) -> None:
    document = _stored(cast, privileged=False)
    outsider = api_client_for(cast.outsider)
    response = outsider.get(f"/api/v1/documents/{document.id}/file")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert outsider.get(f"/api/v1/cases/{cast.case.id}/documents").status_code == 404
    assert generate(outsider, cast.case, "chronology").status_code == 404
    assert not AuditEvent.objects.filter(action="document.download").exists()


def test_advocacy_staff_see_only_non_privileged_documents(cast: Cast) -> None:
    hidden = _stored(cast, privileged=True)
    shown = _stored(cast, privileged=False)
    advocate = api_client_for(cast.advocate)
    assert advocate.get(f"/api/v1/documents/{hidden.id}/file").status_code == 404
    assert advocate.get(f"/api/v1/documents/{shown.id}/file").status_code == 200
    listed = advocate.get(f"/api/v1/cases/{cast.case.id}/documents").json()["items"]
    assert [d["id"] for d in listed] == [str(shown.id)]


def test_read_only_members_cannot_generate_or_upload(cast: Cast) -> None:
    client = api_client_for(cast.read_only)
    assert generate(client, cast.case, "chronology").status_code == 404
    upload = client.post(
        f"/api/v1/cases/{cast.case.id}/documents",
        {"kind": "declaration", "file": SimpleUploadedFile("d.pdf", PDF_BYTES, "application/pdf")},
    )
    assert upload.status_code == 404


def test_malformed_document_id_is_a_404(cast: Cast) -> None:
    response = api_client_for(cast.attorney).get("/api/v1/documents/not-a-uuid/file")
    assert response.status_code == 404
