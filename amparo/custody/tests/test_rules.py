"""Venue rules from worked examples: real ICE facilities in every multi-district state that
has one, counties anywhere, split counties, one-district states and Guantánamo.

Each example is checked twice: with the county the shipped table gives the facility, and with
only what ICE's sheet says (name, city, state, ZIP), so the general rule is exercised too.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from amparo.custody.rules import (
    FACILITIES_CSV,
    FacilityFacts,
    Venue,
    VenueError,
    assign_county,
    county_table,
    match_facility,
    match_is_clear,
    venue,
    venue_for_county,
)

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@cache
def _rows() -> dict[tuple[str, str], dict[str, str]]:
    with FACILITIES_CSV.open(newline="", encoding="utf-8") as fh:
        return {(r["name"], r["state"]): r for r in csv.DictReader(fh)}


def _facts(row: dict[str, str], *, with_county: bool = True) -> FacilityFacts:
    aliases = [a for a in (row["aliases"] + "|" + row["other_names"]).split("|") if a]
    return FacilityFacts(
        name=row["name"],
        city=row["city"],
        state=row["state"],
        county=row["county"] if with_county else "",
        county_fips=row["county_fips"] if with_county else "",
        zip_code=row["zip_code"],
        field_office_code=row["aor_code"],
        facility_type=row["facility_type"],
        aliases=tuple(aliases),
        address=row["address"],
    )


def _venue(name: str, state: str) -> Venue:
    """Venue of a shipped facility; the ICE-only facts must give the same district."""
    row = _rows()[(name, state)]
    shipped = venue(_facts(row))
    raw = venue(_facts(row, with_county=False))
    shipped_id = shipped.district_court.id if shipped.district_court else None
    raw_id = raw.district_court.id if raw.district_court else None
    assert shipped_id == raw_id, f"{name}: shipped county gives {shipped_id}, raw gives {raw_id}"
    return shipped


def _court(v: Venue) -> tuple[str | None, str | None, str | None]:
    court = v.district_court
    return (court.id if court else None, court.division if court else None, v.circuit)


# --- multi-district states with ICE facilities ------------------------------------------------


def test_louisiana() -> None:
    """28 U.S.C. § 98: LaSalle Parish (Jena) is in the Western District, West Feliciana
    (Angola) in the Middle, St. Charles (Killona) in the Eastern; Fifth Circuit (§ 41).
    W.D. La.'s Alexandria Division comes from its local rule LR 77.3, not the statute."""
    jena = _venue("CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)", "LA")
    assert _court(jena) == ("lawd", "Alexandria Division", "5th")
    assert jena.circuit_court_id == "ca5"
    assert jena.district_court is not None
    assert jena.district_court.name == (
        "United States District Court for the Western District of Louisiana"
    )
    assert jena.district_court.short_name == "W.D. La."
    assert jena.statute == "28 U.S.C. § 98"
    assert any("LR 77.3" in note for note in jena.notes)
    assert _venue("LOUISIANA ICE PROCESSING", "LA").district_court.id == "lamd"  # type: ignore[union-attr]
    assert _venue("NELSON COLEMAN CORRECTION", "LA").district_court.id == "laed"  # type: ignore[union-attr]
    basile = _venue("SOUTH LOUISIANA ICE PROCESSING CENTER", "LA")
    assert _court(basile) == ("lawd", "Lafayette Division", "5th")


def test_california() -> None:
    """28 U.S.C. § 84: San Bernardino County (Adelanto) is in the Central District, Eastern
    Division (§ 84(c)(1)); San Diego and Imperial counties in the Southern (§ 84(d)); Kern
    (Bakersfield, McFarland) in the Eastern (§ 84(b)); Ninth Circuit."""
    assert _court(_venue("ADELANTO ICE PROCESSING CENTER", "CA")) == (
        "cacd",
        "Eastern Division",
        "9th",
    )
    assert _court(_venue("OTAY MESA DETENTION CENTER", "CA"))[0] == "casd"
    assert _court(_venue("IMPERIAL REGIONAL DETENTION FACILITY", "CA"))[0] == "casd"
    assert _court(_venue("MESA VERDE ICE PROCESSING CENTER", "CA"))[0] == "caed"
    assert _court(_venue("GOLDEN STATE ANNEX", "CA"))[0] == "caed"


