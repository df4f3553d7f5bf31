"""The request types Amparo starts with, each with its legal basis (DOMAIN.md §2–3).

Loaded by data migrations (0002, and 0004 for the fields added later); afterwards they are rows an
admin edits. `decided_by`, `appeal_available` / `appeal_to` and `usual_next_steps` describe the
law; `overdue_after_hours` is a practice default, not law: how long a team waits for an answer
before it chases one (emergency requests are flagged sooner). What Amparo proposes after a
denial of each type lives in `relief.rules.ESCALATIONS`, keyed by the same slugs.
"""

from __future__ import annotations

from typing import Any

DEFAULT_REQUEST_TYPES: list[dict[str, Any]] = [
    {
        "slug": "humanitarian-parole",
        "name": "Humanitarian parole",
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
        "name": "Short-term humanitarian release or escorted visit",
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
        "name": "Release on recognizance / conditional parole",
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
        "name": "Bond redetermination before an immigration judge",
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
        "name": "Joseph hearing",
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
        "name": "Stay of removal (Form I-246)",
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
        "name": "Release on order of supervision",
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
        "name": "Renewed request / reconsideration",
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
        "name": "Request not to transfer",
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
        "name": "Medical care",
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
        "name": "Other request",
        "legal_basis": "",
        "decided_by": "field-office-director",
        "appeal_available": False,
        "appeal_to": "",
        "usual_next_steps": "",
        "seeks_release": False,
        "overdue_after_hours": None,
    },
]
