"""case_timeline: every dated item in time order, in a number of queries that does not grow."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amparo.accounts.models import User
from amparo.advocacy.models import Statement
from amparo.advocacy.services import inquiry_open, statement_record
from amparo.cases.selectors import case_timeline
from amparo.cases.services import arrest_record, note_add
from amparo.conftest import Cast
from amparo.courts.models import CourtCase, Filing, Hearing, Order
from amparo.courts.services import court_case_draft
from amparo.custody.services import placement_record
from amparo.factories import CongressionalOfficeFactory, CourtFactory, FacilityFactory
from amparo.people.models import LifeEvent
from amparo.people.services import life_event_record
from amparo.relief.services import decision_record, request_create, request_submit

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
T0 = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _fill(cast: Cast, copies: int) -> None:
    """`copies` of every kind of dated item, with times interleaved across kinds."""
    case, actor = cast.case, cast.attorney
    court_case = court_case_draft(
        actor=actor, case=case, court=CourtFactory(), kind=CourtCase.Kind.HABEAS
    )
    office = CongressionalOfficeFactory()
    for n in range(copies):
        base = T0 + datetime.timedelta(days=n)
        arrest_record(actor=actor, case=case, arrested_at=base, place=f"Place {n}")
        placement_record(
            actor=actor,
            case=case,
            facility=FacilityFactory(),
            started_at=base + datetime.timedelta(hours=1),
            source="locator",
        )
        request = request_create(
            actor=actor, case=case, request_type="humanitarian-parole", reason="Birth"
        )
        request_submit(
            actor=actor,
            request=request,
            submitted_at=base + datetime.timedelta(hours=2),
            channel="email",
        )
        decision_record(
            actor=actor,
            request=request,
            decided_at=base + datetime.timedelta(hours=2, minutes=29),
            outcome="denied",
            reasons_given=False,
        )
        Filing.objects.create(
            court_case=court_case, title=f"Filing {n}", filed_at=base + datetime.timedelta(hours=3)
        )
        Hearing.objects.create(court_case=court_case, starts_at=base + datetime.timedelta(hours=4))
        Order.objects.create(
            court_case=court_case,
            kind=Order.Kind.ORDER_TO_SHOW_CAUSE,
            issued_at=base + datetime.timedelta(hours=5),
        )
        inquiry_open(actor=actor, case=case, office=office)
        statement_record(
            actor=actor,
            case=case,
            author_kind=Statement.AuthorKind.AGENCY,
            author_name="ICE",
            kind=Statement.Kind.DECLINED_TO_COMMENT,
            said_at=base + datetime.timedelta(hours=6),
        )
        life_event_record(
            actor=actor,
            person=case.person,
            kind=LifeEvent.Kind.BIRTH,
            description=f"Birth {n}",
            expected_on=base.date(),
        )
        note_add(actor=actor, case=case, body=f"Privileged {n}", privileged=True)
        note_add(actor=actor, case=case, body=f"Open {n}", privileged=False)


def _count_queries(cast: Cast) -> tuple[int, int]:
    user = User.objects.get(pk=cast.attorney.pk)  # fresh: no cached roles
    with CaptureQueriesContext(connection) as captured:
        items = case_timeline(user, cast.case)
    return len(captured), len(items)


def test_timeline_query_count_does_not_grow_with_items(cast: Cast) -> None:
    _fill(cast, 1)
    queries_one, items_one = _count_queries(cast)
    _fill(cast, 4)
    queries_many, items_many = _count_queries(cast)
    assert items_many > items_one
    assert queries_many == queries_one
    assert queries_one <= 15


def test_timeline_is_in_time_order_and_covers_every_kind(cast: Cast) -> None:
    _fill(cast, 2)
    items = case_timeline(cast.attorney, cast.case)
    assert [i.at for i in items] == sorted(i.at for i in items)
    kinds = {i.kind for i in items}
    assert kinds >= {
        "arrest",
        "placement",
        "request",
        "decision",
        "court-case",
        "filing",
        "hearing",
        "order",
        "inquiry",
        "statement",
        "life-event",
        "note",
    }


def test_decision_summary_gives_turnaround_and_missing_reasons(cast: Cast) -> None:
    _fill(cast, 1)
    decision = next(i for i in case_timeline(cast.attorney, cast.case) if i.kind == "decision")
    assert "denied 29 minutes after submission; no reasons given" in decision.summary


def test_privileged_notes_are_left_out_for_advocates(cast: Cast) -> None:
    _fill(cast, 1)
    for user, expected in (
        (cast.attorney, {"Privileged 0", "Open 0"}),
        (cast.advocate, {"Open 0"}),
    ):
        notes = {i.summary for i in case_timeline(user, cast.case) if i.kind == "note"}
        assert notes == expected


def test_inquiries_replies_and_documents_say_what_they_are(cast: Cast) -> None:
    """The kinds `_fill` leaves out: an inquiry waiting for its waiver, one sent with a reply,
    and a generated (privileged) and an uploaded document."""
    from amparo.advocacy.models import Inquiry, Waiver
    from amparo.documents.models import Document

    case = cast.case
    waiver = Waiver.objects.create(
        case=case,
        recipient="Sen. Office",
        form="dhs-60-001",
        signed_on=T0.date(),
        signed_by="client",
    )
    Inquiry.objects.create(case=case, recipient="Rep. Office")
    Inquiry.objects.create(
        case=case, recipient="Sen. Office", waiver=waiver, sent_at=T0, response_at=T0,
        outcome=Inquiry.Outcome.RELEASED,
    )  # fmt: skip
    for kind, title, content_type, privileged in (
        (Document.Kind.GENERATED, "Parole request letter", "application/pdf", True),
        (Document.Kind.EVIDENCE, "Birth certificate", "image/png", False),
    ):
        Document.objects.create(
            case=case, kind=kind, title=title, file="x", content_type=content_type, size=1,
            checksum="0" * 64, privileged=privileged, template_slug="parole", template_checksum="0",
            data_checksum="0",
        )  # fmt: skip
    shown = {(i.kind, i.summary, i.privileged) for i in case_timeline(cast.attorney, case)}
    assert shown >= {
        (
            "inquiry",
            "Congressional inquiry with Rep. Office in preparation (waiting for signed ICE Form "
            "60-001 privacy waiver)",
            False,
        ),
        ("inquiry", "Congressional inquiry sent via Sen. Office", False),
        ("inquiry-response", "Reply from Sen. Office: Released", False),
        ("document", "Generated Parole request letter v1 (PDF)", True),
        ("document", "Uploaded Birth certificate v1 (PNG)", False),
    }
    advocate = {i.kind for i in case_timeline(cast.advocate, case) if i.privileged}
    assert advocate == set()  # the privileged document is left out for advocacy staff
