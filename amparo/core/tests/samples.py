"""The one place for sample inputs used by the access tests (test_matrix.py, test_access.py).

Every API write and every HTML form that only accepts POST needs a sample here, so that the gate,
not input validation, decides the answer: a writer must get the route's success status with it.
Bodies are functions of `ids` (the path ids of the call, plus `facility_id`) so that they can
point at records made for the call. `setup` names the state a path id must be in (see
`test_matrix.PARAMS`), e.g. a request that was already submitted.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

Body = Callable[[dict[str, str]], dict[str, Any]]


@dataclass(frozen=True)
class Sample:
    body: Body
    setup: dict[str, str] = field(default_factory=dict)
    success: int | None = None  # HTML only: the status a writer gets (default 302)
    multipart: bool = False  # API only: sent as a form with files, not as JSON


def _ago(**delta: float) -> str:
    return (timezone.now() - datetime.timedelta(**delta)).isoformat()


def _in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _person_version(person_id: str) -> int:
    """The client's current version: a PATCH with any other is refused as stale (409)."""
    from amparo.people.models import Person

    return Person.objects.get(id=person_id).version


def _client_form(case_id: str) -> dict[str, Any]:
    """The client form as it loads: the client's details unchanged, at their current version
    (later samples generate documents that need them)."""
    from amparo.cases.models import Case
    from amparo.cases.workspace_forms import ClientForm

    person = Case.objects.select_related("person").get(id=case_id).person
    values = ClientForm.initial_for(person)
    return {name: "" if value is None else str(value) for name, value in values.items()}


def _docket() -> str:
    """A docket number no other court case in the test has (numbers are unique per court)."""
    return f"2:25-cv-{secrets.randbelow(100000):05d}"


def _local(**delta: float) -> str:
    """A datetime-local form value in the active zone."""
    moment = timezone.localtime(timezone.now() - datetime.timedelta(**delta))
    return moment.strftime("%Y-%m-%dT%H:%M")


def _docx_template() -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("{{ client.full_name }}, {{ today }}")
    document.save(out)
    return SimpleUploadedFile("t.docx", out.getvalue(), "")


def _pdf_upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("d.pdf", b"%PDF-1.4 matrix sample", "application/pdf")


