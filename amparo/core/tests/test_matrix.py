"""Authorisation matrix: every URL pattern (from the URL resolver) and every API operation (from
the OpenAPI schema) against the standing cast, with the expected status derived from rules.

The rule for a route comes from its path ids (a route with a case's id, or the id of something
that belongs to a case, is a case route: reading it is for members of the case's organisation
who can see the case, changing it is for writer roles) or, for routes without such an id, from
the tables below. A route that no rule covers fails the test, so a new route must be placed.

Every allowed read of a case route must append an audit event naming the case, and every
allowed write must append an audit event: the matrix checks the trail too.

Sample inputs for writes live in `samples.py`.
"""

from __future__ import annotations

import datetime
import io
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from amparo.advocacy.models import Publication
from amparo.api.main import api
from amparo.audit.models import AuditEvent
from amparo.conftest import Cast, api_client_for
from amparo.core.tests.samples import API_SAMPLES, HTML_SAMPLES, Sample
from amparo.courts.models import Court, CourtCase
from amparo.custody.models import Facility
from amparo.deadlines.models import Deadline
from amparo.exchange.models import ExportRun, ImportRun
from amparo.factories import CaseFactory, RequestFactory
from amparo.relief.services import assessment_record, decision_record, request_submit
from amparo.reports.catalogue import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    """Documents made by the matrix are written to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path


ACTORS = ("admin", "attorney", "paralegal", "intake", "advocate", "read-only", "outsider")
WRITERS = frozenset({"admin", "attorney", "paralegal", "intake"})
READERS = WRITERS | {"advocate", "read-only"}
ANONYMOUS = "anonymous"

# --- what each kind of route expects ----------------------------------------------------------


def expected_status(kind: str, actor: str, *, api_call: bool, success: int) -> int:
    """The status `actor` must get on a route of this kind. `success` is the route's own."""
    sign_in = 401 if api_call else 302
    signed_in = actor != ANONYMOUS
    rules: dict[str, Callable[[], int]] = {
        # A case of the cast's organisation (or something on it).
        "case-read": lambda: success if actor in READERS else 404,
        "case-write": lambda: success if actor in WRITERS else 404,
        # Advocacy records of a case (waivers, inquiries, statements, allies, public page).
        "case-advocacy": lambda: success if actor in WRITERS | {"advocate"} else 404,
        "case-log": lambda: success if actor in {"admin", "attorney"} else 404,
        # A note of the case, which only its author (the cast's attorney) may edit.
        "case-author": lambda: success if actor == "attorney" else 404,
        # Lists and creation within the member's own organisation.
        "org-read": lambda: success,
        "org-write": lambda: success if actor in WRITERS | {"outsider"} else 404,
        # A page for writers only (rapid intake): other roles are told it is not for them.
        "org-write-page": lambda: success if actor in WRITERS | {"outsider"} else 403,
        # Creating a case for the cast organisation's client.
        "person-write": lambda: success if actor in WRITERS else 404,
        "org-admin": lambda: success if actor == "admin" else 404,
        # Imports: admins and attorneys, each into their own organisation.
        "org-import": lambda: success if actor in {"admin", "attorney", "outsider"} else 404,
        "import-record": lambda: success if actor in {"admin", "attorney"} else 404,
        "signed-in": lambda: success,
        # A record that belongs to the user only, asked for with another's id.
        "someone-elses": lambda: 404,
    }
    if kind == "public":
        return success
    if kind == "secret-unknown":  # a secret URL with a wrong secret
        return 404
    if kind == "guest":  # sign-in pages: a signed-in member is sent on
        return 302 if signed_in else success
    if kind == "staff":  # the Django admin; nobody in the cast is staff
        return 302
    if kind == "redirect":
        return 302
    if kind == "not-found":
        return 404
    if not signed_in:
        return sign_in
    return rules[kind]()


# --- path ids: what each names, and how to make one for a call ---------------------------------


@dataclass(frozen=True)
class Param:
    scope: str  # "case", "person", "reference", "own", "secret", "public", "account"
    make: Callable[[Cast, str], str]


