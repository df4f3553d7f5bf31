"""The groups for court papers: the respondents by role and the court with its caption."""

from __future__ import annotations

import re
from typing import Any

from amparo.courts.models import Respondent
from amparo.documents.context.format import long_date, long_datetime
from amparo.documents.context.sources import Sources

_COURT_NAME = re.compile(r"^United States District Court for the (?P<district>.+)$", re.I)


# How a petition names each respondent's role ("… is named as the immediate custodian").
ROLE_LABELS = {
    Respondent.Role.IMMEDIATE_CUSTODIAN: "immediate custodian",
    Respondent.Role.FIELD_OFFICE_DIRECTOR: "ICE field office director",
    Respondent.Role.ICE_DIRECTOR: "Director of U.S. Immigration and Customs Enforcement",
    Respondent.Role.DHS_SECRETARY: "Secretary of Homeland Security",
    Respondent.Role.ATTORNEY_GENERAL: "Attorney General of the United States",
}


def _role_label(role: str) -> str:
    return ROLE_LABELS.get(role, "respondent")  # type: ignore[call-overload]


def respondents(s: Sources) -> list[dict[str, Any]]:
    if s.respondents:
        rows = [(r.role, r.title, r.name) for r in s.respondents]
    elif s.venue is not None:
        rows = [(r.role, r.title, r.name) for r in s.venue.respondents]
    else:
        rows = []
    return [
        {
            "role": role,
            "role_label": _role_label(role),
            "title": title,
            "name": name,
            "display": f"{name}, {title}" if name else title,
        }
        for role, title, name in rows
    ]


def court(s: Sources) -> dict[str, Any] | None:
    division: str | None = None
    docket = None
    if s.court_case is not None:
        court = s.court_case.court
        name, short = court.name, court.short_name or court.code
        division = s.court_case.division or None
        docket = s.court_case.docket_number or None
        venue_court = s.venue.district_court if s.venue else None
        if division is None and venue_court is not None and venue_court.id == court.code:
            division = venue_court.division
    elif s.venue is not None and s.venue.district_court is not None:
        found = s.venue.district_court
        name, short, division = found.name, found.short_name, found.division
    else:
        return None
    match = _COURT_NAME.match(name)
    district = match.group("district") if match else None
    custodian = next(
        (r["display"] for r in respondents(s) if r["role"] == "immediate-custodian"), None
    )
    return {
        "name": name,
        "caption_court": "UNITED STATES DISTRICT COURT" if match else name.upper(),
        "caption_district": district.upper() if district else None,
        "district": district,
        "division": division.upper() if division else None,
        "short_name": short,
        "docket_number": docket,
        "custodian": custodian,
    }


def court_order(s: Sources) -> dict[str, Any] | None:
    """The order the government has not obeyed (or the latest it must obey), in words."""
    state = s.court_order
    if state is None:
        return None
    order = state.order
    court_case = order.court_case
    due = order.compliance_due_on
    counting: str | None
    if order.compliance_hours and order.compliance_due_at:
        due_at = order.compliance_due_at.astimezone(s.zone)
        counting = (
            f"{order.compliance_hours} hours from the order, counted under Fed. R. Civ. P. "
            f"6(a)(2), that is by {long_datetime(due_at, s.zone)}"
        )
    elif order.compliance_days and not (
        order.compliance_deadline and order.compliance_deadline.court_set
    ):
        counting = (
            f"{order.compliance_days} days from the order, counted under Fed. R. Civ. P. 6(a)(1)"
        )
    else:
        counting = "by the date the order set" if due else None
    late = (state.today - due).days if due and state.status == "overdue" else None
    current = next((p for p in s.placements if p.ended_at is None), None)
    return {
        "court": court_case.court.name,
        "docket_number": court_case.docket_number or None,
        "kind": order.get_kind_display(),
        "issued_on": long_date(order.issued_at.astimezone(s.zone).date()),
        "requires": str(order.get_compliance_display()).lower(),
        "due_on": long_date(due),
        "counting": counting,
        "status": state.status_words,
        "days_overdue": str(late) if late else None,
        "violated_at": long_datetime(order.violated_at, s.zone),
        "still_held_at": current.facility.name if current else None,
        "shown_by": order.compliance_shown_by or None,
        "summary": order.summary or None,
    }
