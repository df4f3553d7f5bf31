"""Detention after 2025: the statute a client is held under, who may release them, the rulings
that decide bond where the client is held, and the detention clock. Pure: callers pass dates.

Each basis is a statute with its release routes. The law moved in 2025: the BIA adopted DHS's
reading that people who entered without inspection are "applicants for admission" held under
INA 235(b)(2)(A) without bond (Matter of Q. Li, 29 I&N Dec. 66 (BIA 2025); Matter of Yajure
Hurtado, 29 I&N Dec. 216 (BIA 2025)), and the Laken Riley Act added INA 236(c)(1)(E). Courts
split on the first; their rulings are data (`RULINGS`), each with its date, so a district's
holding is a reason to file habeas there and a circuit's binds the immigration judges in it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from amparo.core.phrases import joined, phrase
from amparo.relief.rules.actions import cited

Bond = Literal["yes", "no", "contested", "unknown"]
Favours = Literal["detainee", "government"]

M_S = (
    "Matter of M-S-, 27 I&N Dec. 509 (A.G. 2019) (overruling Matter of X-K-, 23 I&N Dec. 731 "
    "(BIA 2005)): people transferred from expedited removal to full proceedings after a "
    "credible-fear finding stay detained under INA 235(b)(1) and are ineligible for bond"
)
ARRIVING = (
    "8 CFR 1003.19(h)(2)(i)(B): no immigration-judge custody jurisdiction over arriving aliens"
)
Q_LI = "Matter of Q. Li, 29 I&N Dec. 66 (BIA 2025)"
YAJURE_HURTADO = "Matter of Yajure Hurtado, 29 I&N Dec. 216 (BIA 2025)"
LAKEN_RILEY = (
    "INA § 236(c)(1)(E), 8 U.S.C. § 1226(c)(1)(E), added by the Laken Riley Act, Pub. L. 119-1, "
    "§ 2 (Jan. 29, 2025): inadmissible under INA § 212(a)(6)(A), (6)(C) or (7) and charged "
    "with, arrested for, convicted of, or admitting burglary, theft, larceny, shoplifting, "
    "assault of a law enforcement officer, or a crime that results in death or serious bodily "
    "injury"
)
# The Act was signed on this day; 236(c)(1)(E) did not exist before it.
LAKEN_RILEY_ENACTED = datetime.date(2025, 1, 29)
JOSEPH = "8 CFR 1003.19(h)(2)(ii); Matter of Joseph, 22 I&N Dec. 799 (BIA 1999)"
JENNINGS = (
    "Jennings v. Rodriguez, 583 U.S. 281 (2018): no implied six-month limit or periodic bond "
    "hearings in INA 235(b) or 236(c); constitutional claims left open"
)
ZADVYDAS = (
    "Zadvydas v. Davis, 533 U.S. 678, 701 (2001): six months of post-order detention is "
    "presumptively reasonable; after that, release unless removal is significantly likely in "
    "the reasonably foreseeable future (8 CFR 241.13)"
)


@dataclass(frozen=True)
class Basis:
    """A statutory basis of detention and the release routes it leaves."""

    slug: str
    statute: str
    ij_bond: Bond  # can an immigration judge redetermine custody?
    parole_fits: bool  # is INA 212(d)(5)(A) / 8 CFR 212.5(b) parole the release route?
    citation: str
    mandatory: bool = False  # 236(c): a Joseph hearing asks whether the person is properly in it
    prolonged_applies: bool = False  # prolonged-detention claims under 235(b)/236(c)
    effective_from: datetime.date | None = None


BASES: dict[str, Basis] = {
    b.slug: b
    for b in (
        Basis(
            "235b",
            phrase("INA 235(b), paragraph not yet known"),
            "no",
            True,
            ARRIVING,
            prolonged_applies=True,
        ),
        Basis(
            "235b1",
            phrase("INA 235(b)(1): expedited removal, including after a credible-fear finding"),
            "no",
            True,
            cited("INA § 235(b)(1)(B)(ii), 8 U.S.C. § 1225(b)(1)(B)(ii)", M_S),
            prolonged_applies=True,
        ),
        Basis(
            "235b2a",
            phrase("INA 235(b)(2)(A): arriving applicant for admission"),
            "no",
            True,
            cited("INA § 235(b)(2)(A), 8 U.S.C. § 1225(b)(2)(A)", ARRIVING),
            prolonged_applies=True,
        ),
        Basis(
            "235b2a-ewi",
            phrase(
                "INA 235(b)(2)(A) as DHS applies it since 2025 to people who entered without "
                "inspection"
            ),
            "contested",
            True,
            cited(Q_LI, YAJURE_HURTADO, "contested in the federal courts"),
            prolonged_applies=True,
        ),
        Basis(
            "236a",
            phrase("INA 236(a): discretionary detention"),
            "yes",
            False,
            "INA § 236(a), 8 U.S.C. § 1226(a); 8 CFR 1236.1(d)(1)",
        ),
        Basis(
            "236c",
            phrase("INA 236(c): mandatory detention"),
            "no",
            False,
            cited("INA § 236(c), 8 U.S.C. § 1226(c)", JOSEPH),
            mandatory=True,
            prolonged_applies=True,
        ),
        Basis(
            "236c1e",
            phrase(
                "INA 236(c)(1)(E) (Laken Riley Act): inadmissible under 212(a)(6)(A), "
                "(6)(C) or (7) and charged with, arrested for, convicted of or admitting a listed "
                "crime"
            ),
            "no",
            False,
            cited(LAKEN_RILEY, JOSEPH),
            mandatory=True,
            prolonged_applies=True,
            effective_from=LAKEN_RILEY_ENACTED,
        ),
        Basis(
            "241a",
            phrase("INA 241(a): after a final order of removal"),
            "no",
            False,
            cited("INA § 241(a)(1)-(2), (6), 8 U.S.C. § 1231(a)", "8 CFR 241.4", ZADVYDAS),
        ),
    )
}


@dataclass(frozen=True)
class Ruling:
    """A court's holding on a detention question, with its date. `court` is a courts-db id (a
    district such as gamd, or a circuit such as ca5); a circuit's ruling binds its districts."""

    court: str
    circuit: str
    name: str
    citation: str
    decided_on: datetime.date | None  # None: the date could not be confirmed
    holding: str
    favours: Favours
    issue: str = "235b2a-ewi"


