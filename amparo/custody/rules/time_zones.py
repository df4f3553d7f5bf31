"""The standard time zone of a place in the United States, from its state and county.

Source: the zone boundaries of 49 CFR Part 71 (§§ 71.3-71.14, set under the Uniform Time Act,
15 U.S.C. §§ 260-264), which draw every boundary inside a state along county lines, except in a
few counties the line cuts through. The general rule is therefore: the state's zone, and for the
fourteen states a boundary crosses, the zone of the county. Counties listed are those on the
minority side of each state's boundary as Part 71 stands after the moves published in the
Federal Register (Wayne County, Ky., to Eastern, 65 FR 50154 (2000); the Indiana counties, 71 FR
3228 (2006) and 72 FR 54367 (2007)). A county the boundary cuts through is given with the zone
of its larger part and a note saying the address decides.

Zones are IANA names, so daylight saving time follows each place's own practice (Arizona and
Hawaii keep standard time: 15 U.S.C. § 260a(a) lets a state exempt itself).
"""

from __future__ import annotations

from dataclasses import dataclass

from amparo.custody.rules.names import county_core_key, state_code

# The zone of each state and territory, or of its larger part where a boundary crosses it.
STATE_ZONES: dict[str, str] = {
    "AL": "America/Chicago", "AK": "America/Anchorage", "AS": "Pacific/Pago_Pago",
    "AZ": "America/Phoenix", "AR": "America/Chicago", "CA": "America/Los_Angeles",
    "CO": "America/Denver", "CT": "America/New_York", "DE": "America/New_York",
    "DC": "America/New_York", "FL": "America/New_York", "GA": "America/New_York",
    "GU": "Pacific/Guam", "HI": "Pacific/Honolulu", "ID": "America/Boise",
    "IL": "America/Chicago", "IN": "America/Indiana/Indianapolis", "IA": "America/Chicago",
    "KS": "America/Chicago", "KY": "America/New_York", "LA": "America/Chicago",
    "ME": "America/New_York", "MD": "America/New_York", "MA": "America/New_York",
    "MI": "America/Detroit", "MN": "America/Chicago", "MS": "America/Chicago",
    "MO": "America/Chicago", "MT": "America/Denver", "NE": "America/Chicago",
    "NV": "America/Los_Angeles", "NH": "America/New_York", "NJ": "America/New_York",
    "NM": "America/Denver", "NY": "America/New_York", "NC": "America/New_York",
    "ND": "America/Chicago", "MP": "Pacific/Saipan", "OH": "America/New_York",
    "OK": "America/Chicago", "OR": "America/Los_Angeles", "PA": "America/New_York",
    "PR": "America/Puerto_Rico", "RI": "America/New_York", "SC": "America/New_York",
    "SD": "America/Chicago", "TN": "America/Chicago", "TX": "America/Chicago",
    "UT": "America/Denver", "VT": "America/New_York", "VI": "America/St_Thomas",
    "VA": "America/New_York", "WA": "America/Los_Angeles", "WV": "America/New_York",
    "WI": "America/Chicago", "WY": "America/Denver",
}  # fmt: skip

_CENTRAL, _EASTERN, _MOUNTAIN, _PACIFIC = (
    "America/Chicago",
    "America/New_York",
    "America/Denver",
    "America/Los_Angeles",
)

