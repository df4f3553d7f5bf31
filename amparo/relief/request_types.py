"""The request types Amparo starts with, each with its legal basis (DOMAIN.md §2–3).

Loaded by data migrations (0002, and 0004 for the fields added later); afterwards they are rows an
admin edits. `decided_by`, `appeal_available` / `appeal_to` and `usual_next_steps` describe the
law; `overdue_after_hours` is a practice default, not law: how long a team waits for an answer
before it chases one (emergency requests are flagged sooner). What Amparo proposes after a
denial of each type lives in `relief.rules.ESCALATIONS`, keyed by the same slugs.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop

from amparo.core.phrases import phrase

DEFAULT_REQUEST_TYPES: list[dict[str, Any]] = [
    {
        "slug": "humanitarian-parole",
        "name": gettext_noop("Humanitarian parole"),
        "legal_basis": "INA § 212(d)(5)(A), 8 U.S.C. § 1182(d)(5)(A); 8 CFR 212.5(b)",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "No administrative appeal (8 CFR 212.5): renewed request with new "
        "evidence, congressional inquiry, habeas corpus for legal error.",
        "seeks_release": True,
        "overdue_after_hours": 72,
    },
    {
        "slug": "humanitarian-release",
        "name": gettext_noop("Short-term humanitarian release or escorted visit"),
        "legal_basis": "INA § 212(d)(5)(A); ICE detention standards on escorted trips",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Renewed request; congressional inquiry.",
        "seeks_release": True,
        "overdue_after_hours": 48,
    },
    {
        "slug": "recognizance",
        "name": gettext_noop("Release on recognizance / conditional parole"),
        "legal_basis": "INA § 236(a)(2)(B), 8 U.S.C. § 1226(a)(2)(B)",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Ask an immigration judge for a custody (bond) redetermination "
        "(8 CFR 1236.1(d)).",
        "seeks_release": True,
        "overdue_after_hours": 72,
    },
    {
        "slug": "bond-redetermination",
        "name": gettext_noop("Bond redetermination before an immigration judge"),
        "legal_basis": "8 CFR 1236.1(d); 8 CFR 1003.19",
        "decided_by": "immigration-judge",
        "appeal_available": True,
        "appeal_to": "BIA, Form EOIR-26, received within 30 days (8 CFR 1003.38(b))",
        "usual_next_steps": "BIA bond appeal; new request on materially changed circumstances "
        "(8 CFR 1003.19(e)).",
        "seeks_release": True,
        "overdue_after_hours": None,
    },
    {
        "slug": "joseph-hearing",
        "name": gettext_noop("Joseph hearing"),
        "legal_basis": "8 CFR 1003.19(h)(2)(ii); Matter of Joseph, 22 I&N Dec. 799 (BIA 1999)",
        "decided_by": "immigration-judge",
        "appeal_available": True,
        "appeal_to": "BIA, Form EOIR-26, received within 30 days (8 CFR 1003.38(b))",
        "usual_next_steps": "BIA appeal; habeas corpus.",
        "seeks_release": True,
        "overdue_after_hours": None,
    },
    {
        "slug": "stay-of-removal",
        "name": gettext_noop("Stay of removal (Form I-246)"),
        "legal_basis": "8 CFR 241.6",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Denial is not appealable (8 CFR 241.6(b)): stay with a motion to "
        "reopen before the IJ or BIA, or federal court.",
        "seeks_release": False,
        "overdue_after_hours": 72,
    },
    {
        "slug": "order-of-supervision",
        "name": gettext_noop("Release on order of supervision"),
        "legal_basis": "8 CFR 241.4, 241.5; Zadvydas v. Davis, 533 U.S. 678 (2001)",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Custody review; habeas corpus after the removal period.",
        "seeks_release": True,
        "overdue_after_hours": 720,
    },
    {
        "slug": "renewed-request",
        "name": gettext_noop("Renewed request / reconsideration"),
        "legal_basis": "Discretion of the deciding officer; new evidence",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Congressional inquiry; habeas corpus.",
        "seeks_release": True,
        "overdue_after_hours": 72,
    },
    {
        "slug": "no-transfer",
        "name": gettext_noop("Request not to transfer"),
        "legal_basis": "Discretion of the field office director; ICE detention standards",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Emergency TRO motion if a transfer is imminent.",
        "seeks_release": False,
        "overdue_after_hours": 24,
    },
    {
        "slug": "medical-care",
        "name": gettext_noop("Medical care"),
        "legal_basis": "ICE PBNDS 2011, standard 4.3 (Medical Care)",
        "decided_by": "facility",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "Humanitarian parole on medical grounds (8 CFR 212.5(b)(1)).",
        "seeks_release": False,
        "overdue_after_hours": 24,
    },
    {
        "slug": "other",
        "name": gettext_noop("Other request"),
        "legal_basis": "",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "",
        "seeks_release": False,
        "overdue_after_hours": None,
    },
]


# The built-in names are marked for translation (gettext_noop: stored in English, as typed in
# the migrations) and shown in the reader's language; a type an organisation added or renamed
# keeps the name it was given.
BUILTIN_NAMES = frozenset(t["name"] for t in DEFAULT_REQUEST_TYPES)


def shown_type_name(name: str) -> str:
    """A request type's name as the screens show it: translated when it is a built-in name."""
    return gettext(name) if name in BUILTIN_NAMES else name


def shown_types(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Report rows for a screen, their `request_type` shown as `shown_type_name` says (exports
    and the API keep the stored name)."""
    return [
        {**row, "request_type": shown_type_name(row["request_type"])}
        if "request_type" in row
        else row
        for row in rows
    ]


def type_name_phrase(name: str) -> str:
    """The name as a value of a saved phrase (a next step's "because", a task's title): a
    built-in name is read in each reader's language, whoever saved it."""
    return phrase(name) if name in BUILTIN_NAMES else name