# Whether INA 235(b)(2)(A) reaches people who entered without inspection and were arrested
# inside the country. Only rulings found in stored public sources; add more as courts rule.
RULINGS: tuple[Ruling, ...] = (
    Ruling(
        "ca5",
        "ca5",
        "Buenrostro-Mendez v. Bondi",
        "Nos. 25-20496 & 25-40701 (5th Cir. Feb. 6, 2026)",
        datetime.date(2026, 2, 6),
        phrase(
            "People who entered without inspection are applicants for admission 'seeking "
            "admission' under § 1225(b)(2)(A): detention without bond."
        ),
        "government",
    ),
    Ruling(
        "ca8",
        "ca8",
        "Herrera Avila (appeal from D. Minn.)",
        "8th Cir. 2026 (caption and date not confirmed)",
        None,
        phrase("Follows Buenrostro-Mendez: § 1225(b)(2)(A) applies; no bond hearing."),
        "government",
    ),
    Ruling(
        "ca2",
        "ca2",
        "Cunha v. Freden",
        "2d Cir. 2026 (date not confirmed; before May 6, 2026)",
        None,
        phrase(
            "Rejects DHS's reading: long-resident people who entered without inspection "
            "are detained under § 1226(a) and may seek bond."
        ),
        "detainee",
    ),
    Ruling(
        "gamd",
        "ca11",
        "J.A.M. v. Streeval",
        "No. 4:25-cv-342 (M.D. Ga. Nov. 1, 2025)",
        datetime.date(2025, 11, 1),
        phrase(
            "§ 1225(b)(2) does not apply to a long-resident "
            "petitioner arrested inside the country; § 1226(a) does: bond hearing ordered."
        ),
        "detainee",
    ),
    Ruling(
        "cacd",
        "ca9",
        "Maldonado Bautista v. Santacruz",
        "(C.D. Cal. Feb. 18, 2026)",
        datetime.date(2026, 2, 18),
        phrase(
            "Rejects Matter of Yajure Hurtado: interior arrests of "
            "people who entered without inspection fall under § 1226(a), with bond."
        ),
        "detainee",
    ),
)


