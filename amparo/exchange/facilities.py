"""Finding the facility a cell names, as ``amparo venue`` does (custody rules'
``match_facility``): exact names, aliases and ICE codes at once, anything else by the forgiving
match, and an unclear name refused with its candidates."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from amparo.custody.models import Facility
from amparo.custody.rules import match_facility, match_is_clear, normalize_facility_name

MAX_CANDIDATES = 4


class FacilityFinder:
    """Callable: the facility a cell names, or ValueError naming the candidates. Answers are
    cached: a raid's spreadsheet names the same few facilities again and again."""

    def __init__(self) -> None:
        self.facilities = list(Facility.objects.select_related("field_office"))
        self.exact: dict[str, list[Facility]] = defaultdict(list)
        for facility in self.facilities:
            if facility.ice_code:
                self.exact[facility.ice_code.upper()].append(facility)
            for name in {facility.name, *facility.aliases}:
                self.exact[normalize_facility_name(name)].append(facility)
        self.cache: dict[str, Facility | str] = {}

    def __call__(self, text: str) -> Facility:
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = self._find(text)
        if isinstance(found, str):
            raise ValueError(found)
        return found

    def _find(self, text: str) -> Facility | str:
        for key in (text.strip().upper(), normalize_facility_name(text)):
            exact = list(dict.fromkeys(self.exact.get(key, [])))
            if len(exact) == 1:
                return exact[0]
        matches = match_facility(text, self.facilities)
        if match_is_clear(matches):
            return matches[0][0]
        if not matches:
            return _("no facility of that name, alias or ICE code")
        shown = "; ".join(_label(f) for f, _score in matches[:MAX_CANDIDATES])
        return _("ambiguous: could be %(candidates)s") % {"candidates": shown}


def _label(facility: Any) -> str:
    return f"{facility.name} ({facility.city}, {facility.state})"
