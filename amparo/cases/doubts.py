"""Doubts about data: where the reference data behind an open case is uncertain.

Pages and documents show users the law's words only; the uncertainty behind them (a facility
whose county is not known, a site that spans districts, a ruling whose date could not be
confirmed, no immigration court matched) is listed here, for the organisation's admin, with a
plain explanation and a link to the case or facility to check. A read built on core.access.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from amparo.cases.facts import fact_sheets
from amparo.cases.models import Case
from amparo.core.access import cases_of_the_installation, cases_visible_to

if TYPE_CHECKING:
    from amparo.core.access import Actor
    from amparo.custody.models import Facility
    from amparo.custody.rules import Venue


@dataclass(frozen=True)
class Doubt:
    """One thing in the data to check: what, why it matters, and where to go."""

    subject: str  # the client's name or the facility's
    title: str
    explanation: str
    url: str
    case_id: uuid.UUID | None = None
    facility_id: uuid.UUID | None = None
    # The organisation's open cases it touches: (client's name, link to the case).
    cases: tuple[tuple[str, str], ...] = ()


# Open cases checked per page load; an organisation with more sees the first ones by name.
CASE_LIMIT = 2000


def _facility_doubts(facility: Facility, venue: Venue) -> list[tuple[str, str]]:
    """(title, explanation) for each doubt about where a facility lies and who runs it."""
    found: list[tuple[str, str]] = []
    for warning in venue.warnings:
        found.append((_("Where the facility lies needs checking"), warning))
    if facility.county_note:
        found.append(
            (
                _("The facility's county was placed indirectly"),
                _("%(how)s. Check the street address before relying on the venue.")
                % {"how": facility.county_note.rstrip(".")},
            )
        )
    if venue.district_court is None:
        found.append(
            (
                _("No federal district court found"),
                _(
                    "The facility's county or state does not place it in a federal judicial "
                    "district, so habeas papers cannot name the court. Check the facility's "
                    "address and county."
                ),
            )
        )
    if not venue.immigration_courts:
        found.append(
            (
                _("No immigration court matched"),
                _(
                    "No immigration court is recorded for this facility: choose the court by "
                    "hand when scheduling a hearing or drafting a bond request."
                ),
            )
        )
    if not facility.facility_type:
        found.append(
            (
                _("Who runs the facility is not recorded"),
                _(
                    "The facility's type is missing, so the immediate custodian (warden or "
                    "officer in charge) named as respondent may be wrong."
                ),
            )
        )
    return found


def _ruling_doubts(case: Case, venue: Venue | None, today: datetime.date) -> list[tuple[str, str]]:
    from amparo.relief.rules.detention import rulings_for

    if not case.detention_basis or venue is None:
        return []
    district = venue.district_court.id if venue.district_court else None
    rulings = rulings_for(
        case.detention_basis, district=district, circuit=venue.circuit_court_id, on=today
    )
    return [
        (
            _("A ruling applied to this case has an unconfirmed date"),
            _(
                "%(name)s (%(citation)s) is used for this case, but its date could not be "
                "confirmed from the sources stored. Check the opinion before citing it."
            )
            % {"name": r.name, "citation": r.citation},
        )
        for r in rulings
        if r.decided_on is None
    ]


def data_doubts(user: Actor | None, organisation_id: uuid.UUID) -> list[Doubt]:
    """Doubts touching the open cases of an organisation and the facilities holding them.
    `None` is the installation's operator (`amparo org doubts SLUG`), who sees every case."""
    from amparo.custody.selectors import venue_of_facility

    scope = cases_visible_to(user) if user is not None else cases_of_the_installation()
    cases = list(
        scope.filter(organisation_id=organisation_id)
        .exclude(status=Case.Status.CLOSED)
        .select_related("person", "organisation")
        .order_by("person__family_name", "person__given_name")[:CASE_LIMIT]
    )
    facts = fact_sheets(cases)
    venues: dict[uuid.UUID, Venue] = {}
    by_facility: dict[uuid.UUID, Facility] = {}
    held_at: dict[uuid.UUID, list[tuple[str, str]]] = {}
    doubts: list[Doubt] = []
    for case in cases:
        sheet = facts[case.pk]
        placement = sheet.placement
        venue = None
        if placement is not None:
            facility = placement.facility
            if facility.pk not in venues:
                venues[facility.pk] = venue_of_facility(facility)
                by_facility[facility.pk] = facility
            venue = venues[facility.pk]
        url = reverse("cases:detail", kwargs={"case_id": case.id})
        if placement is not None:
            held_at.setdefault(placement.facility_id, []).append(
                (case.person.full_name, url + "#custody")
            )
        for title, explanation in _ruling_doubts(case, venue, sheet.today):
            doubts.append(Doubt(case.person.full_name, title, explanation, url, case_id=case.id))
    for facility_id, facility in sorted(by_facility.items(), key=lambda item: item[1].name):
        url = reverse("custody:facility-detail", kwargs={"facility_id": facility_id})
        for title, explanation in _facility_doubts(facility, venues[facility_id]):
            doubts.append(
                Doubt(
                    facility.name,
                    title,
                    explanation,
                    url,
                    facility_id=facility_id,
                    cases=tuple(held_at.get(facility_id, [])),
                )
            )
    return doubts
