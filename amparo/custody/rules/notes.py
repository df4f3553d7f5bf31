"""What the courts say about where to file and whom to name, as notes on a venue answer.

Each note cites its source; none is a rule Amparo applies by itself. No database.
"""

from __future__ import annotations

from amparo.core.phrases import phrase

OFFSHORE_NOTE = phrase(
    "This facility lies in no U.S. county or federal judicial district, so there is no district "
    "of confinement (28 U.S.C. § 2241(a); Rumsfeld v. Padilla, 542 U.S. 426 (2004)). Venue needs "
    "legal analysis; habeas petitions from Guantánamo Bay have been heard in the D.D.C. (see "
    "Rasul v. Bush, 542 U.S. 466 (2004); check the current case law before filing)."
)


def habeas_notes(circuit_id: str | None) -> list[str]:
    """Where to file, whom to name, and when jurisdiction attaches."""
    notes: list[str] = [
        phrase(
            "File in the district of confinement and name the immediate custodian, the official in "
            "charge of the facility (28 U.S.C. §§ 2241(a), 2242; Rumsfeld v. Padilla, 542 U.S. 426 "
            "(2004)). Padilla n.8 left open how the rule applies to immigration detainees."
        ),
    ]
    if circuit_id == "ca9":
        notes.append(
            phrase(
                "9th Cir.: Doe v. Garland, 109 F.4th 1188 (9th Cir. 2024) applies the "
                "immediate-custodian rule to immigration detention: name the facility "
                "administrator and file in the district of confinement; naming only the "
                "Attorney General, the DHS Secretary, the ICE Director and the field office "
                "director did not give N.D. Cal. jurisdiction."
            )
        )
    elif circuit_id == "ca6":
        notes.append(
            phrase(
                "6th Cir.: Roman v. Ashcroft, 340 F.3d 314 (6th Cir. 2003) took a broader "
                "view of who is the custodian of an immigration detainee; read it before "
                "relying on it, and name the official in charge of the facility in any case."
            )
        )
    else:
        notes.append(
            phrase(
                "Courts differ on whether officials beyond the official in charge of the facility "
                "are proper respondents; common practice names that official plus the field office "
                "director, the ICE Director, the DHS Secretary and the Attorney General."
            )
        )
    notes.append(
        phrase(
            "Jurisdiction attaches at filing: a later transfer does not defeat it (Ex parte Endo, "
            "323 U.S. 283 (1944), as read in Padilla). Before filing, re-check the locator."
        )
    )
    return notes
