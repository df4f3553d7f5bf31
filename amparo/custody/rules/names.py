"""Names: states, counties and facilities as people write them, and finding a facility.

Pure helpers for the venue rules (``amparo.custody.rules``): no database, no files.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import filterfalse
from typing import Any

from rapidfuzz import fuzz

# USPS code -> name, for the states, DC and the territories with a district court or an ICE
# facility (and American Samoa and the minor outlying islands, which have counties but no
# district court of their own).
STATE_NAMES = {
    "AL": "Alabama", "AK": "Alaska", "AS": "American Samoa", "AZ": "Arizona",
    "AR": "Arkansas", "CA": "California", "CO": "Colorado", "CT": "Connecticut",
    "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "GU": "Guam", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana",
    "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine",
    "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "MP": "Northern Mariana Islands",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "PR": "Puerto Rico",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UM": "U.S. Minor Outlying Islands", "UT": "Utah", "VT": "Vermont",
    "VI": "Virgin Islands", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip
_STATE_BY_NAME = {name.upper(): code for code, name in STATE_NAMES.items()}

# Military post-office "cities": an FPO/APO/DPO address names no county and no district.
MILITARY_POST = frozenset({"FPO", "APO", "DPO"})


def state_code(value: str) -> str:
    """USPS code from a code or a name ("la", "Louisiana" -> "LA"); "" if unknown."""
    text = value.strip().upper()
    if text in STATE_NAMES:
        return text
    return _STATE_BY_NAME.get(text, "")


def ascii_folded(value: str) -> str:
    if value.isascii():  # most names are; folding them would give them back unchanged
        return value
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()


_COUNTY_TYPE_WORDS = (
    "city and borough",
    "city and county",
    "town and county",
    "census area",
    "municipality",
    "municipio",
    "borough",
    "county",
    "parish",
    "planning region",
    "island",
    "city",
)


def county_key(value: str) -> str:
    """A county name reduced for comparison: "LaSalle", "La Salle Parish" -> "lasalleparish"."""
    text = ascii_folded(value).lower().replace("saint ", "st ").replace("sainte ", "ste ")
    return re.sub(r"[^a-z0-9]+", "", text)


@functools.lru_cache(maxsize=65536)
def county_core_key(value: str) -> str:
    """county_key without the kind of unit: "La Salle Parish" and "LaSalle" -> "lasalle"."""
    text = ascii_folded(value).lower().strip()
    text = re.sub(r"^(county|parish|city|municipality|borough) of ", "", text)
    for word in _COUNTY_TYPE_WORDS:
        if text.endswith(" " + word):
            text = text[: -len(word) - 1]
            break
    return county_key(text)


# Abbreviations ICE and people use in facility names, expanded before fuzzy comparison.
_NAME_ABBREVIATIONS = {
    "co": "county",
    "cnty": "county",
    "det": "detention",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "corr": "correctional",
    "correction": "correctional",
    "fed": "federal",
    "inst": "institution",
    "fac": "facility",
    "dept": "department",
    "spc": "service processing center",
    "ipc": "ice processing center",
    "cdf": "contract detention facility",
    "fdc": "federal detention center",
    "fci": "federal correctional institution",
    "mdc": "metropolitan detention center",
    "usp": "united states penitentiary",
    "processsing": "processing",
    "procsesing": "processing",
}


# Every ASCII character as a name is compared: a letter in lower case, a digit as it is, "&" as
# the word "and", an apostrophe dropped ("O'Brien" is "obrien"), anything else a space. One
# ``str.translate`` instead of lowering, two replacements and a pattern (half the time).
_NAME_CHARACTERS = str.maketrans(
    {
        code: (
            chr(code).lower()
            if chr(code).isalnum()
            else {"&": " and ", "'": None}.get(chr(code), " ")
        )
        for code in range(128)
    }
)
_spelled_out = _NAME_ABBREVIATIONS.get
_ABBREVIATED = frozenset(_NAME_ABBREVIATIONS)


@functools.lru_cache(maxsize=65536)  # a facility import asks again for the same names
def normalize_facility_name(value: str) -> str:
    """Lower case, accents and punctuation dropped, ICE's abbreviations spelled out."""
    words = ascii_folded(value).translate(_NAME_CHARACTERS).split()
    if _ABBREVIATED.isdisjoint(words):  # most names and addresses: nothing to spell out
        return " ".join(words)
    return " ".join([_spelled_out(word, word) for word in words])