def test_ninth_circuit_note_cites_doe_v_garland() -> None:
    """DOMAIN.md §4: Doe v. Garland, 109 F.4th 1188 (9th Cir. 2024) requires naming the
    facility administrator and filing in the district of confinement."""
    tacoma = _venue("NORTHWEST ICE PROCESSSING CENTER", "WA")
    assert any("Doe v. Garland, 109 F.4th 1188" in note for note in tacoma.notes)
    assert any("Padilla, 542 U.S. 426" in note for note in tacoma.notes)


def test_texas() -> None:
    """28 U.S.C. § 124: Cameron County (Port Isabel SPC, Los Fresnos) is in the Southern
    District, Brownsville Division (§ 124(b)(4)); Frio (Dilley) and Karnes in the Western, San
    Antonio Division (§ 124(d)(4)); Johnson (Prairieland, Alvarado) in the Northern, Dallas
    Division (§ 124(a)(1)); Montgomery (Conroe) in the Southern, Houston Division; Polk
    (Livingston) in the Eastern, Lufkin Division; El Paso in the Western, El Paso Division."""
    assert _court(_venue("PORT ISABEL SPC", "TX")) == ("txsd", "Brownsville Division", "5th")
    assert _court(_venue("DILLEY IMMIGRATION PROCESSING CENTER", "TX")) == (
        "txwd",
        "San Antonio Division",
        "5th",
    )
    assert _court(_venue("KARNES COUNTY IMMIGRATION PROCESSING CENTER", "TX"))[0] == "txwd"
    assert _court(_venue("PRAIRIELAND DETENTION CENTER", "TX")) == (
        "txnd",
        "Dallas Division",
        "5th",
    )
    assert _court(_venue("MONTGOMERY ICE PROCESSING CENTER", "TX")) == (
        "txsd",
        "Houston Division",
        "5th",
    )
    assert _court(_venue("IAH SECURE ADULT DETENTION FACILITY (POLK)", "TX")) == (
        "txed",
        "Lufkin Division",
        "5th",
    )
    assert _court(_venue("EL PASO SERVICE PROCESSING CENTER", "TX"))[:2] == (
        "txwd",
        "El Paso Division",
    )


def test_georgia() -> None:
    """28 U.S.C. § 90: Stewart County (Lumpkin) is in the Middle District, Columbus Division;
    Charlton (Folkston) in the Southern, Waycross Division; Clayton (Lovejoy) in the Northern,
    Atlanta Division; Irwin (Ocilla) in the Middle; Eleventh Circuit."""
    assert _court(_venue("STEWART DETENTION CENTER", "GA")) == (
        "gamd",
        "Columbus Division",
        "11th",
    )
    assert _court(_venue("FOLKSTON MAIN IPC", "GA"))[:2] == ("gasd", "Waycross Division")
    assert _court(_venue("ROBERT A DEYTON DETENTION FACILITY", "GA"))[:2] == (
        "gand",
        "Atlanta Division",
    )
    assert _court(_venue("IRWIN COUNTY DETENTION CENTER", "GA"))[0] == "gamd"


def test_florida() -> None:
    """28 U.S.C. § 89: Miami-Dade (Krome) is in the Southern District (§ 89(c)); Baker
    (Macclenny) and Glades (Moore Haven) in the Middle (§ 89(b)); Walton (DeFuniak Springs) in
    the Northern (§ 89(a)). Collier County (Ochopee) is in the Middle; its ZIP also reaches
    Monroe County (Southern), which the venue notes say."""
    assert _court(_venue("KROME NORTH SERVICE PROCESSING CENTER", "FL")) == ("flsd", None, "11th")
    assert _court(_venue("BAKER COUNTY SHERIFF DEPT.", "FL"))[0] == "flmd"
    assert _court(_venue("GLADES COUNTY DETENTION CENTER", "FL"))[0] == "flmd"
    assert _court(_venue("WALTON COUNTY JAIL", "FL"))[0] == "flnd"
    row = _rows()[("FLORIDA SOFT-SIDED FACILITY", "FL")]
    assert row["county"] == "Collier County"
    assert "different districts" in row["county_note"]
    assert _court(_venue("FLORIDA SOFT-SIDED FACILITY", "FL"))[0] == "flmd"