def _request_id(cast: Cast, state: str) -> str:
    request = RequestFactory(case=cast.case)
    if state == "submitted":
        request_submit(
            actor=cast.attorney,
            request=request,
            submitted_at=timezone.now() - datetime.timedelta(hours=2),
            channel="email",
            expected_version=None,
        )
    if state == "assessed":
        assessment_record(actor=cast.attorney, request=request, factors={})
    return str(request.id)


def _export_run_id(cast: Cast, state: str) -> str:
    """A finished organisation export of the cast's organisation, ready to download."""
    from django.core.files.base import ContentFile

    run = ExportRun.objects.create(
        organisation=cast.organisation, actor=cast.admin, status=ExportRun.Status.DONE
    )
    run.file.save(f"matrix-{run.id}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    return str(run.id)


def _membership_id(cast: Cast, state: str) -> str:
    """The read-only member's place in the cast's organisation."""
    from amparo.accounts.models import Membership

    return str(Membership.objects.get(user=cast.read_only, organisation=cast.organisation).id)


def _import_run_id(cast: Cast, state: str) -> str:
    """A checked import of the cast's organisation, ready to be confirmed; "interrupted": one
    whose process was killed while it ran, ready to be run again."""
    if state == "interrupted":
        run = ImportRun.objects.create(
            organisation=cast.organisation,
            file_name="cases.csv",
            content=b"given_name,family_name\nAna,Matrix\n",
            status=ImportRun.Status.RUNNING,
            started_at=timezone.now() - datetime.timedelta(hours=2),
            heartbeat_at=timezone.now() - datetime.timedelta(hours=2),
        )
        return str(run.id)
    run = ImportRun.objects.create(
        organisation=cast.organisation,
        file_name="cases.csv",
        content=b"given_name,family_name\nAna,Matrix\n",
        dry_run=True,
        status=ImportRun.Status.CHECKED,
        report={"rows": 1, "added": 1, "updated": 0, "unchanged": 0, "problems": []},
    )
    return str(run.id)


def _case_id(cast: Cast, state: str) -> str:
    if state == "fresh":  # a case of the cast's organisation with nothing on it yet
        return str(CaseFactory(person=cast.case.person).id)
    if state == "held":  # a case of its own whose client is held at a facility with a venue
        from amparo.custody.services import placement_record

        case = CaseFactory(person=cast.case.person)
        facility = Facility.objects.get(name__icontains="CENTRAL LOUISIANA")
        placement_record(
            actor=cast.attorney,
            case=case,
            facility=facility,
            source="locator",
            started_at=timezone.now() - datetime.timedelta(days=2),
        )
        return str(case.id)
    if state == "denied":
        # A case of its own: each writer's next step would otherwise find it already taken.
        case = CaseFactory(person=cast.case.person)
        request = RequestFactory(case=case)
        request_submit(
            actor=cast.attorney,
            request=request,
            submitted_at=timezone.now() - datetime.timedelta(hours=2),
            channel="email",
            expected_version=None,
        )
        decision_record(
            actor=cast.attorney,
            request=request,
            decided_at=timezone.now() - datetime.timedelta(hours=1),
            outcome="denied",
            reasons_given=False,
            expected_version=None,
        )
        return str(case.id)
    return str(cast.case.id)


def _court_case_id(cast: Cast, state: str) -> str:
    court = Court.objects.filter(code="lawd").first() or Court.objects.create(
        kind=Court.Kind.DISTRICT, code="lawd", name="W.D. La.", short_name="W.D. La."
    )
    court_case = CourtCase.objects.create(
        case=cast.case, court=court, kind=CourtCase.Kind.HABEAS, caption="Petition"
    )
    if state == "filed":
        CourtCase.objects.filter(pk=court_case.pk).update(
            status=CourtCase.Status.FILED,
            docket_number=f"2:25-cv-{uuid.uuid4().int % 100000:05d}",
            filed_at=timezone.now() - datetime.timedelta(days=1),
        )
    return str(court_case.id)


def _order_id(cast: Cast, state: str) -> str:
    """A release order of the cast's case, due tomorrow, with nothing yet to show compliance."""
    from amparo.courts.models import Order

    order = Order.objects.create(
        court_case_id=_court_case_id(cast, "filed"),
        kind=Order.Kind.GRANT,
        issued_at=timezone.now() - datetime.timedelta(hours=3),
        compliance=Order.Compliance.RELEASE,
        compliance_due_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    return str(order.id)


def _deadline_id(cast: Cast, state: str) -> str:
    deadline = Deadline.objects.create(
        case=cast.case, title="Return due", due_on=timezone.localdate() + datetime.timedelta(3)
    )
    return str(deadline.id)


def _facility_id(cast: Cast, state: str) -> str:
    facility = Facility.objects.order_by("name").first()
    assert facility is not None, "reference data is loaded once per run (conftest)"
    return str(facility.id)


def _public_slug(cast: Cast, state: str) -> str:
    live = Publication.objects.filter(case=cast.case, withdrawn_at__isnull=True).first()
    if live is not None:
        return live.slug
    publication = Publication.objects.create(
        case=cast.case,
        name_as_consented="Ana R.",
        consent_on=timezone.localdate(),
        consent_recorded_by=cast.attorney,
    )
    return publication.slug


def _document_id(cast: Cast, state: str) -> str:
    """A non-privileged document of the cast's case (advocacy staff may read it too)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from amparo.documents.services import document_upload

    document = document_upload(
        actor=cast.attorney,
        case=cast.case,
        upload=SimpleUploadedFile("l.pdf", b"%PDF-1.4 matrix sample", "application/pdf"),
        kind="correspondence",
        privileged=False,
    )
    return str(document.id)


def _alert_id(cast: Cast, state: str) -> str:
    from amparo.cases.models import CaseAlert

    alert = CaseAlert.objects.create(case=cast.case, kind="venue-changed", message="venue changed")
    return str(alert.id)


def _inquiry_id(cast: Cast, state: str) -> str:
    """An inquiry of the cast's case; "waived": a waiver names its office; "sent": also sent."""
    from amparo.advocacy.models import Inquiry, Waiver

    recipient = f"Office {uuid.uuid4().hex[:8]}"
    inquiry = Inquiry.objects.create(case=cast.case, recipient=recipient)
    if state in {"waived", "sent"}:
        waiver = Waiver.objects.create(
            case=cast.case,
            recipient=recipient,
            form="dhs-60-001",
            signed_on=timezone.localdate() - datetime.timedelta(days=1),
            signed_by="client",
        )
        if state == "sent":
            Inquiry.objects.filter(pk=inquiry.pk).update(
                waiver=waiver, sent_at=timezone.now() - datetime.timedelta(hours=2)
            )
    return str(inquiry.id)


def _statement_id(cast: Cast, state: str) -> str:
    from amparo.advocacy.models import Statement

    statement = Statement.objects.create(
        case=cast.case,
        author_kind="family",
        author_name="Ana R.",
        kind="interview",
        said_at=timezone.now() - datetime.timedelta(hours=3),
    )
    return str(statement.id)


def _note_id(cast: Cast, state: str) -> str:
    from amparo.cases.models import Note

    note = Note.objects.create(case=cast.case, author=cast.attorney, body="Called the family.")
    return str(note.id)


def _hearing_id(cast: Cast, state: str) -> str:
    from amparo.cases.models import ImmigrationHearing

    hearing = ImmigrationHearing.objects.create(
        case=cast.case, kind="master", scheduled_at=timezone.now() + datetime.timedelta(days=9)
    )
    return str(hearing.id)


def _relative_id(cast: Cast, state: str) -> str:
    from amparo.people.models import Relative

    relative = Relative.objects.create(
        person=cast.case.person, full_name="Ana Ruiz", relationship="spouse"
    )
    return str(relative.id)


PARAMS: dict[str, Param] = {
    "alert_id": Param("case", _alert_id),
    "inquiry_id": Param("case", _inquiry_id),
    "statement_id": Param("case", _statement_id),
    "note_id": Param("case", _note_id),
    "hearing_id": Param("case", _hearing_id),
    "relative_id": Param("person", _relative_id),
    "case_id": Param("case", _case_id),
    "document_id": Param("case", _document_id),
    "request_id": Param("case", _request_id),
    "court_case_id": Param("case", _court_case_id),
    "deadline_id": Param("case", _deadline_id),
    "order_id": Param("case", _order_id),
    "person_id": Param("person", lambda cast, state: str(cast.case.person_id)),
    "facility_id": Param("reference", _facility_id),
    # Records that belong to one user (a calendar feed): asked for with an id that is not theirs.
    "feed_id": Param("own", lambda cast, state: str(uuid.uuid4())),
    # Secret URLs (calendar feeds) with a wrong secret.
    "token": Param("secret", lambda cast, state: "not-a-valid-secret"),
    "slug": Param("public", _public_slug),
    "run_id": Param("import", _import_run_id),
    "export_id": Param("export", _export_run_id),
    "membership_id": Param("membership", _membership_id),
    # allauth's e-mailed keys, wrong on purpose.
    "key": Param("account", lambda cast, state: "wrong-key"),
    "uidb36": Param("account", lambda cast, state: "zz"),
    # The Django admin's own ids.
    "app_label": Param("admin", lambda cast, state: "accounts"),
    "object_id": Param("admin", lambda cast, state: str(uuid.uuid4())),
    "id": Param("admin", lambda cast, state: str(uuid.uuid4())),
    "content_type_id": Param("admin", lambda cast, state: "1"),
    "path": Param("admin", lambda cast, state: "no/such/route"),
    "url": Param("admin", lambda cast, state: "no/such/page"),
}

# --- API ---------------------------------------------------------------------------------------

# Operations with no case id in their path.
API_RULES: dict[tuple[str, str], str] = {
    ("get", "/api/v1/people"): "org-read",
    ("post", "/api/v1/people"): "org-write",
    ("get", "/api/v1/cases"): "org-read",
    ("post", "/api/v1/cases"): "person-write",
    ("get", "/api/v1/deadlines"): "org-read",
    ("get", "/api/v1/policy-regimes"): "signed-in",
    ("get", "/api/v1/facilities"): "signed-in",
    ("get", "/api/v1/document-templates"): "signed-in",
    ("get", "/api/v1/reports/agency-answers"): "org-read",
    ("get", "/api/v1/court-orders/compliance"): "org-read",
    ("get", "/api/v1/reports/turnaround"): "org-read",
    ("get", "/api/v1/reports/detention-length"): "org-read",
    ("get", "/api/v1/congress/members"): "signed-in",
    ("post", "/api/v1/intake"): "org-write",
    ("get", "/api/v1/members"): "org-read",
    ("get", "/api/v1/dashboard"): "org-read",
    ("get", "/api/v1/organisation"): "org-admin",
    ("patch", "/api/v1/organisation"): "org-admin",
    ("get", "/api/v1/data-doubts"): "org-admin",
    ("get", "/api/v1/imports"): "org-import",
    ("post", "/api/v1/imports"): "org-import",
    ("get", "/api/v1/imports/{run_id}"): "import-record",
    ("post", "/api/v1/imports/{run_id}/confirm"): "import-record",
    ("post", "/api/v1/imports/{run_id}/rerun"): "import-record",
    ("get", "/api/v1/imports/{run_id}/rows-to-fix"): "import-record",
}
# Writes on a case that advocacy staff may make too.
ADVOCACY_API = {
    ("post", "/api/v1/cases/{case_id}/waivers"),
    ("post", "/api/v1/cases/{case_id}/inquiries"),
    ("post", "/api/v1/inquiries/{inquiry_id}/send"),
    ("post", "/api/v1/inquiries/{inquiry_id}/response"),
    ("post", "/api/v1/inquiries/{inquiry_id}/follow-ups"),
    ("post", "/api/v1/cases/{case_id}/statements"),
    ("patch", "/api/v1/statements/{statement_id}"),
}
ADVOCACY_HTML = {
    "advocacy:publication",
    "advocacy:waiver-add",
    "advocacy:inquiry-add",
    "advocacy:inquiry-send",
    "advocacy:inquiry-response",
    "advocacy:inquiry-follow-up",
    "advocacy:statement-add",
    "advocacy:statement-edit",
    "advocacy:ally-add",
}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    success: int


def api_operations() -> list[Operation]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, operations in schema["paths"].items():
        for method, spec in operations.items():
            codes = sorted(int(code) for code in spec["responses"] if str(code).startswith("2"))
            found.append(Operation(method, path, codes[0] if codes else 200))
    return found


def _scope_kind(params: list[str], method: str, where: str) -> str | None:
    unknown = [p for p in params if p not in PARAMS]
    assert not unknown, f"{where}: no rule for path id(s) {unknown}: add them to PARAMS"
    scopes = {PARAMS[p].scope for p in params}
    reading = method == "get"
    if "case" in scopes:
        return "case-read" if reading else "case-write"
    if scopes == {"person"}:
        return "case-read" if reading else "case-write"
    if scopes == {"reference"} and reading:
        return "signed-in"
    if scopes == {"own"}:
        return "someone-elses"
    if scopes == {"secret"}:
        return "secret-unknown"
    if scopes == {"public"}:
        return "public"
    return None


def api_rule(operation: Operation) -> str:
    params = re.findall(r"{(\w+)}", operation.path)
    kind = _scope_kind(params, operation.method, f"{operation.method} {operation.path}")
    if kind is None:
        kind = API_RULES.get((operation.method, operation.path))
    if kind == "case-write" and (operation.method, operation.path) in ADVOCACY_API:
        kind = "case-advocacy"
    assert kind, f"no access rule for {operation.method.upper()} {operation.path}: add one"
    return kind


def _ids(cast: Cast, params: list[str], setup: dict[str, str]) -> dict[str, str]:
    ids = {name: PARAMS[name].make(cast, setup.get(name, "")) for name in params}
    ids.setdefault("facility_id", _facility_id(cast, ""))
    ids.setdefault("person_id", str(cast.case.person_id))
    return ids


def _fill(template: str, ids: dict[str, str]) -> str:
    return re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], template)


