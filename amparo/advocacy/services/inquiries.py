"""Writes about privacy waivers and congressional inquiries.

An inquiry is marked sent only with a waiver naming its office: consent to disclosure under the
Privacy Act is given for a named recipient (5 U.S.C. § 552a(b)), so a waiver for one office
does not reach another. The Privacy Act itself protects citizens and lawful permanent residents
only (5 U.S.C. § 552a(a)(2)); ICE and members' offices ask for the signed release from every
client anyway (DHS Form 60-001), so Amparo asks for it whatever the client's status.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.advocacy.models import CongressionalOffice, FollowUp, Inquiry, Waiver
from amparo.advocacy.selectors import waiver_naming
from amparo.cases.models import Case
from amparo.core.services import create_case_record, update_case_record

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.documents.models import Document

# A clock a few minutes fast on a phone should not refuse a send logged just now.
CLOCK_SLACK = datetime.timedelta(minutes=10)


def _recipient(member: CongressionalOffice | None, recipient: str, field: str) -> str:
    text = " ".join(recipient.split())
    if member is None and not text:
        raise ValidationError({field: _("Name the office, or choose a member of Congress.")})
    return text or str(member)


def _not_future(moment: datetime.datetime, field: str) -> None:
    if moment > timezone.now() + CLOCK_SLACK:
        raise ValidationError({field: _("This time is in the future.")})


@transaction.atomic
def waiver_record(
    *,
    actor: User | None,
    case: Case,
    form: str,
    signed_on: datetime.date,
    signed_by: str,
    recipient: str = "",
    member: CongressionalOffice | None = None,
    signer_name: str = "",
    scope: str = "",
    signed_copy: Document | None = None,
) -> Waiver:
    """Record the client's signed consent for one named recipient."""
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("A waiver cannot be signed in the future.")})
    if signed_by == Waiver.SignedBy.GUARDIAN and not signer_name.strip():
        raise ValidationError({"signer_name": _("Name the guardian who signed.")})
    if signed_copy is not None and signed_copy.case_id != case.id:
        raise ValidationError({"signed_copy": _("Not a document of this case.")})
    waiver = Waiver(
        case=case,
        member=member,
        recipient=_recipient(member, recipient, "recipient"),
        form=form,
        signed_on=signed_on,
        signed_by=signed_by,
        signer_name=signer_name.strip(),
        scope=scope,
        signed_copy=signed_copy,
    )
    create_case_record(waiver, actor=actor, action="waiver.create", case=case)
    return waiver


@transaction.atomic
def inquiry_open(
    *,
    actor: User | None,
    case: Case,
    office: CongressionalOffice | None = None,
    recipient: str = "",
    caseworker: str = "",
    asked_for: str = "",
) -> Inquiry:
    """Start preparing a congressional inquiry; it can be sent once a waiver names its office."""
    inquiry = Inquiry(
        case=case,
        office=office,
        recipient=_recipient(office, recipient, "office"),
        caseworker=caseworker.strip() or (office.caseworker if office else ""),
        asked_for=asked_for,
    )
    create_case_record(inquiry, actor=actor, action="inquiry.create", case=case)
    return inquiry


@transaction.atomic
def inquiry_send(
    *, actor: User | None, inquiry: Inquiry, sent_at: datetime.datetime, channel: str
) -> Inquiry:
    """Mark the inquiry sent. Refused without a signed waiver naming its office."""
    if inquiry.sent_at is not None:
        raise ValidationError({"sent_at": _("This inquiry was already sent.")})
    _not_future(sent_at, "sent_at")
    waiver = waiver_naming(inquiry.case, member_id=inquiry.office_id, recipient=inquiry.recipient)
    if waiver is None:
        raise ValidationError(
            {
                "waiver": _(
                    "No signed privacy waiver names %(office)s. Consent is given for a named "
                    "recipient (5 U.S.C. § 552a(b)): record a waiver naming this office first."
                )
                % {"office": inquiry.recipient}
            }
        )
    if sent_at.date() < waiver.signed_on - datetime.timedelta(days=1):
        raise ValidationError({"sent_at": _("The inquiry cannot go out before the waiver.")})
    inquiry.sent_at, inquiry.channel, inquiry.waiver = sent_at, channel, waiver
    fields = ["sent_at", "channel", "waiver"]
    update_case_record(inquiry, actor=actor, action="inquiry.send", fields=fields)
    return inquiry


@transaction.atomic
def inquiry_respond(
    *,
    actor: User | None,
    inquiry: Inquiry,
    response_at: datetime.datetime,
    outcome: str,
    summary: str = "",
) -> Inquiry:
    """Log the office's (or ICE's) answer; its time feeds the congressional response report."""
    if inquiry.sent_at is None:
        raise ValidationError({"response_at": _("The inquiry has not been sent yet.")})
    if response_at < inquiry.sent_at:
        raise ValidationError({"response_at": _("The answer cannot come before the inquiry.")})
    _not_future(response_at, "response_at")
    if outcome == Inquiry.Outcome.PENDING:
        raise ValidationError({"outcome": _("Choose what the answer was.")})
    inquiry.response_at, inquiry.outcome, inquiry.summary = response_at, outcome, summary
    fields = ["response_at", "outcome", "summary"]
    update_case_record(inquiry, actor=actor, action="inquiry.respond", fields=fields)
    return inquiry


@transaction.atomic
def follow_up_add(
    *, actor: User | None, inquiry: Inquiry, at: datetime.datetime, note: str
) -> FollowUp:
    """A chaser to the office or ICE about an inquiry already sent."""
    if inquiry.sent_at is None:
        raise ValidationError({"at": _("Send the inquiry before following it up.")})
    if at < inquiry.sent_at:
        raise ValidationError({"at": _("A follow-up cannot come before the inquiry was sent.")})
    _not_future(at, "at")
    if not note.strip():
        raise ValidationError({"note": _("Say what was asked or said in the follow-up.")})
    follow_up = FollowUp(inquiry=inquiry, at=at, note=" ".join(note.split()))
    create_case_record(follow_up, actor=actor, action="inquiry.follow_up", case=inquiry.case)
    return follow_up
