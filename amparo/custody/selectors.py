"""Reads about custody: facility search and the venue of a client's current placement.

Facilities and field offices are public reference data; placements are reached through the case
gate in core.access.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from amparo.cases.models import Case
from amparo.custody.models import Facility, Placement

if TYPE_CHECKING:
    from amparo.custody.rules import Venue


def venue_of_facility(facility: Facility, on: datetime.date | None = None) -> Venue:
    """Venue of a facility on a day (None: the law in force now), divisions dated."""
    from amparo.custody.rules import FacilityFacts, venue

    return venue(FacilityFacts.from_model(facility), on=on)


def current_placement(case: Case) -> Placement | None:
    return (
        Placement.objects.filter(case=case, ended_at__isnull=True)
        .select_related("facility__field_office")
        .first()
    )


def case_venue(case: Case, on: datetime.date | None = None) -> Venue | None:
    """Venue from where the client is held now, or None when no facility is known.

    ``on`` is the day the answer is for (a filing date keeps the division of that day). The
    caller has already loaded `case` through core.access.
    """
    placement = current_placement(case)
    return venue_of_facility(placement.facility, on=on) if placement else None


def facility_list() -> QuerySet[Facility]:
    return Facility.objects.select_related("field_office").order_by("name")


def facility_search(query: str, *, limit: int = 20) -> list[Facility]:
    """Facilities best matching a forgiving query (case, punctuation, typos, aliases, codes)."""
    from amparo.custody.rules import match_facility

    facilities = list(facility_list())
    if not query.strip():
        return facilities[:limit]
    return [facility for facility, _score in match_facility(query, facilities)[:limit]]


def facility_pick(query: str, *, limit: int = 12) -> list[Facility]:
    """The facility picker: facilities in the city or state typed ("Jena", "Jena LA",
    "Louisiana"), then those `facility_search` finds by name, alias or ICE code (the matching
    of `amparo venue`)."""
    from amparo.custody.rules import STATE_NAMES

    text = " ".join(query.replace(",", " ").split())
    if not text:
        return []
    words = text.split()
    by_name = {name.casefold(): code for code, name in STATE_NAMES.items()}
    state, city_words = "", words
    if text.casefold() in by_name:
        state, city_words = by_name[text.casefold()], []
    elif len(words) > 1 and words[-1].upper() in STATE_NAMES:
        state, city_words = words[-1].upper(), words[:-1]
    city = " ".join(city_words).casefold()

    def in_place(facility: Facility) -> bool:
        if state and facility.state != state:
            return False
        return not city or facility.city.casefold() == city

    found = [f for f in facility_list() if in_place(f)] if city or state else []
    seen = {f.pk for f in found}
    found += [f for f in facility_search(text, limit=limit) if f.pk not in seen]
    return found[:limit]


def facility_get(facility_id: object) -> Facility:
    try:
        pk = uuid.UUID(str(facility_id))
    except ValueError:
        raise Http404("No such facility.") from None
    facility = Facility.objects.select_related("field_office").filter(pk=pk).first()
    if facility is None:
        raise Http404("No such facility.")
    return facility