def _api_clients(cast: Cast) -> dict[str, Client]:
    clients = {name: api_client_for(user) for name, user in cast.by_role().items()}
    clients[ANONYMOUS] = Client()
    return clients


def _case_events(cast: Cast) -> int:
    """Events naming any case of the cast's organisation (some calls get a case of their own)."""
    return AuditEvent.objects.filter(organisation=cast.organisation, case_id__isnull=False).count()


NO_SAMPLE = Sample(lambda ids: {})


def test_every_api_write_has_a_sample() -> None:
    writes = {(o.method, o.path) for o in api_operations() if o.method != "get"}
    missing = writes - set(API_SAMPLES)
    assert not missing, f"add sample bodies to core/tests/samples.py for {sorted(missing)}"


def test_every_api_operation_has_a_rule() -> None:
    operations = api_operations()
    assert len(operations) >= 10
    for operation in operations:
        api_rule(operation)


def test_api_matrix(cast: Cast) -> None:
    clients = _api_clients(cast)
    wrong: list[str] = []
    checked = 0
    for operation in api_operations():
        kind = api_rule(operation)
        sample = API_SAMPLES.get((operation.method, operation.path), NO_SAMPLE)
        params = re.findall(r"{(\w+)}", operation.path)
        for actor in (*ACTORS, ANONYMOUS):
            ids = _ids(cast, params, sample.setup)
            url = _fill(operation.path, ids)
            want = expected_status(kind, actor, api_call=True, success=operation.success)
            events, case_events = AuditEvent.objects.count(), _case_events(cast)
            call = getattr(clients[actor], operation.method)
            if operation.method == "get":
                response = call(url)
            elif sample.multipart:  # an upload
                response = call(url, sample.body(ids))
            else:
                response = call(url, sample.body(ids), content_type="application/json")
            checked += 1
            label = f"{operation.method.upper()} {operation.path} as {actor} ({kind})"
            if response.status_code != want:
                body = response.content[:200].decode(errors="replace")
                wrong.append(f"{label}: {response.status_code}, expected {want}: {body}")
                continue
            if want == 404 and response.json()["error"]["code"] != "not_found":
                wrong.append(f"{label}: 404 without the not_found error shape")
            allowed = 200 <= want < 300
            if allowed and kind.startswith("case-") and _case_events(cast) == case_events:
                wrong.append(f"{label}: allowed but no audit event names the case")
            if allowed and operation.method != "get" and AuditEvent.objects.count() == events:
                wrong.append(f"{label}: a write without an audit event")
    assert checked >= 80
    assert not wrong, f"{len(wrong)} unexpected answers:\n" + "\n".join(wrong)