def test_new_york() -> None:
    """28 U.S.C. § 112: Genesee County (Batavia) is in the Western District; Orange (Goshen) in
    the Southern; Nassau and Kings (Brooklyn) in the Eastern; Clinton (Plattsburgh) and Broome
    (Binghamton) in the Northern; Second Circuit."""
    assert _court(_venue("BUFFALO SERVICE PROCESSING CENTER", "NY")) == ("nywd", None, "2nd")
    assert _court(_venue("ORANGE COUNTY JAIL (NY)", "NY"))[0] == "nysd"
    assert _court(_venue("NASSAU COUNTY CORRECTIONAL CENTER", "NY"))[0] == "nyed"
    assert _court(_venue("BROOKLYN MDC", "NY"))[0] == "nyed"
    assert _court(_venue("CLINTON COUNTY JAIL", "NY"))[0] == "nynd"
    assert _court(_venue("BROOME COUNTY JAIL", "NY"))[0] == "nynd"


def test_pennsylvania() -> None:
    """28 U.S.C. § 118: Clearfield County (Moshannon Valley, Philipsburg) is in the Western
    District; Pike (Lords Valley) and Clinton (McElhattan) in the Middle; Philadelphia in the
    Eastern; Third Circuit. ZIP 16866 spans Centre (Middle) and Clearfield (Western): the
    shipped table fixes Moshannon by hand, and the ZIP rule alone would not."""
    assert _court(_venue("PIKE COUNTY JAIL", "PA")) == ("pamd", None, "3rd")
    assert _court(_venue("CLINTON COUNTY CORRECTIONAL FACILITY", "PA"))[0] == "pamd"
    assert _court(_venue("FDC PHILADELPHIA", "PA"))[0] == "paed"
    assert _court(_venue("CAMBRIA COUNTY PRISON", "PA"))[0] == "pawd"
    row = _rows()[("MOSHANNON VALLEY PROCESSING CENTER", "PA")]
    assert (row["county"], row["county_method"]) == ("Clearfield County", "manual")
    moshannon = venue(_facts(row))
    assert _court(moshannon)[0] == "pawd"
    from_zip_only = venue(_facts(row, with_county=False))
    assert any("different districts" in note for note in from_zip_only.notes)


def test_alabama() -> None:
    """28 U.S.C. § 81: Etowah County (Gadsden) is in the Northern District, Eastern Division
    since Pub. L. 118-179 (2024-12-23; Middle Division before); Pickens (Carrollton) in the
    Northern, Western Division; Baldwin (Bay Minette) in the Southern; Eleventh Circuit."""
    assert _court(_venue("ETOWAH COUNTY JAIL", "AL")) == ("alnd", "Eastern Division", "11th")
    assert _court(_venue("PICKENS COUNTY DETENTION CENTER", "AL"))[:2] == (
        "alnd",
        "Western Division",
    )
    assert _court(_venue("BALDWIN COUNTY CORRECTIONAL CENTER", "AL"))[0] == "alsd"


def test_mississippi() -> None:
    """28 U.S.C. § 104: Adams County (Natchez) is in the Southern District, Western Division;
    Madison (Canton) in the Southern, Northern Division; Fifth Circuit."""
    assert _court(_venue("ADAMS COUNTY CORRECTIONAL CENTER", "MS")) == (
        "mssd",
        "Western Division",
        "5th",
    )
    assert _court(_venue("MADISON COUNTY JAIL", "MS"))[:2] == ("mssd", "Northern Division")


def test_oklahoma() -> None:
    """28 U.S.C. § 116: Tulsa County is in the Northern District; Payne (Cushing), Kay
    (Newkirk), Blaine (Watonga) and Logan (Guthrie) in the Western; Tenth Circuit."""
    assert _court(_venue("TULSA COUNTY JAIL (DAVID L. MOSS JUSTICE CTR)", "OK")) == (
        "oknd",
        None,
        "10th",
    )
    assert _court(_venue("CIMMARRON CORR FACILITY", "OK"))[0] == "okwd"
    assert _court(_venue("KAY CO JUSTICE FACILITY", "OK"))[0] == "okwd"
    assert _court(_venue("LOGAN COUNTY JAIL", "OK"))[0] == "okwd"


