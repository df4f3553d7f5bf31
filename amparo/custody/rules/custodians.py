"""Respondents of a habeas petition: the immediate custodian, named by who runs the facility.

The writ is directed "to the person having custody of the person detained" (28 U.S.C. § 2243;
§ 2242 asks the petition to name "the person who has custody over him"); in core challenges
that is the immediate custodian, the official with day-to-day control of the facility
(*Rumsfeld v. Padilla*, 542 U.S. 426, 434-35 (2004)). Who that is depends on who runs the
facility, which ICE records as the facility's type ("Type Detailed" in ICE ERO's detention
statistics). No database.
"""

from __future__ import annotations

from dataclasses import dataclass

from amparo.core.phrases import phrase
from amparo.custody.rules.results import OfficeRef, RespondentRef

RESPONDENT_ROLES = (
    "immediate-custodian",
    "field-office-director",
    "ice-director",
    "dhs-secretary",
    "attorney-general",
)


@dataclass(frozen=True)
class Operator:
    """Who runs a kind of facility, and the title of the official in charge of it."""

    runs_it: str
    title: str
    source: str


_ICE = Operator(
    runs_it=phrase("ICE itself (an ICE-owned service processing center or staging site)"),
    title="Officer in Charge",
    source=phrase(
        "ICE runs its own service processing centers through an Officer in Charge (ICE "
        "National Detention Standards (2000), which address the OIC of each SPC)"
    ),
)
_CONTRACT = Operator(
    runs_it=phrase("a private contractor under contract with ICE or the U.S. Marshals"),
    title="Warden",
    source=phrase(
        "the contractor's official in charge of the facility (its warden or administrator)"
    ),
)
_LOCAL = Operator(
    runs_it=phrase("a county or city under an agreement with ICE or the U.S. Marshals"),
    title="Warden",
    source=phrase(
        "the official who runs the jail; at a county jail often titled jail administrator or "
        "sheriff: use the title the jail uses"
    ),
)
_BOP = Operator(
    runs_it=phrase("the Federal Bureau of Prisons"),
    title="Warden",
    source=phrase(
        "28 CFR 500.1(a): the Warden is the chief executive officer of a BOP institution"
    ),
)
_STATE = Operator(
    runs_it=phrase("a State"),
    title="Warden",
    source=phrase("the State official in charge of the site: use the title the State gives"),
)
_MILITARY = Operator(
    runs_it=phrase("the Department of Defense"),
    title="Commander",
    source=phrase("the commander of the military detention site"),
)

# ICE's facility types (ERO detention statistics, "Type Detailed").
OPERATORS: dict[str, Operator] = {
    "SPC": _ICE,
    "STAGING": _ICE,
    "CDF": _CONTRACT,
    "USMS CDF": _CONTRACT,
    "IGSA": _LOCAL,
    "DIGSA": _LOCAL,
    "USMS IGA": _LOCAL,
    "FAMILY": _LOCAL,
    "BOP": _BOP,
    "STATE": _STATE,
    "DOD": _MILITARY,
}
_UNKNOWN = Operator(
    runs_it=phrase("not recorded"),
    title="Warden",
    source=phrase(
        "the facility's type is not recorded: check who runs it and use that official's title"
    ),
)


def operator_for(facility_type: str) -> Operator:
    return OPERATORS.get(facility_type.strip().upper(), _UNKNOWN)


def custodian_note(facility_type: str, place: str) -> str:
    """Who the immediate custodian is; the official's title stays as a filing names it."""
    operator = operator_for(facility_type)
    named = {"title": operator.title, "place": place, "runs_it": operator.runs_it}
    if facility_type:
        return phrase(
            "Immediate custodian: %(title)s, %(place)s. The facility (%(type)s) is run by "
            "%(runs_it)s; %(source)s.",
            type=facility_type,
            source=operator.source,
            **named,
        )
    return phrase(
        "Immediate custodian: %(title)s, %(place)s. The facility is run by %(runs_it)s; "
        "%(source)s.",
        source=operator.source,
        **named,
    )


def caption(text: str) -> str:
    """A respondent as the petition's caption names them: in English, whatever the team reads
    (the petition is filed in English)."""
    return text


def respondents(
    custodian_place: str, office: OfficeRef | None, facility_type: str = ""
) -> list[RespondentRef]:
    """The immediate custodian first, then the officials commonly named with them."""
    office_title = (
        caption(f"Field Office Director, {office.name}, U.S. Immigration and Customs Enforcement")
        if office
        else "Field Office Director, U.S. Immigration and Customs Enforcement"
    )
    title = operator_for(facility_type).title
    return [
        RespondentRef("immediate-custodian", f"{title}, {custodian_place}"),
        RespondentRef("field-office-director", office_title),
        RespondentRef("ice-director", "Director, U.S. Immigration and Customs Enforcement"),
        RespondentRef("dhs-secretary", "Secretary of Homeland Security"),
        RespondentRef("attorney-general", "Attorney General of the United States"),
    ]