def rulings_for(
    issue: str, *, district: str | None, circuit: str | None, on: datetime.date
) -> list[Ruling]:
    """Rulings that speak for where the client is held: the circuit's first (binding), then the
    district's. A ruling dated after `on` is left out; an undated one is kept, flagged."""
    found = [
        r
        for r in RULINGS
        if r.issue == issue
        and (r.decided_on is None or r.decided_on <= on)
        and (r.court == circuit or (district is not None and r.court == district))
    ]
    return sorted(found, key=lambda r: r.court != circuit)


def bond_available(basis: str | None, *, circuit: str | None, on: datetime.date) -> Bond:
    """Can an immigration judge redetermine custody for this basis where the client is held?

    For 235(b)(2)(A) applied to entry without inspection, a circuit ruling decides it; without
    one, immigration judges follow Yajure Hurtado (no bond) and habeas is the route.
    """
    if basis is None or basis not in BASES:
        return "unknown"
    found = BASES[basis].ij_bond
    if found != "contested":
        return found
    binding = rulings_for(basis, district=None, circuit=circuit, on=on)
    if binding:
        return "yes" if binding[0].favours == "detainee" else "no"
    return "contested"


def basis_note(
    basis: str | None, *, district: str | None, circuit: str | None, on: datetime.date
) -> str:
    """What the team must know about the basis where the client is held, with the rulings."""
    if basis is None or basis not in BASES:
        return phrase(
            "Confirm the detention basis first: an immigration judge cannot redetermine custody "
            "of an arriving alien (8 CFR 1003.19(h)(2)(i)(B)) or of a person held under INA "
            "236(c) (ask for a Joseph hearing instead)."
        )
    spec = BASES[basis]
    parts: list[str] = [
        phrase(
            "Held under %(statute)s (%(citation)s).", statute=spec.statute, citation=spec.citation
        )
    ]
    if spec.effective_from and on < spec.effective_from:
        parts.append(phrase("This basis exists only from %(day)s.", day=spec.effective_from))
    for ruling in rulings_for(basis, district=district, circuit=circuit, on=on):
        binding = phrase("binding here") if ruling.court == circuit else phrase("this district")
        parts.append(
            phrase(
                "%(name)s, %(citation)s [%(binding)s, %(day)s]: %(holding)s",
                name=ruling.name,
                citation=ruling.citation,
                binding=binding,
                day=ruling.decided_on or phrase("date not confirmed"),
                holding=ruling.holding,
            )
        )
    if basis == "235b2a-ewi":
        parts.append(_ewi_route(bond_available(basis, circuit=circuit, on=on)))
    return joined(parts, " ")


def _ewi_route(bond: Bond) -> str:
    if bond == "yes":
        return phrase(
            "The circuit binds the immigration judges here: ask for a bond hearing under "
            "§ 1226(a); habeas if it is refused."
        )
    if bond == "no":
        return phrase(
            "The circuit's ruling forecloses the statutory claim here: ask ICE for parole "
            "(8 CFR 212.5(b)) and keep a constitutional claim for habeas."
        )
    return phrase(
        "No circuit ruling here: immigration judges follow Yajure Hurtado, so file habeas in "
        "the district of confinement asking for a bond hearing under § 1226(a) (district courts "
        "have widely granted it), and ask ICE for parole meanwhile."
    )