API_SAMPLES: dict[tuple[str, str], Sample] = {
    ("post", "/api/v1/imports"): Sample(
        lambda ids: {
            "file": SimpleUploadedFile("cases.csv", b"given_name,family_name\nAna,Matrix\n")
        },
        multipart=True,
    ),
    ("post", "/api/v1/imports/{run_id}/confirm"): Sample(lambda ids: {}),
    ("post", "/api/v1/imports/{run_id}/rerun"): Sample(
        lambda ids: {}, setup={"run_id": "interrupted"}
    ),
    ("post", "/api/v1/cases/{case_id}/documents"): Sample(
        lambda ids: {"template": "chronology", "format": "docx"}, setup={"case_id": "denied"}
    ),
    ("patch", "/api/v1/cases/{case_id}"): Sample(
        lambda ids: {"version": 1, "detention_basis": "236a"}, setup={"case_id": "fresh"}
    ),
    ("post", "/api/v1/people"): Sample(lambda ids: {"given_name": "Ana", "family_name": "Ruiz"}),
    ("patch", "/api/v1/people/{person_id}"): Sample(
        lambda ids: {"version": _person_version(ids["person_id"]), "languages": ["Spanish"]}
    ),
    ("patch", "/api/v1/organisation"): Sample(lambda ids: {"locator_recheck_hours": 12}),
    # The sample hearing is still to come, so it takes no outcome yet (cases.services).
    ("patch", "/api/v1/hearings/{hearing_id}"): Sample(lambda ids: {"judge": "Reset."}),
    ("post", "/api/v1/cases"): Sample(
        lambda ids: {"person_id": ids["person_id"], "title": "Ruiz — custody"}
    ),
    ("post", "/api/v1/cases/{case_id}/requests"): Sample(
        lambda ids: {"type": "humanitarian-parole", "reason": "Birth of a child."}
    ),
    ("post", "/api/v1/requests/{request_id}/submit"): Sample(
        lambda ids: {"submitted_at": _ago(hours=1), "channel": "email"}
    ),
    ("post", "/api/v1/requests/{request_id}/acknowledge"): Sample(
        lambda ids: {"acknowledged_at": _ago(minutes=30)}, setup={"request_id": "submitted"}
    ),
    ("post", "/api/v1/requests/{request_id}/withdraw"): Sample(lambda ids: {}),
    ("post", "/api/v1/requests/{request_id}/decision"): Sample(
        lambda ids: {"decided_at": _ago(minutes=20), "outcome": "denied", "reasons_given": False},
        setup={"request_id": "submitted"},
        success=200,
    ),
    ("post", "/api/v1/requests/{request_id}/assessment"): Sample(lambda ids: {"factors": {}}),
    # Reads that need a record in a given state (GET samples carry no body).
    ("get", "/api/v1/requests/{request_id}/assessment"): Sample(
        lambda ids: {}, setup={"request_id": "assessed"}
    ),
    ("post", "/api/v1/cases/{case_id}/next-steps"): Sample(
        lambda ids: {"action": "renewed-request"}, setup={"case_id": "denied"}
    ),
    ("post", "/api/v1/cases/{case_id}/placements"): Sample(
        lambda ids: {
            "facility_id": ids["facility_id"],
            "started_at": _ago(hours=2),
            "source": "locator",
        }
    ),
    ("post", "/api/v1/cases/{case_id}/court-cases"): Sample(
        lambda ids: {"kind": "habeas-2241", "court_id": "lawd"}
    ),
    ("post", "/api/v1/court-cases/{court_case_id}/file"): Sample(
        lambda ids: {"docket_number": _docket(), "filed_at": _ago(hours=1)}
    ),
    ("post", "/api/v1/court-cases/{court_case_id}/orders"): Sample(
        lambda ids: {"kind": "order-to-show-cause", "issued_at": _ago(hours=1)},
        setup={"court_case_id": "filed"},
    ),
    ("post", "/api/v1/deadlines/{deadline_id}/done"): Sample(lambda ids: {}),
    ("post", "/api/v1/orders/{order_id}/compliance"): Sample(
        lambda ids: {"complied_at": _ago(minutes=5), "evidence": "Released at the gate"}
    ),
    ("post", "/api/v1/cases/{case_id}/release"): Sample(
        lambda ids: {"released_at": _ago(minutes=30)}, setup={"case_id": "held"}
    ),
    ("post", "/api/v1/cases/{case_id}/waivers"): Sample(
        lambda ids: {
            "recipient": "Rep. Ana Ruiz (NJ-9)",
            "form": "dhs-60-001",
            "signed_on": timezone.localdate().isoformat(),
            "signed_by": "client",
        }
    ),
    ("post", "/api/v1/cases/{case_id}/inquiries"): Sample(lambda ids: {"office": "Rep. Ana Ruiz"}),
    ("post", "/api/v1/inquiries/{inquiry_id}/send"): Sample(
        lambda ids: {"sent_at": _ago(hours=1), "channel": "email"}, setup={"inquiry_id": "waived"}
    ),
    ("post", "/api/v1/inquiries/{inquiry_id}/response"): Sample(
        lambda ids: {"response_at": _ago(minutes=30), "outcome": "declined"},
        setup={"inquiry_id": "sent"},
    ),
    ("post", "/api/v1/inquiries/{inquiry_id}/follow-ups"): Sample(
        lambda ids: {"at": _ago(minutes=20), "note": "Called the caseworker again."},
        setup={"inquiry_id": "sent"},
    ),
    ("post", "/api/v1/cases/{case_id}/statements"): Sample(
        lambda ids: {
            "author_kind": "family",
            "author": "Ana R.",
            "kind": "interview",
            "said_at": _ago(hours=1),
        }
    ),
    ("patch", "/api/v1/statements/{statement_id}"): Sample(lambda ids: {"text": "Updated."}),
    # The staff workspace.
    ("post", "/api/v1/intake"): Sample(
        lambda ids: {
            "given_name": "Ana",
            "family_name": "Ruiz",
            "facility_id": ids["facility_id"],
            "held_since": _ago(days=2),
            "relative": {"name": "Luis Ruiz", "relationship": "spouse", "phone": "+15045550123"},
            "note": "Hotline call.",
        }
    ),
    ("post", "/api/v1/cases/{case_id}/notes"): Sample(
        lambda ids: {"kind": "call", "body": "Called the family.", "privileged": True}
    ),
    ("post", "/api/v1/people/{person_id}/relatives"): Sample(
        lambda ids: {
            "full_name": "Ana Ruiz",
            "relationship": "spouse",
            "life_event": {"kind": "birth", "description": "Due", "expected_on": _in_days(5)},
        }
    ),
    ("patch", "/api/v1/relatives/{relative_id}"): Sample(lambda ids: {"language": "Spanish"}),
    ("post", "/api/v1/cases/{case_id}/locator-checks"): Sample(
        lambda ids: {"result": "not-found", "detail": "No match"}, setup={"case_id": "fresh"}
    ),
    ("post", "/api/v1/cases/{case_id}/hearings"): Sample(
        lambda ids: {"kind": "master", "scheduled_at": _ago(hours=-48), "mode": "video"}
    ),
    ("patch", "/api/v1/deadlines/{deadline_id}"): Sample(lambda ids: {"assignee_id": None}),
}