def test_tennessee() -> None:
    """28 U.S.C. § 123: Tipton County (Mason) is in the Western District, Western Division;
    Knox (Knoxville) in the Eastern, Northern Division; Putnam (Cookeville) in the Middle,
    Northeastern Division; Sixth Circuit, whose broader custodian view is noted (Roman v.
    Ashcroft, 340 F.3d 314 (6th Cir. 2003))."""
    mason = _venue("WESTERN TENNESSEE DETENTION FACILITY", "TN")
    assert _court(mason) == ("tnwd", "Western Division", "6th")
    assert any("Roman v. Ashcroft, 340 F.3d 314" in n for n in mason.notes)
    assert _court(_venue("KNOX COUNTY DETENTION FACILITY", "TN"))[:2] == (
        "tned",
        "Northern Division",
    )
    assert _court(_venue("PUTNAM COUNTY SHERIFF", "TN"))[:2] == ("tnmd", "Northeastern Division")


def test_michigan() -> None:
    """28 U.S.C. § 102: Calhoun County (Battle Creek) is in the Western District, Southern
    Division; Chippewa (Sault Ste. Marie) in the Western, Northern Division; Monroe and
    St. Clair (Port Huron) in the Eastern; Sixth Circuit."""
    assert _court(_venue("CALHOUN COUNTY CORRECTIONAL CENTER", "MI")) == (
        "miwd",
        "Southern Division",
        "6th",
    )
    assert _court(_venue("CHIPPEWA COUNTY SSM", "MI"))[:2] == ("miwd", "Northern Division")
    assert _court(_venue("MONROE COUNTY DETENTION-DORM", "MI"))[0] == "mied"
    assert _court(_venue("ST. CLAIR COUNTY JAIL", "MI"))[0] == "mied"


def test_ohio() -> None:
    """28 U.S.C. § 115: Butler County (Hamilton) is in the Southern District, Western
    Division; Mahoning (Youngstown) in the Northern, Eastern Division; Seneca (Tiffin) in the
    Northern, Western Division; Sixth Circuit."""
    assert _court(_venue("BUTLER COUNTY JAIL", "OH")) == ("ohsd", "Western Division", "6th")
    assert _court(_venue("NORTHEAST OHIO CORRECTIONAL CENTER", "OH"))[:2] == (
        "ohnd",
        "Eastern Division",
    )
    assert _court(_venue("SENECA COUNTY JAIL", "OH"))[:2] == ("ohnd", "Western Division")


def test_virginia() -> None:
    """28 U.S.C. § 127: Prince Edward (Farmville) and Caroline (Bowling Green) counties and
    Hopewell city are in the Eastern District; Rockingham County and the city of Salem area
    (Western Virginia Regional Jail) in the Western; Fourth Circuit. Farmville's ZIP also
    reaches counties of the Western District; the facility's former ICE name "Prince Edward
    County (Farmville)" settles it. § 127 names no divisions; E.D. Va.'s Local Civil Rule 3
    puts Prince Edward County in the Richmond Division, labelled as a local-rule division."""
    farmville = _venue("FARMVILLE DETENTION CENTER", "VA")
    assert _court(farmville) == ("vaed", "Richmond Division", "4th")
    assert farmville.district_court is not None
    assert farmville.district_court.division_kind == "local-rule"
    assert "Local Civil Rule 3" in (farmville.district_court.division_source or "")
    assert _rows()[("FARMVILLE DETENTION CENTER", "VA")]["county"] == "Prince Edward County"
    assert _court(_venue("CAROLINE DETENTION FACILITY", "VA"))[0] == "vaed"
    assert _court(_venue("RIVERSIDE REGIONAL JAIL", "VA"))[0] == "vaed"
    assert _court(_venue("ROCKINGHAM COUNTY JAIL", "VA"))[0] == "vawd"
    assert _court(_venue("WESTERN VIRGINIA REGIONAL JAIL", "VA"))[0] == "vawd"


def test_washington() -> None:
    """28 U.S.C. § 128: Pierce County (Tacoma) is in the Western District; Spokane County in
    the Eastern; Ninth Circuit."""
    assert _court(_venue("NORTHWEST ICE PROCESSSING CENTER", "WA")) == ("wawd", None, "9th")
    assert _court(venue_for_county("WA", "Spokane"))[0] == "waed"


