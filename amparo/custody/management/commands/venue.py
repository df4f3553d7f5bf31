"""`amparo venue`: which court, field office and respondents for a facility or a county.

    amparo venue "FACILITY" [--on YYYY-MM-DD] [--json]
    amparo venue --state LA --county "LaSalle" [--on YYYY-MM-DD] [--json]
    amparo venue --state LA --county-fips 22059 [--json]

``--on`` gives the day the venue is asked for: a division is the one the statute (or local rule)
in force that day names. Warnings (a site spanning districts) come first.

Facility names match forgivingly (case, punctuation, typos, aliases, ICE codes). An unknown or
ambiguous name, or an unknown county, exits with status 2 and lists the closest matches. With
``--json`` exactly one JSON object is printed (on error: ``{"error", "matches"}``).
"""

from __future__ import annotations

import datetime
import json
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.core.cli import fail
from amparo.courts.models import Court
from amparo.custody.models import Facility
from amparo.custody.reference import reference_load
from amparo.custody.rules import (
    FacilityFacts,
    Venue,
    VenueError,
    match_facility,
    match_is_clear,
    venue,
    venue_for_county,
)

MAX_SHOWN = 5
GOOD_SCORE = 85.0  # below this the best match is only a guess: the name is "unknown"


class Command(BaseCommand):
    help = (
        "Venue of a facility (name, alias or ICE code) or of a county: court, office, respondents."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("facility", nargs="?", help="Facility name, alias or ICE code.")
        parser.add_argument("--on", help="Date the venue is asked for (YYYY-MM-DD).")
        parser.add_argument("--state", help="State (USPS code or name), with --county.")
        parser.add_argument("--county", help="County, parish or borough name.")
        parser.add_argument("--county-fips", help="5-digit county FIPS code.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = bool(options["json"])
        query = options["facility"]
        if bool(query) == bool(options["state"]):
            raise fail(
                _('Give a facility name, or --state with --county: see "amparo venue --help".')
            )
        on = None
        if options["on"]:
            try:
                on = datetime.date.fromisoformat(options["on"])
            except ValueError:
                raise fail(
                    _("--on: %(on)s is not a date (YYYY-MM-DD).") % {"on": repr(options["on"])}
                ) from None
        self._ensure_reference_data()

        if query:
            result = self._facility_venue(query, on, as_json)
        else:
            try:
                result = venue_for_county(
                    options["state"], options["county"], options["county_fips"], on=on
                )
            except VenueError as exc:
                self._error(str(exc), exc.suggestions, as_json)
        if as_json:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(result)

    def _ensure_reference_data(self) -> None:
        if not Facility.objects.exists() or not Court.objects.filter(kind="district").exists():
            reference_load()

    def _facility_venue(self, query: str, on: datetime.date | None, as_json: bool) -> Venue:
        facilities = list(Facility.objects.select_related("field_office"))
        matches = match_facility(query, facilities)
        if not match_is_clear(matches):
            shown = [
                f"{f.name} ({f.city}, {f.state}) score {score:.0f}"
                for f, score in matches[:MAX_SHOWN]
            ]
            reason = "ambiguous" if matches and matches[0][1] >= GOOD_SCORE else "unknown"
            self._error(f"Facility {query!r} is {reason}.", shown, as_json)
        return venue(FacilityFacts.from_model(matches[0][0]), on=on)

    def _error(self, message: str, matches: list[str], as_json: bool) -> NoReturn:
        if as_json:
            self.stdout.write(json.dumps({"error": message, "matches": matches}, indent=2))
        hint = ("\nClosest matches:\n  " + "\n  ".join(matches)) if matches else ""
        raise fail(message + hint)

    def _print(self, result: Venue) -> None:
        data = result.as_dict()
        place = data["facility"]
        lines = [f"WARNING: {warning}" for warning in data["warnings"]]
        if data["on"]:
            lines.append(f"Venue on:          {data['on']}")
        if place["name"]:
            lines.append(f"Facility:          {place['name']} ({place['city']}, {place['state']})")
        county = place["county"] or "county unknown"
        fips = f", FIPS {place['county_fips']}" if place["county_fips"] else ""
        lines.append(f"County:            {county}, {place['state'] or '?'}{fips}")
        office = data["field_office"]
        lines.append(
            f"Field office:      {office['code']} {office['name']}"
            if office
            else "Field office:      -"
        )
        court = data["district_court"]
        if court:
            division = ""
            if court["division"]:
                label = " (local rule)" if court["division_kind"] == "local-rule" else ""
                division = f", {court['division']}{label}"
            lines.append(f"District court:    {court['short_name']}{division} — {court['name']}")
        else:
            lines.append("District court:    none found (see notes)")
        lines.append(f"Circuit:           {data['circuit'] or '-'}")
        courts = ", ".join(f"{c['code']} {c['name']}" for c in data["immigration_courts"])
        lines.append(f"Immigration court: {courts or 'not recorded'}")
        lines.append("Respondents:")
        for respondent in data["respondents"]:
            name = respondent["name"] or "[name]"
            lines.append(f"  {respondent['role']:<22} {name}, {respondent['title']}")
        lines.append("Notes:")
        lines.extend(f"  - {note}" for note in data["notes"])
        self.stdout.write("\n".join(lines))
