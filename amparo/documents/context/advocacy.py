"""The groups for advocacy: the congressional inquiry and office, ICE's Office of Congressional
Relations, the public name and the press statement."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.advocacy.models import Statement
from amparo.advocacy.selectors import waiver_naming
from amparo.documents.context.format import long_date
from amparo.documents.context.sources import Sources

# ICE's Office of Congressional Relations, as ICE publishes it (ice.gov/leadership/ocr;
# DOMAIN.md §5).
ICE_OCR_EMAIL = "CongressToICE@ice.dhs.gov"
ICE_OCR_PHONE = "(202) 732-4200"


# Words before a member's name in an office named by hand ("Office of Senator Joan Lindgren").
OFFICE_PREFIX = re.compile(
    r"^(the\s+)?(office\s+of\s+)?(sen\.|senator|rep\.|representative|congress(wo)?man)\s+",
    re.IGNORECASE,
)


def inquiry(s: Sources) -> dict[str, Any] | None:
    inquiry = s.inquiry
    if inquiry is None:
        return None
    signed_on = inquiry.waiver_signed_on
    if signed_on is None:  # not sent yet: the waiver that will go with it, if signed
        waiver = waiver_naming(
            inquiry.case, member_id=inquiry.office_id, recipient=inquiry.recipient
        )
        signed_on = waiver.signed_on if waiver else None
    return {
        "summary": inquiry.asked_for or None,
        "waiver_signed_on": long_date(signed_on),
        "status": inquiry.get_outcome_display().lower(),
    }


def _title(text: str) -> str | None:
    lowered = text.lower()
    if "senat" in lowered or lowered.startswith("sen."):
        return "Senator"
    if "rep" in lowered or "congress" in lowered:
        return "Representative"
    return None


def congress(s: Sources) -> dict[str, Any] | None:
    """The office the inquiry goes to, filled from the inquiry (its caseworker first) and,
    when it names a loaded member, from the member's record."""
    if s.inquiry is None:
        return None
    inquiry, office = s.inquiry, s.inquiry.office
    if office is None:
        return {
            "member": inquiry.recipient,
            "member_name": OFFICE_PREFIX.sub("", inquiry.recipient) or inquiry.recipient,
            "title": _title(inquiry.recipient),
            "state": None,
            "district": None,
            "caseworker": inquiry.caseworker or None,
        }
    senate = office.chamber == office.Chamber.SENATE
    return {
        "member": inquiry.recipient or str(office),
        "member_name": office.member_name,
        "title": "Senator" if senate else "Representative",
        "state": office.state,
        "district": office.district or None,
        "caseworker": inquiry.caseworker or office.caseworker or None,
    }


def ice(s: Sources) -> dict[str, Any]:
    return {
        "congressional_relations_email": ICE_OCR_EMAIL,
        "congressional_relations_phone": ICE_OCR_PHONE,
    }


def public(s: Sources) -> dict[str, Any] | None:
    publication = s.publication
    if publication is None:
        return None
    return {
        "name": publication.name_as_consented,
        "consent_on": long_date(publication.consent_on),
        "show_facility": bool(publication.show_facility),
    }


FAMILY_OR_CLIENT = {Statement.AuthorKind.FAMILY, Statement.AuthorKind.CLIENT}


def press(s: Sources) -> dict[str, Any]:
    """Only statements the client consented to make public and whose embargo has passed."""
    now = timezone.now()
    consented = [
        st
        for st in s.statements
        if st.publicity_consent and (st.embargo_until is None or st.embargo_until <= now)
    ]
    family = next(
        (st for st in consented if st.author_kind in FAMILY_OR_CLIENT and st.text),
        None,
    )
    declined = next(
        (st for st in s.statements if st.kind == Statement.Kind.DECLINED_TO_COMMENT), None
    )
    allies: list[str] = []
    for st in consented:
        if st.author_kind == Statement.AuthorKind.ORGANISATION and st.author_name not in allies:
            allies.append(st.author_name)
    agency = None
    if declined is not None:
        day = long_date(declined.said_at.astimezone(s.zone).date())
        agency = _("%(who)s declined to comment on %(day)s.") % {
            "who": declined.author_name,
            "day": day,
        }
    return {
        "family_quote": family.text if family else None,
        "family_quote_author": family.author_name if family else None,
        "agency_response": agency,
        "allies": allies,
    }