# --- HTML --------------------------------------------------------------------------------------

# Routes without a case id, by URL name (namespace:name). The Django admin is covered below.
HTML_RULES: dict[str, str] = {
    "home": "org-read",
    "cases:intake": "org-write-page",
    "cases:facility-picker": "signed-in",
    "cases:note-edit": "case-author",
    "login": "guest",
    "account_login": "guest",
    "logout": "signed-in",
    "account_logout": "signed-in",
    "account_signup": "guest",
    "account_reset_password": "public",
    "account_reset_password_done": "public",
    "account_reset_password_from_key": "public",
    "account_reset_password_from_key_done": "public",
    "account_inactive": "public",
    "account_email_verification_sent": "public",
    "account_confirm_email": "public",
    "account_confirm_login_code": "guest",
    "account_email": "signed-in",
    "account_change_password": "signed-in",
    "account_set_password": "signed-in",
    "account_reauthenticate": "signed-in",
    "account_request_reauthentication_code": "signed-in",
    "account_confirm_reauthentication_code": "signed-in",
    "mfa_index": "signed-in",
    "mfa_authenticate": "guest",
    "mfa_reauthenticate": "signed-in",
    "mfa_activate_totp": "signed-in",
    "mfa_deactivate_totp": "signed-in",
    "mfa_view_recovery_codes": "signed-in",
    "mfa_generate_recovery_codes": "signed-in",
    "mfa_download_recovery_codes": "signed-in",
    "cases:list": "org-read",
    "custody:facility-list": "signed-in",
    # Form pages: showing the form is already for those who may change the case.
    "custody:transfer": "case-write",
    "cases:edit": "case-write",
    "cases:client": "case-write",
    "organisation:settings": "org-admin",
    "organisation:members": "org-admin",
    "organisation:member": "org-admin",
    "cases:data-doubts": "org-admin",
    "deadlines:dashboard": "org-read",
    "deadlines:calendar_create": "signed-in",
    "reports:agency-answers": "org-read",
    "courts:compliance-report": "org-read",
    "reports:index": "org-read",
    **{f"reports:{report.slug}": "org-read" for report in REPORTS},
    "advocacy:campaign": "org-read",
    "documents:templates": "signed-in",
    "documents:template-upload": "org-admin",
    "audit:export": "org-admin",
    "audit:case-log": "case-log",
    "exchange:imports": "org-import",
    "exchange:organisation-export": "org-admin",
    "exchange:exports": "org-admin",
    "exchange:export-detail": "org-admin",
    "exchange:export-download": "org-admin",
    "exchange:import-detail": "import-record",
    "exchange:import-confirm": "import-record",
    "exchange:import-rerun": "import-record",
    "exchange:import-bad-rows": "import-record",
    "advocacy:public-page": "public",
    # The language switch answers everyone by sending them back to the page they were on.
    "language-set": "redirect",
}
# Answers that differ from the rule's success for a reason, by (URL name, method).
HTML_SUCCESS: dict[tuple[str, str], int] = {
    # allauth answers a signed-in GET of these pages by sending the member on.
    ("account_reset_password", "get"): 200,
    ("account_confirm_login_code", "get"): 302,
    ("mfa_authenticate", "get"): 302,
    ("account_request_reauthentication_code", "get"): 302,
    ("account_confirm_reauthentication_code", "get"): 302,
    ("account_set_password", "get"): 302,
    # Setting up TOTP asks for the password again first (a fresh sign-in).
    ("mfa_activate_totp", "get"): 302,
    ("mfa_reauthenticate", "get"): 302,
    # Nothing to show or remove for a member who has no authenticator yet.
    ("mfa_deactivate_totp", "get"): 404,
    ("mfa_view_recovery_codes", "get"): 404,
    ("mfa_generate_recovery_codes", "get"): 302,
    ("mfa_download_recovery_codes", "get"): 404,
    ("account_confirm_email", "get"): 200,
    ("account_reset_password_from_key", "get"): 200,
}


