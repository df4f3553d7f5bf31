"""Pure rules for finding a client's members of Congress offline. No database.

Amparo ships no ZIP → congressional district table: the Census relationship files that give one
change with every redistricting, and a ZIP Code can straddle districts. From a ZIP it gives the
state (through the ZIP Code Tabulation Area → county table it already has, Census 2020 /
Geocorr 2022); the House district is entered by hand, as the client or family knows it or as the
House's own "find your representative" page gives it.
"""

from __future__ import annotations

import re

from amparo.custody.rules.places import county_table, zip_table

# In the congress-legislators files an at-large seat is district 0.
AT_LARGE = "0"


def states_for_zip(zip_code: str) -> list[str]:
    """The states a ZIP Code's tabulation area lies in, most of the population first."""
    digits = re.sub(r"\D", "", zip_code or "")[:5]
    if len(digits) != 5:
        return []
    counties = county_table().by_fips
    found: list[str] = []
    for fips, _share in sorted(zip_table().counties(digits), key=lambda c: -c[1]):
        for row in counties.get(fips, []):
            if row.state not in found:
                found.append(row.state)
    return found


def normalise_district(value: str) -> str:
    """'9', '09', 'NJ-9' → '9'; 'at-large', 'AL' → '0'; '' stays ''."""
    text = (value or "").strip().upper()
    if text in {"AL", "AT-LARGE", "AT LARGE"}:
        return AT_LARGE
    match = re.search(r"(\d+)$", text)
    return str(int(match.group(1))) if match else text


# "… New Orleans, LA 70112" or "… LA 70112-1234": a US state code before a ZIP Code, at the end
# of an address written the way the USPS asks (Publication 28, § 2: last line city, state, ZIP).
_LAST_LINE = re.compile(r"\b([A-Za-z]{2})\.?\s+(\d{5})(?:-\d{4})?\s*$")
_ZIP_ONLY = re.compile(r"\b(\d{5})(?:-\d{4})?\s*$")


def address_zip_state(address: str) -> tuple[str, str]:
    """The ZIP Code and state code of a US postal address's last line, or '' for each unknown."""
    text = " ".join((address or "").split())
    match = _LAST_LINE.search(text)
    if match:
        return match.group(2), match.group(1).upper()
    only = _ZIP_ONLY.search(text)
    return (only.group(1), "") if only else ("", "")