def test_illinois_by_county() -> None:
    """28 U.S.C. § 93: Cook County is in the Northern District, Eastern Division (§ 93(a)(1));
    Sangamon (Springfield) in the Central (§ 93(b)); St. Clair (East St. Louis) in the Southern
    (§ 93(c)); Seventh Circuit. No ICE sheet facility is in Illinois, so counties are asked."""
    assert _court(venue_for_county("IL", "Cook")) == ("ilnd", "Eastern Division", "7th")
    assert _court(venue_for_county("Illinois", "Sangamon County"))[0] == "ilcd"
    assert _court(venue_for_county("IL", "St. Clair"))[0] == "ilsd"


def test_kentucky_indiana_iowa_missouri() -> None:
    """28 U.S.C. §§ 97, 94, 95, 105: Oldham (La Grange) is in W.D. Ky., Boone (Burlington) in
    E.D. Ky.; Clay (Brazil) in S.D. Ind., Terre Haute Division, Miami County (Bunker Hill) in
    N.D. Ind.; Polk (Des Moines) in S.D. Iowa, Linn (Cedar Rapids) in N.D. Iowa; Greene
    (Springfield) in W.D. Mo., Ste. Genevieve in E.D. Mo."""
    assert _court(_venue("OLDHAM COUNTY DETENTION CENTER", "KY"))[0] == "kywd"
    assert _court(_venue("BOONE COUNTY JAIL", "KY"))[0] == "kyed"
    assert _court(_venue("CLAY COUNTY JUSTICE CENTER", "IN"))[:2] == (
        "insd",
        "Terre Haute Division",
    )
    assert _court(_venue("MIAMI CORRECTIONAL CENTER", "IN"))[0] == "innd"
    assert _court(_venue("POLK COUNTY JAIL", "IA"))[0] == "iasd"
    assert _court(_venue("LINN COUNTY JAIL", "IA"))[0] == "iand"
    assert _court(_venue("GREENE COUNTY JAIL", "MO"))[0] == "mowd"
    assert _court(_venue("STE. GENEVIEVE COUNTY SHERIFF/JAIL", "MO"))[0] == "moed"


def test_north_carolina_wisconsin_west_virginia_arkansas() -> None:
    """28 U.S.C. §§ 113, 130, 129, 83: Alamance (Graham) is in M.D.N.C., New Hanover in
    E.D.N.C.; Dodge (Juneau) in E.D. Wis., Sauk (Baraboo) in W.D. Wis.; Kanawha (Charleston)
    in S.D. W. Va., Marshall (Moundsville) in N.D. W. Va.; Miller (Texarkana) in W.D. Ark."""
    assert _court(_venue("ALAMANCE COUNTY DETENTION FACILITY", "NC"))[0] == "ncmd"
    assert _court(_venue("NEW HANOVER COUNTY JAIL", "NC"))[0] == "nced"
    assert _court(_venue("DODGE COUNTY JAIL", "WI"))[0] == "wied"
    assert _court(_venue("SAUK COUNTY SHERIFF", "WI"))[0] == "wiwd"
    assert _court(_venue("SOUTH CENTRAL REGIONAL JAIL", "WV"))[0] == "wvsd"
    assert _court(_venue("NORTHERN REGIONAL JAIL", "WV"))[0] == "wvnd"
    assert _court(_venue("MILLER COUNTY JAIL", "AR"))[0] == "arwd"


# --- one-district states, split counties, no county -------------------------------------------


def test_single_district_states_need_no_county() -> None:
    """28 U.S.C. §§ 110 (New Jersey), 82 (Arizona), 111 (New Mexico), 85 (Colorado): each state
    is one judicial district, so the state alone decides."""
    delaney = _venue("DELANEY HALL DETENTION FACILITY", "NJ")
    assert _court(delaney) == ("njd", None, "3rd")
    assert _court(_venue("ELOY FEDERAL CONTRACT FACILITY", "AZ"))[0] == "azd"
    nowhere_in_nj = FacilityFacts(name="A NEW HOLD ROOM", state="NJ")
    assert _court(venue(nowhere_in_nj))[0] == "njd"
    assert _court(venue_for_county("NM")) == ("nmd", None, "10th")
    assert _court(venue_for_county("co", "Arapahoe"))[0] == "cod"