@dataclass(frozen=True)
class Page:
    name: str  # namespace:name, or the route for unnamed patterns
    route: str
    params: list[str]


def html_pages(
    patterns: list[URLPattern | URLResolver] | None = None,
    prefix: str = "",
    namespace: str | None = None,
) -> list[Page]:
    found: list[Page] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = entry.namespace
            space = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            if inner == "api":
                continue  # the API is enumerated from its OpenAPI schema
            found += html_pages(entry.url_patterns, route, space)
            continue
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            params = list(pattern.converters)
        else:
            params = list(pattern.regex.groupindex)
        name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or route
        found.append(Page(name, route, params))
    return found


def html_rule(page: Page) -> str:
    if page.route.startswith("admin/"):
        return "staff"
    if page.route.startswith("^api/"):
        return "not-found"  # unknown paths under /api/ answer the JSON 404
    if page.name in HTML_RULES:
        return HTML_RULES[page.name]
    kind = _scope_kind(page.params, "get", page.name)
    assert kind, f"no access rule for the page {page.name} ({page.route}): add one"
    return kind


def _url(page: Page, ids: dict[str, str]) -> str:
    if page.route.startswith("^api/"):
        return "/api/v1/no-such-route"
    if page.name == page.route:  # unnamed: fill the converters in by hand
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ids[str(m.group(1))], page.route)
    return reverse(page.name, kwargs={p: ids[p] for p in page.params})


