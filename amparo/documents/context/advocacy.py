"""The groups for advocacy: the congressional inquiry and office, ICE's Office of Congressional
Relations, the public name and the press statement."""

from __future__ import annotations

from typing import Any

from amparo.advocacy.models import Statement
from amparo.documents.context.format import long_date
from amparo.documents.context.sources import Sources

# ICE's Office of Congressional Relations, as ICE publishes it (ice.gov/leadership/ocr;
# DOMAIN.md §5).
ICE_OCR_EMAIL = "CongressToICE@ice.dhs.gov"
ICE_OCR_PHONE = "(202) 732-4200"


def inquiry(s: Sources) -> dict[str, Any] | None:
    inquiry = s.inquiry
    if inquiry is None:
        return None
    return {
        "summary": inquiry.summary or None,
        "waiver_signed_on": long_date(inquiry.waiver_signed_on),
        "status": inquiry.get_outcome_display().lower(),
    }


def congress(s: Sources) -> dict[str, Any] | None:
    if s.inquiry is None:
        return None
    office = s.inquiry.office
    senate = office.chamber == office.Chamber.SENATE
    return {
        "member": str(office),
        "member_name": office.member_name,
        "title": "Senator" if senate else "Representative",
        "state": office.state,
        "district": office.district or None,
        "caseworker": office.caseworker or None,
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


def press(s: Sources) -> dict[str, Any]:
    consented = [st for st in s.statements if st.publicity_consent]
    family = next(
        (st for st in consented if st.author_kind == Statement.AuthorKind.PERSON and st.text),
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
        agency = f"{declined.author_name} declined to comment on {day}."
    return {
        "family_quote": family.text if family else None,
        "family_quote_author": family.author_name if family else None,
        "agency_response": agency,
        "allies": allies,
    }