def test_a_multi_district_state_without_a_county_gives_no_district() -> None:
    """28 U.S.C. § 98: Louisiana has three districts; without a county none can be named."""
    result = venue_for_county("LA")
    assert result.district_court is None
    assert any("3 districts" in note for note in result.notes)
    unknown = venue(FacilityFacts(name="SOME HOLD ROOM", state="LA", city="NOWHERE"))
    assert unknown.district_court is None


def test_split_county_durham_and_butner() -> None:
    """28 U.S.C. § 113: Durham County is in the Middle District of North Carolina, except the
    part comprising FCI Butner, which the statute puts in the Eastern District."""
    durham = venue_for_county("NC", "Durham")
    assert _court(durham)[0] == "ncmd"
    assert any("Butner" in note and "E.D.N.C." in note for note in durham.notes)
    butner = FacilityFacts(
        name="FCI BUTNER MEDIUM I", city="BUTNER", state="NC", county_fips="37063"
    )
    assert _court(venue(butner))[0] == "nced"
    elsewhere = FacilityFacts(
        name="DURHAM COUNTY JAIL", city="DURHAM", state="NC", zip_code="27701"
    )
    assert _court(venue(elsewhere))[0] == "ncmd"


def test_split_county_yellowstone() -> None:
    """28 U.S.C. §§ 106, 131: Park County, Montana is in the District of Montana, but its part
    of Yellowstone National Park is in the District of Wyoming."""
    assert _court(venue_for_county("MT", "Park"))[0] == "mtd"
    park = FacilityFacts(name="YELLOWSTONE NATIONAL PARK JAIL", state="MT", county_fips="30067")
    assert _court(venue(park)) == ("wyd", None, "10th")


def test_guantanamo_has_no_district() -> None:
    """28 U.S.C. § 2241(a); Rumsfeld v. Padilla (DOMAIN.md §4): there is no district of
    confinement for JTF Camp Six, listed by ICE as "FPO, FL"; venue needs legal analysis,
    D.D.C. being the common practice."""
    camp = _venue("JTF CAMP SIX", "FL")
    assert camp.district_court is None
    assert camp.circuit is None
    assert camp.county is None
    assert any("legal analysis" in note and "D.D.C." in note for note in camp.notes)
    assert camp.field_office is not None
    assert camp.field_office.code == "MIA"


def test_territories() -> None:
    """48 U.S.C. §§ 1424 (Guam), 1821 (Northern Mariana Islands); 28 U.S.C. § 119 (Puerto
    Rico); 28 U.S.C. § 91 puts Wake and Midway in the District of Hawaii; American Samoa has
    no district court."""
    assert _court(_venue("DEPARTMENT OF CORRECTIONS HAGATNA", "GU")) == ("gud", None, "9th")
    assert _court(_venue("SAIPAN DEPARTMENT OF CORRECTIONS (SUSUPE)", "MP"))[0] == "nmid"
    assert _court(_venue("GUAYNABO MDC (SAN JUAN)", "PR")) == ("prd", None, "1st")
    assert _court(venue_for_county("UM", "Wake Island"))[0] == "hid"
    samoa = venue_for_county("AS", "Eastern District")
    assert samoa.district_court is None
    assert any("legal analysis" in note for note in samoa.notes)


# --- respondents, field office, county form --------------------------------------------------


def test_respondents_with_roles() -> None:
    """DOMAIN.md §4: name the immediate custodian (warden) plus the field office director, the
    ICE Director, the DHS Secretary and the Attorney General, each with a role."""
    result = _venue("DELANEY HALL DETENTION FACILITY", "NJ")
    roles = [r.role for r in result.respondents]
    assert roles == [
        "immediate-custodian",
        "field-office-director",
        "ice-director",
        "dhs-secretary",
        "attorney-general",
    ]
    assert result.respondents[0].title == "Warden, Delaney Hall Detention Facility"
    assert "Newark Field Office" in result.respondents[1].title
    assert all(r.name == "" for r in result.respondents)
    assert result.field_office is not None
    assert (result.field_office.code, result.field_office.name) == (
        "NEW",
        "Newark Field Office",
    )
    assert result.immigration_courts == []  # none recorded for Delaney Hall