def _html_clients(cast: Cast) -> dict[str, Client]:
    clients: dict[str, Client] = {}
    for name, user in cast.by_role().items():
        client = Client()
        client.force_login(user)
        clients[name] = client
    clients[ANONYMOUS] = Client()
    return clients


def test_every_page_has_a_rule() -> None:
    pages = html_pages()
    assert len(pages) >= 20
    for page in pages:
        html_rule(page)


def _check(
    cast: Cast,
    clients: dict[str, Client],
    page: Page,
    method: str,
    sample: Sample | None,
    wrong: list[str],
) -> None:
    kind = html_rule(page)
    if method == "post" and kind.endswith("-read"):
        kind = kind.replace("-read", "-write")
    if method == "post" and kind == "case-write" and page.name in ADVOCACY_HTML:
        kind = "case-advocacy"
    success = HTML_SUCCESS.get(
        (page.name, method), (sample.success or 302) if method == "post" and sample else 200
    )
    for actor in (*ACTORS, ANONYMOUS):
        ids = _ids(cast, page.params, sample.setup if sample else {})
        url = _url(page, ids)
        want = expected_status(kind, actor, api_call=False, success=success)
        events, case_events = AuditEvent.objects.count(), _case_events(cast)
        if method == "get":
            response = clients[actor].get(url)
        else:
            assert sample is not None
            response = clients[actor].post(url, sample.body(ids))
        label = f"{method.upper()} {page.name} as {actor} ({kind})"
        if response.status_code != want:
            wrong.append(f"{label}: {response.status_code}, expected {want}")
            continue
        to_sign_in = want == 302 and actor == ANONYMOUS
        if (
            to_sign_in
            and kind not in {"staff", "redirect", "guest"}
            and not response["Location"].startswith("/accounts/login/")
        ):
            wrong.append(f"{label}: sent to {response['Location']}, not to sign-in")
        allowed = want == success and actor != ANONYMOUS and kind.startswith("case-")
        if allowed and _case_events(cast) == case_events:
            wrong.append(f"{label}: allowed but no audit event names the case")
        if allowed and method == "post" and AuditEvent.objects.count() == events:
            wrong.append(f"{label}: a write without an audit event")