# HTML forms, by URL name. Routes that also answer GET are checked with GET; a sample here
# checks their POST as well.
HTML_SAMPLES: dict[str, Sample] = {
    "language-set": Sample(lambda ids: {"language": "es", "next": "/"}, success=302),
    "documents:generate": Sample(
        lambda ids: {"template": "chronology", "format": "docx"},
        setup={"case_id": "denied"},
        success=200,
    ),
    "documents:upload": Sample(
        lambda ids: {"kind": "declaration", "file": _pdf_upload()}, success=200
    ),
    "exchange:imports": Sample(
        lambda ids: {
            "file": SimpleUploadedFile("cases.csv", b"given_name,family_name\nAna,Matrix\n")
        }
    ),
    "exchange:import-confirm": Sample(lambda ids: {}),
    "exchange:import-rerun": Sample(lambda ids: {}, setup={"run_id": "interrupted"}),
    "documents:template-upload": Sample(
        lambda ids: {"slug": "chronology", "file": _docx_template()}
    ),
    "advocacy:publication": Sample(
        lambda ids: {
            "action": "publish",
            "name_as_consented": "Ana R.",
            "consent_on": timezone.localdate().isoformat(),
            "consent_given_by": "the client",
            "confirm": "on",
        },
        setup={"case_id": "fresh"},
    ),
    "advocacy:waiver-add": Sample(
        lambda ids: {
            "recipient": "Rep. Ana Ruiz (NJ-9)",
            "form": "dhs-60-001",
            "signed_on": timezone.localdate().isoformat(),
            "signed_by": "client",
        },
        success=200,
    ),
    "advocacy:inquiry-add": Sample(lambda ids: {"recipient": "Rep. Ana Ruiz"}, success=200),
    "advocacy:inquiry-send": Sample(
        lambda ids: {"sent_at": _local(hours=1), "channel": "email"},
        setup={"inquiry_id": "waived"},
        success=200,
    ),
    "advocacy:inquiry-response": Sample(
        lambda ids: {"response_at": _local(minutes=30), "outcome": "declined"},
        setup={"inquiry_id": "sent"},
        success=200,
    ),
    "advocacy:inquiry-follow-up": Sample(
        lambda ids: {"at": _local(minutes=20), "note": "Called the caseworker again."},
        setup={"inquiry_id": "sent"},
        success=200,
    ),
    "advocacy:statement-add": Sample(
        lambda ids: {
            "author_kind": "family",
            "author_name": "Ana R.",
            "kind": "interview",
            "said_at": _local(hours=1),
            "language": "en",
        },
        success=200,
    ),
    "advocacy:statement-edit": Sample(lambda ids: {"text": "Updated."}, success=200),
    "advocacy:ally-add": Sample(lambda ids: {"name": "Allied Civil Rights Project"}, success=200),
    "relief:submit": Sample(
        lambda ids: {"submitted_at": _local(hours=1), "channel": "email"}, success=200
    ),
    "relief:acknowledge": Sample(
        lambda ids: {"acknowledged_at": _local(minutes=30)},
        setup={"request_id": "submitted"},
        success=200,
    ),
    "relief:decision": Sample(
        lambda ids: {"decided_at": _local(minutes=20), "outcome": "denied"},
        setup={"request_id": "submitted"},
        success=200,
    ),
    "relief:withdraw": Sample(lambda ids: {}, success=200),
    "deadlines:done": Sample(lambda ids: {}),
    "deadlines:calendar_create": Sample(lambda ids: {}, success=200),
    "deadlines:calendar_revoke": Sample(lambda ids: {}),
    "courts:draft": Sample(
        lambda ids: {"kind": "habeas-2241"}, setup={"case_id": "held"}, success=200
    ),
    "courts:file": Sample(
        lambda ids: {"docket_number": _docket(), "filed_at": _local(hours=1)}, success=200
    ),
    "courts:order": Sample(
        lambda ids: {"kind": "order-to-show-cause", "issued_at": _local(hours=1)},
        setup={"court_case_id": "filed"},
        success=200,
    ),
    "custody:resolve-alert": Sample(lambda ids: {}, success=200),
    "courts:compliance": Sample(
        lambda ids: {"complied_at": _local(minutes=5), "evidence": "Released"}, success=200
    ),
    "cases:edit": Sample(
        lambda ids: {"title": "Renamed", "status": "active", "version": 1},
        setup={"case_id": "fresh"},
    ),
    "cases:intake": Sample(
        lambda ids: {
            "given_name": "Ana",
            "family_name": "Ruiz",
            "immigration_status": "other",
            "relative_relationship": "spouse",
            "proceed": "on",
        }
    ),
    "cases:team": Sample(
        lambda ids: {"lead_attorney": "", "version": 1}, setup={"case_id": "fresh"}, success=200
    ),
    "cases:notes": Sample(lambda ids: {"kind": "call", "body": "Called."}, success=200),
    "cases:note-edit": Sample(lambda ids: {"kind": "note", "body": "Edited."}, success=200),
    "cases:people": Sample(
        lambda ids: {"full_name": "Ana Ruiz", "relationship": "spouse"}, success=200
    ),
    "cases:locator": Sample(
        lambda ids: {"result": "not-found"}, setup={"case_id": "fresh"}, success=200
    ),
    "cases:hearings": Sample(
        lambda ids: {"kind": "master", "scheduled_at": _local(hours=-48)}, success=200
    ),
    "cases:deadline-assign": Sample(lambda ids: {"assignee": ""}),
    "cases:hearing-edit": Sample(
        lambda ids: {"scheduled_at": _local(hours=240), "outcome": "Reset."}, success=200
    ),
    "cases:client": Sample(lambda ids: _client_form(ids["case_id"])),
    "organisation:members": Sample(
        lambda ids: {"email": "matrix@riverside.test", "role": "intake"}
    ),
    # The read-only member keeps their role: the same answer for every admin who tries.
    "organisation:member": Sample(lambda ids: {f"{ids['membership_id']}-role": "read-only"}),
    "organisation:settings": Sample(
        # The organisation's own name and zone: other samples' times are read in that zone.
        lambda ids: {
            "name": "Riverside Defenders",
            "time_zone": "America/New_York",
            "locator_recheck_hours": "12",
        },
        success=200,
    ),
    "custody:transfer": Sample(
        lambda ids: {
            "facility": ids["facility_id"],
            "facility_query": "",
            "started_at": _local(hours=2),
            "source": "locator",
        },
        success=200,
    ),
}