def test_co_located_immigration_courts() -> None:
    """EOIR base-city codes whose hearing location names the facility: JNA (LaSalle), KRO
    (Krome), SDC (Stewart); a county jail has none recorded, and the notes say so."""
    assert [
        c.code
        for c in _venue("CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)", "LA").immigration_courts
    ] == ["JNA"]
    assert [
        c.code for c in _venue("KROME NORTH SERVICE PROCESSING CENTER", "FL").immigration_courts
    ] == ["KRO"]
    assert [c.code for c in _venue("STEWART DETENTION CENTER", "GA").immigration_courts] == ["SDC"]
    jail = _venue("ETOWAH COUNTY JAIL", "AL")
    assert jail.immigration_courts == []
    assert any("EOIR publishes no facility-to-court table" in n for n in jail.notes)


def test_county_form_as_dict_has_null_facility_fields() -> None:
    """Issue 3's JSON shape: facility id, name and city are null for the county form."""
    data = venue_for_county("LA", "LaSalle").as_dict()
    assert data["facility"] == {
        "id": None,
        "name": None,
        "city": None,
        "state": "LA",
        "county": "LaSalle Parish",
        "county_fips": "22059",
    }
    assert data["district_court"]["id"] == "lawd"
    assert data["circuit"] == "5th"
    assert data["field_office"] == {"code": "NOL", "name": "New Orleans Field Office"}
    assert {"role", "title", "name"} == set(data["respondents"][0])


def test_county_names_are_forgiving_but_not_guessing() -> None:
    """ "La Salle", "LaSalle Parish" and FIPS 22059 are one parish; "Richmond" in Virginia names
    Richmond County and Richmond city (both E.D. Va., § 127) and says so; "Baltimore" names
    Baltimore County and Baltimore city (both D. Md.); a misspelt county gets suggestions."""
    for name in ("La Salle", "LaSalle Parish", "lasalle"):
        assert venue_for_county("LA", name).county.fips == "22059"  # type: ignore[union-attr]
    assert venue_for_county("LA", county_fips="22059").county.name == "LaSalle Parish"  # type: ignore[union-attr]
    richmond = venue_for_county("VA", "Richmond")
    assert _court(richmond)[0] == "vaed"
    assert any("Richmond city" in note for note in richmond.notes)
    assert venue_for_county("VA", "Richmond city").county.fips == "51760"  # type: ignore[union-attr]
    with pytest.raises(VenueError) as excinfo:
        venue_for_county("LA", "Lasal Parrish")
    assert "LaSalle Parish" in excinfo.value.suggestions
    with pytest.raises(VenueError):
        venue_for_county("LA", county_fips="48283")  # La Salle County, Texas
    with pytest.raises(VenueError):
        venue_for_county("ZZ", "Anything")


def test_on_date_keeps_a_division_no_amendment_touched() -> None:
    """28 U.S.C. § 90(b): Stewart County is in the M.D. Ga., Columbus Division, on any day the
    recorded texts cover; only the date the answer is for changes."""
    import datetime

    facts = _facts(_rows()[("STEWART DETENTION CENTER", "GA")])
    then = venue(facts, on=datetime.date(2025, 1, 20))
    assert then.district_court == venue(facts).district_court
    assert then.on == datetime.date(2025, 1, 20)


# --- county assignment ------------------------------------------------------------------------


def test_assign_county_prefers_the_county_a_jail_is_named_for() -> None:
    """A county jail is in its county: Irwin County Detention Center (Ocilla) though ICE's ZIP
    31772 is Worth County's; Oldham County's ZIP also reaches Henry County (E.D. Ky.)."""
    irwin = assign_county(
        name="IRWIN COUNTY DETENTION CENTER", city="OCILLA", state="GA", zip_code="31772"
    )
    assert (irwin.fips, irwin.method) == ("13155", "name")
    assert "Worth County" in irwin.note
    by_zip = assign_county(
        name="SOME PROCESSING CENTER", city="LUMPKIN", state="GA", zip_code="31815"
    )
    assert (by_zip.name, by_zip.method) == ("Stewart County", "zip")
    fpo = assign_county(name="JTF CAMP SIX", city="FPO", state="FL", zip_code="34009")
    assert fpo.fips == ""