def test_html_matrix(cast: Cast) -> None:
    clients = _html_clients(cast)
    wrong: list[str] = []
    post_only: list[str] = []
    for page in html_pages():
        if page.route.startswith("admin/") and page.name != "admin:index":
            continue  # checked in test_admin_is_closed_to_the_cast
        probe_ids = _ids(cast, page.params, {})
        probe = clients["attorney"].get(_url(page, probe_ids))
        sample = HTML_SAMPLES.get(page.name)
        if probe.status_code == 405:
            post_only.append(page.name)
            if sample is None:
                wrong.append(f"{page.name}: accepts only POST; add a sample to HTML_SAMPLES")
                continue
            _check(cast, clients, page, "post", sample, wrong)
            continue
        _check(cast, clients, page, "get", None, wrong)
        if sample is not None:
            _check(cast, clients, page, "post", sample, wrong)
    assert post_only, "expected some POST-only pages (forms)"
    assert not wrong, f"{len(wrong)} unexpected answers:\n" + "\n".join(wrong)


def test_admin_is_closed_to_the_cast(cast: Cast) -> None:
    """The Django admin is for installation operators (staff); members of organisations, even
    their admins, are sent to sign in as staff on every admin URL."""
    clients = _html_clients(cast)
    wrong = []
    pages = [p for p in html_pages() if p.route.startswith("admin/")]
    assert len(pages) > 20
    for page in pages:
        ids = _ids(cast, page.params, {})
        url = _url(page, ids)
        for actor in (*ACTORS, ANONYMOUS):
            response = clients[actor].get(url)
            if response.status_code not in {302, 403}:
                wrong.append(f"{page.name} as {actor}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


# --- field-level masking -------------------------------------------------------------------

SENSITIVE_FIELDS = {"a_number", "criminal_history_summary", "has_criminal_history", "body"}


def _schema_fields(schema: dict[str, Any]) -> dict[str, set[str]]:
    components = schema.get("components", {}).get("schemas", {})
    return {name: set(spec.get("properties", {})) for name, spec in components.items()}


def test_every_schema_with_a_sensitive_field_is_checked_for_masking() -> None:
    """Output schemas (not the In and Patch inputs) that carry a sensitive field must be among
    those the masking test reads;
    a new schema carrying one fails here until a planted-marker check covers it."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    carrying = {
        name
        for name, fields in _schema_fields(schema).items()
        if fields & SENSITIVE_FIELDS and not name.endswith(("In", "Patch"))  # inputs
    }
    assert carrying <= MASKED_SCHEMAS, f"add masking checks for {sorted(carrying - MASKED_SCHEMAS)}"


# Schemas whose sensitive fields test_advocate_and_outsider_never_see_planted_markers reads.
MASKED_SCHEMAS = {
    "PersonOut",
    "PersonBrief",
    "CaseOut",
    "PersonList",
    "CaseList",
    "NoteOut",
    "NoteList",
}


def _text_of(response: Any) -> str:
    """A body as text; an export's zip is read member by member (documents are binary)."""
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            return "\n".join(
                archive.read(n).decode() for n in archive.namelist() if n.endswith(".json")
            )
    return str(response.content.decode())


def test_advocate_and_outsider_never_see_planted_markers(cast: Cast) -> None:
    from amparo.cases.models import Note

    person = cast.case.person
    person.has_criminal_history = True
    person.criminal_history_summary = "MARKER-HISTORY-4411"
    person.save()
    Note.objects.create(case=cast.case, body="MARKER-PRIVILEGED-4412", privileged=True)
    full_a_number = ("012345678", "012-345-678", "A012345678")
    clients = _api_clients(cast)
    html = _html_clients(cast)
    bodies: dict[str, list[str]] = {}
    for actor in ("advocate", "outsider", "attorney"):
        seen = []
        for operation in api_operations():
            if operation.method != "get":
                continue
            params = re.findall(r"{(\w+)}", operation.path)
            url = _fill(operation.path, _ids(cast, params, {}))
            response = clients[actor].get(url)
            if not response.streaming:  # file downloads are binary
                seen.append(_text_of(response))
        for page in html_pages():
            if page.route.startswith(("admin/", "^api/")):
                continue
            url = _url(page, _ids(cast, page.params, {}))
            response = html[actor].get(url)
            if response.status_code == 200 and not response.streaming:
                seen.append(_text_of(response))
        bodies[actor] = seen
    for actor in ("advocate", "outsider"):
        text = "\n".join(bodies[actor])
        assert "MARKER-HISTORY-4411" not in text, actor
        assert "MARKER-PRIVILEGED-4412" not in text, actor
        assert not any(number in text for number in full_a_number), actor
    attorney = "\n".join(bodies["attorney"])
    assert "MARKER-HISTORY-4411" in attorney
    assert "MARKER-PRIVILEGED-4412" in attorney
    assert "012-345-678" in attorney or "012345678" in attorney
    assert "A•••-•••-678" in "\n".join(bodies["advocate"])