# The same, but a line break kept: it separates the values of `normalize_facility_names`.
_NAMES_CHARACTERS = str.maketrans({**_NAME_CHARACTERS, ord("\n"): "\n"})


def normalize_facility_names(values: Sequence[str]) -> list[str]:
    """``[normalize_facility_name(value) for value in values]``, for the thousands of names or
    addresses of an import. Values normalised before by this function are taken from its memo
    (`_COLUMN_MEMO`: an import compares the names the one before it stored); the others are
    joined and translated at once (one call in C instead of one per value), then split into
    words each; values that are not all ASCII, or that hold a line break, are normalised one
    by one."""
    memo = _COLUMN_MEMO
    try:  # every value seen before (a stored column, a sheet imported again): one pass in C
        return list(map(memo.__getitem__, values))
    except KeyError:
        pass
    distinct = list(dict.fromkeys(values))
    new = list(filterfalse(memo.__contains__, distinct))
    if len(memo) + len(new) > _COLUMN_MEMO_SIZE:
        memo.clear()
        new = distinct
    if not new:
        return list(map(memo.__getitem__, values))
    normalised = _normalised_column(new)
    memo.update(zip(new, normalised, strict=True))
    if len(new) == len(values):  # every value new and none twice: the column as normalised
        return normalised
    return list(map(memo.__getitem__, values))


# Normalised names and addresses by value, kept between imports in one process (a worker, the
# bench); emptied when it would pass this size, as an lru_cache is bounded.
_COLUMN_MEMO: dict[str, str] = {}
_COLUMN_MEMO_SIZE = 65536


def forget_normalised_names() -> None:
    """Empty both memos of normalised names (`normalize_facility_name`'s cache and the
    column-at-a-time path's), as a fresh process starts."""
    normalize_facility_name.cache_clear()
    _COLUMN_MEMO.clear()


def _normalised_column(values: list[str]) -> list[str]:
    joined = "\n".join(values)
    if not joined.isascii() or joined.count("\n") != len(values) - 1:
        return [normalize_facility_name(value) for value in values]
    normalised: list[str] = []
    append, abbreviated, spelled_out = normalised.append, _ABBREVIATED, _spelled_out
    for text in joined.translate(_NAMES_CHARACTERS).split("\n"):
        words = text.split()
        if abbreviated.isdisjoint(words):
            append(" ".join(words))
        else:
            append(" ".join([spelled_out(word, word) for word in words]))
    return normalised


def title_case(value: str) -> str:
    """ICE's upper-case names in title case, keeping acronyms: "CENTRAL ... ICE ...", "FCI"."""
    keep = {"ICE", "ERO", "IPC", "SPC", "CDF", "FCI", "FDC", "MDC", "USP", "JTF", "DOD", "CCA"}
    keep |= {"TGK", "IAH", "SSM", "US", "NW", "NE", "SE", "SW", "II", "III"}
    small = {"of", "the", "and", "at", "de", "la", "del"}
    words = []
    for index, word in enumerate(value.split()):
        bare = word.strip("(),.-/")
        acronym = word.startswith("(") and word.endswith(")") and bare.isupper() and len(bare) <= 6
        if acronym or bare.upper() in keep or (len(bare) == 2 and bare.upper() in STATE_NAMES):
            words.append(word.upper())
        elif index and word.lower() in small:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.lower().split("-")))
    return " ".join(words)


# --- finding a facility by what people call it -------------------------------------------------