# Counties on the other side of the boundary from their state's zone, by state (§ of Part 71).
COUNTY_ZONES: dict[str, dict[str, str]] = {
    # § 71.5(c): the Florida panhandle west of the Apalachicola River is Central.
    "FL": dict.fromkeys(
        [
            "Escambia",
            "Santa Rosa",
            "Okaloosa",
            "Walton",
            "Holmes",
            "Washington",
            "Bay",
            "Jackson",
            "Calhoun",
            "Gulf",
        ],
        _CENTRAL,
    ),
    # § 71.5(b): six north-western and six south-western counties of Indiana are Central.
    "IN": dict.fromkeys(
        [
            "Jasper",
            "Lake",
            "LaPorte",
            "Newton",
            "Porter",
            "Starke",
            "Gibson",
            "Perry",
            "Posey",
            "Spencer",
            "Vanderburgh",
            "Warrick",
        ],
        "America/Chicago",
    ),
    # § 71.5(b): western and south-central Kentucky is Central (Wayne moved East in 2000).
    "KY": dict.fromkeys(
        [
            "Adair",
            "Allen",
            "Ballard",
            "Barren",
            "Breckinridge",
            "Butler",
            "Caldwell",
            "Calloway",
            "Carlisle",
            "Christian",
            "Clinton",
            "Crittenden",
            "Cumberland",
            "Daviess",
            "Edmonson",
            "Fulton",
            "Graves",
            "Grayson",
            "Green",
            "Hancock",
            "Hart",
            "Henderson",
            "Hickman",
            "Hopkins",
            "Livingston",
            "Logan",
            "Lyon",
            "McCracken",
            "McLean",
            "Marshall",
            "Metcalfe",
            "Monroe",
            "Muhlenberg",
            "Ohio",
            "Russell",
            "Simpson",
            "Todd",
            "Trigg",
            "Union",
            "Warren",
            "Webster",
        ],
        _CENTRAL,
    ),
    # § 71.5(a): the four Upper Peninsula counties bordering Wisconsin are Central.
    "MI": dict.fromkeys(["Gogebic", "Iron", "Dickinson", "Menominee"], "America/Menominee"),
    # § 71.5(b): East Tennessee is Eastern.
    "TN": dict.fromkeys(
        [
            "Anderson",
            "Blount",
            "Bradley",
            "Campbell",
            "Carter",
            "Claiborne",
            "Cocke",
            "Grainger",
            "Greene",
            "Hamblen",
            "Hamilton",
            "Hancock",
            "Hawkins",
            "Jefferson",
            "Johnson",
            "Knox",
            "Loudon",
            "McMinn",
            "Meigs",
            "Monroe",
            "Morgan",
            "Polk",
            "Rhea",
            "Roane",
            "Scott",
            "Sevier",
            "Sullivan",
            "Unicoi",
            "Union",
            "Washington",
        ],
        _EASTERN,
    ),
    # § 71.7: western Kansas, Nebraska, the Dakotas and far-west Texas are Mountain.
    "KS": dict.fromkeys(["Greeley", "Hamilton", "Sherman", "Wallace"], _MOUNTAIN),
    "NE": dict.fromkeys(
        [
            "Arthur",
            "Banner",
            "Box Butte",
            "Chase",
            "Cheyenne",
            "Dawes",
            "Deuel",
            "Dundy",
            "Garden",
            "Grant",
            "Hooker",
            "Keith",
            "Kimball",
            "Morrill",
            "Perkins",
            "Scotts Bluff",
            "Sheridan",
            "Sioux",
            "Cherry",
        ],
        _MOUNTAIN,
    ),
    "ND": dict.fromkeys(
        [
            "Adams",
            "Billings",
            "Bowman",
            "Golden Valley",
            "Grant",
            "Hettinger",
            "Slope",
            "Stark",
            "Sioux",
            "Dunn",
        ],
        _MOUNTAIN,
    ),
    "SD": dict.fromkeys(
        [
            "Bennett",
            "Butte",
            "Corson",
            "Custer",
            "Dewey",
            "Fall River",
            "Haakon",
            "Harding",
            "Jackson",
            "Lawrence",
            "Meade",
            "Oglala Lakota",
            "Pennington",
            "Perkins",
            "Stanley",
            "Ziebach",
        ],
        _MOUNTAIN,
    ),
    "TX": dict.fromkeys(["El Paso", "Hudspeth"], _MOUNTAIN),
    # § 71.9: northern Idaho is Pacific; most of Malheur County, Oregon, is Mountain.
    "ID": dict.fromkeys(
        [
            "Benewah",
            "Bonner",
            "Boundary",
            "Clearwater",
            "Kootenai",
            "Latah",
            "Lewis",
            "Nez Perce",
            "Shoshone",
            "Idaho",
        ],
        _PACIFIC,
    ),
    "OR": {"Malheur": "America/Boise"},
    # § 71.12: the Aleutian Islands west of 169° 30' W are Hawaii-Aleutian.
    "AK": {"Aleutians West": "America/Adak"},
}

# Counties the boundary cuts through: the zone above is that of the larger part.
SPLIT_COUNTIES: dict[tuple[str, str], str] = {
    ("FL", "Gulf"): "south of the Intracoastal Waterway Gulf County is Eastern (§ 71.5(c))",
    ("ID", "Idaho"): "south of the Salmon River Idaho County is Mountain (§ 71.9)",
    ("NE", "Cherry"): "the eastern part of Cherry County is Central (§ 71.7)",
    # § 71.7(a) runs down ranges 102 and 101 W to the Little Missouri: Watford City and the rest
    # of McKenzie County lie east of it; Dunn County lies wholly south of that river and west of
    # Mercer County (Central since 75 FR 60004, 2010), so all of it is Mountain.
    ("ND", "McKenzie"): "the south-western corner of McKenzie County is Mountain (§ 71.7(a))",
    ("ND", "Sioux"): "east of State Highway 31 Sioux County is Central (§ 71.7(a))",
    # § 71.7(b): from the railway crossing at Pierre the line runs south-west through Fort Pierre.
    ("SD", "Stanley"): "Fort Pierre and the south-east of Stanley County are Central (§ 71.7(b))",
    ("OR", "Malheur"): "the northern tip of Malheur County is Pacific (§ 71.9)",
    ("NV", "Elko"): "West Wendover, in Elko County, keeps Mountain time (§ 71.9)",
}

_BY_KEY = {
    state: {county_core_key(county): zone for county, zone in counties.items()}
    for state, counties in COUNTY_ZONES.items()
}
_SPLIT_BY_KEY = {(s, county_core_key(c)): note for (s, c), note in SPLIT_COUNTIES.items()}


@dataclass(frozen=True)
class PlaceZone:
    zone: str  # IANA name; "" when the state is not known
    # Why the zone may be wrong for this place (a split county, a state a boundary crosses
    # whose county is not known); "" when Part 71 settles it.
    doubt: str = ""


def zone_for_place(state: str, county: str = "") -> PlaceZone:
    """The time zone of a place from its state and county (49 CFR Part 71)."""
    code = state_code(state) or state.strip().upper()
    default = STATE_ZONES.get(code, "")
    if not default:
        return PlaceZone("", "the state is not known")
    in_state = _BY_KEY.get(code)
    key = county_core_key(county) if county else ""
    doubt = _SPLIT_BY_KEY.get((code, key), "") if key else ""
    if in_state is None:
        return PlaceZone(default, doubt)
    if not key:
        return PlaceZone(default, "a zone boundary crosses the state and the county is not known")
    return PlaceZone(in_state.get(key, default), doubt)