def test_every_county_is_placed() -> None:
    """28 U.S.C. §§ 81-131: every county of every state with several districts has one."""
    table = county_table()
    for state in ("CA", "TX", "LA", "GA", "FL", "NY", "PA", "AL", "MS", "OK", "TN", "MI"):
        rows = table.by_state[state]
        assert rows and all(row.district for row in rows), state


# --- finding facilities -----------------------------------------------------------------------


def _all_facts() -> list[FacilityFacts]:
    return [_facts(row) for row in _rows().values()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Jena", "CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)"),
        ("LaSalle", "CENTRAL LOUISIANA ICE PROCESSING CENTER (CLIPC)"),
        ("delaney hall", "DELANEY HALL DETENTION FACILITY"),
        ("Krome", "KROME NORTH SERVICE PROCESSING CENTER"),
        ("krom", "KROME NORTH SERVICE PROCESSING CENTER"),
        ("Adelanto", "ADELANTO ICE PROCESSING CENTER"),
        ("Stewart", "STEWART DETENTION CENTER"),
        ("stewrt detention", "STEWART DETENTION CENTER"),
        ("Otero", "OTERO COUNTY PROCESSING CENTER"),
        ("Port Isabel", "PORT ISABEL SPC"),
        ("Eloy", "ELOY FEDERAL CONTRACT FACILITY"),
        ("Northwest", "NORTHWEST ICE PROCESSSING CENTER"),
        ("Tacoma", "NORTHWEST ICE PROCESSSING CENTER"),
        ("Northwest ICE Processing Center", "NORTHWEST ICE PROCESSSING CENTER"),
        ("Dilley", "DILLEY IMMIGRATION PROCESSING CENTER"),
        ("Karnes", "KARNES COUNTY IMMIGRATION PROCESSING CENTER"),
        ("Elizabeth", "ELIZABETH CONTRACT DETENTION FACILITY"),
        ("Moshannon", "MOSHANNON VALLEY PROCESSING CENTER"),
        ("Torrance", "TORRANCE COUNTY DETENTION FACILITY"),
        ("Bluebonet", "BLUEBONNET DETENTION FACILITY"),
        ("Pine prarie", "PINE PRAIRIE ICE PROCESSING CENTER"),
        ("Clinton County Jail (NY)", "CLINTON COUNTY JAIL"),
        ("Prince Edward County (Farmville)", "FARMVILLE DETENTION CENTER"),
    ],
)
def test_match_facility_forgives(query: str, expected: str) -> None:
    matches = match_facility(query, _all_facts())
    assert match_is_clear(matches), [(f.name, s) for f, s in matches[:3]]
    assert matches[0][0].name == expected


@pytest.mark.parametrize("query", ["Florence", "Folkston", "Clinton County Jail", "Conroe"])
def test_match_facility_asks_when_several_fit(query: str) -> None:
    assert not match_is_clear(match_facility(query, _all_facts()))


def test_match_facility_unknown_and_ice_code() -> None:
    facts = _all_facts()
    assert match_facility("zzzz qqqq", facts) == []
    coded = [*facts, FacilityFacts(name="SOME NEW SITE", state="TX", ice_code="SNSTXQ")]
    matches = match_facility("snstxq", coded)
    assert matches[0][0].name == "SOME NEW SITE"
    assert matches[0][1] == 100


# --- cross-check against the shared enriched table --------------------------------------------


def test_every_clear_facility_matches_the_enriched_tables_district() -> None:
    """Every facility of shared/data/ice_facilities_enriched.csv whose qa_flags are clear gets
    the same district from the shipped tables and from ICE's facts alone."""
    enriched = SHARED_DATA / "ice_facilities_enriched.csv"
    courts = SHARED_DATA / "federal_district_courts.csv"
    if not enriched.exists() or not courts.exists():
        pytest.skip("shared/data not available")
    with courts.open(newline="", encoding="utf-8") as fh:
        court_id = {r["judicial_district_id"]: r["court_id"] for r in csv.DictReader(fh)}
    with enriched.open(newline="", encoding="utf-8") as fh:
        clear = [r for r in csv.DictReader(fh) if not r["qa_flags"]]
    assert len(clear) > 200
    for row in clear:
        result = _venue(row["name"], row["state"])
        assert result.district_court is not None, row["name"]
        assert result.district_court.id == court_id[row["judicial_district_id"]], row["name"]