EXACT = 100.0
CLEAR_MARGIN = 5.0  # a best match this far ahead of the next is taken without asking
MIN_SCORE = 60.0


def _names_of(facility: Any) -> list[str]:
    names = [getattr(facility, "name", "")]
    names += list(getattr(facility, "aliases", ()) or ())
    return [n for n in names if n]


# Words nearly every facility name has; comparing without them keeps "Facility" or "County
# Jail" from making any two names look alike.
# fmt: off
_GENERIC_WORDS = frozenset({
    "the", "of", "and", "at", "ice", "ero", "county", "parish", "jail", "facility", "facilities",
    "center", "detention", "processing", "service", "contract", "correctional", "corrections",
    "institution", "federal", "regional", "department", "sheriff", "sheriffs", "office", "adult",
    "immigration", "staging", "justice", "complex", "public", "safety", "prison", "penitentiary",
    "united", "states", "metropolitan", "dept",
})
# fmt: on


def _distinctive(name: str) -> str:
    return " ".join(w for w in name.split() if w not in _GENERIC_WORDS)


def _raw_similarity(wanted: str, candidate: str) -> float:
    score = float(fuzz.WRatio(wanted, candidate))
    size = len(wanted.split())
    words = candidate.split()
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start : start + size])
        score = max(score, 0.95 * float(fuzz.ratio(wanted, window)))
    return score


def _similarity(wanted: str, candidate: str) -> float:
    """WRatio, or a misspelt run of words inside a longer name ("bluebonet" in "bluebonnet
    detention facility"), whichever is higher; on the distinctive words when both have some."""
    wanted_core, candidate_core = _distinctive(wanted), _distinctive(candidate)
    if wanted_core and candidate_core:
        return _raw_similarity(wanted_core, candidate_core)
    return _raw_similarity(wanted, candidate)


def match_facility(query: str, facilities: Iterable[Any]) -> list[tuple[Any, float]]:
    """Facilities that ``query`` may mean, best first, with scores 0-100.

    Compares after ``normalize_facility_name`` (case, punctuation, accents, ICE's
    abbreviations): the name or an alias equal to the query, or the ICE code, scores 100; else
    rapidfuzz's WRatio (typos, word order, partial names), capped at 99. A trailing state code
    ("Clinton County Jail NY", "... (NY)") keeps facilities of that state. Scores below 60 are
    dropped. ``match_is_clear`` says whether the best one can be taken without asking.
    """
    text = query.strip()
    state = ""
    tail = re.search(r"[\s,(]+([A-Za-z]{2})\)?\s*$", text)
    if tail and tail.group(1).upper() in STATE_NAMES and len(text) > len(tail.group(0)):
        state = tail.group(1).upper()
        text = text[: tail.start()]
    wanted = normalize_facility_name(text)
    code = text.strip().upper()
    pool = list(facilities)
    if state and any(getattr(f, "state", "") == state for f in pool):
        pool = [f for f in pool if getattr(f, "state", "") == state]
    scored: list[tuple[Any, float]] = []
    for facility in pool:
        if code and code == (getattr(facility, "ice_code", "") or "").upper():
            scored.append((facility, EXACT))
            continue
        best = 0.0
        for name in _names_of(facility):
            candidate = normalize_facility_name(name)
            if candidate == wanted:
                best = EXACT
                break
            best = max(best, min(99.0, _similarity(wanted, candidate)))
        if best >= MIN_SCORE:
            scored.append((facility, round(best, 1)))
    scored.sort(key=lambda item: (-item[1], getattr(item[0], "name", "")))
    return scored


def match_is_clear(matches: Sequence[tuple[Any, float]]) -> bool:
    """One best match: an exact one alone, or a close one well ahead of the next."""
    if not matches:
        return False
    top = matches[0][1]
    second = matches[1][1] if len(matches) > 1 else 0.0
    if top == EXACT:
        return second < EXACT
    return top >= 85.0 and top - second >= CLEAR_MARGIN
