"""Enforcement-priority regimes Amparo ships, by date, with their sources (DOMAIN.md §6 and §9).

Loaded by data migration 0005; afterwards they are rows an admin edits. `effective_to` is the
last day in force. Dates no record covers are deliberate gaps: `relief.rules.regime_on` answers
"no regime recorded" for them rather than guessing.

Date choices, with the doubts behind them:

- EO 13993 (signed 2021-01-20) ordered the priorities reset; DHS's interim priorities memo of the
  same day applied until the 2021 Guidelines took effect, so this record ends on 2021-11-28.
  The interim priorities were litigated in 2021 (a nationwide preliminary injunction in Texas v.
  United States, S.D. Tex., partly stayed by the Fifth Circuit on 2021-09-15): check the posture
  before relying on them for a date in 2021.
- The 2021 Guidelines took effect on 2021-11-29 and were vacated on 2022-06-10 (Texas v. United
  States, No. 6:21-cv-16 (S.D. Tex.)). Press reports say the court stayed its judgment for seven
  days, which would move the practical end to about 2022-06-17: UNVERIFIED against the order, so
  the record follows the vacatur date.
- United States v. Texas, 599 U.S. 670, was decided on 2023-06-23 and the reinstated record
  starts that day, as DOMAIN.md §6 and the requests issue date it. The Supreme Court's judgment
  reversing the vacatur issued only on 2023-07-25 (docket 22-58; Sup. Ct. R. 45.3), so for a
  date between the two the record's summary says so: a team arguing about a date in that
  window should address both dates.
- EO 14159 (signed 2025-01-20, 90 FR 8443) governs from 2025-01-20; EO 14148 revoked EO 13993
  the same day. No standalone DHS memo rescinding the 2021 Guidelines was found (UNVERIFIED).
"""

from __future__ import annotations

from typing import Any

_GUIDELINES_SOURCE = (
    "A. Mayorkas, Guidelines for the Enforcement of Civil Immigration Law (Sept. 30, 2021), "
    "ice.gov/doclib/news/guidelines-civilimmigrationlaw.pdf"
)
_GUIDELINES = "2021 Guidelines (Sept. 30, 2021)"

GUIDELINES_FACTORS: list[dict[str, str]] = [
    {
        "key": "national-security",
        "label": "Threat to national security (terrorism, espionage, or another "
        "national-security need)",
        "kind": "priority",
        "citation": f"{_GUIDELINES}, national-security priority",
    },
    {
        "key": "public-safety",
        "label": "Current threat to public safety, typically from serious criminal conduct, "
        "judged on the totality of the facts",
        "kind": "priority",
        "citation": f"{_GUIDELINES}, public-safety priority",
    },
    {
        "key": "border-security",
        "label": "Threat to border security: caught at the border or a port of entry trying to "
        "enter unlawfully, or in the United States after an unlawful entry after Nov. 1, 2020",
        "kind": "priority",
        "citation": f"{_GUIDELINES}, border-security priority",
    },
    # Mitigating factors the Guidelines tell officers to weigh. Wording to check against the
    # ice.gov copy (admins can edit these rows).
    {
        "key": "age",
        "label": "Advanced or tender age",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "lengthy-presence",
        "label": "Lengthy presence in the United States",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "health",
        "label": "A physical or mental condition requiring care or treatment",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "victim-or-witness",
        "label": "Victim of crime, or victim, witness or party in legal proceedings",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "family-impact",
        "label": "Impact of removal on family in the United States, such as the loss of a "
        "provider or caregiver",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "relief-eligibility",
        "label": "May be eligible for humanitarian protection or other immigration relief",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "public-service",
        "label": "Military or other public service of the person or their immediate family",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
    {
        "key": "rehabilitation",
        "label": "Time since an offense and evidence of rehabilitation",
        "kind": "mitigating",
        "citation": f"{_GUIDELINES}, mitigating factors",
    },
]

_INTERIM = "DHS interim priorities memo (Jan. 20, 2021; wording UNVERIFIED)"

INTERIM_FACTORS: list[dict[str, str]] = [
    {
        "key": "national-security",
        "label": "Engaged in or suspected of terrorism or espionage, or custody otherwise "
        "necessary to protect national security",
        "kind": "priority",
        "citation": f"{_INTERIM}, national-security priority",
    },
    {
        "key": "border-security",
        "label": "Caught at the border or a port of entry trying to enter unlawfully on or after "
        "Nov. 1, 2020, or not physically present in the United States before that date",
        "kind": "priority",
        "citation": f"{_INTERIM}, border-security priority",
    },
    {
        "key": "public-safety",
        "label": "Released from prison or jail after the memo, with an aggravated-felony "
        "conviction",
        "kind": "priority",
        "citation": f"{_INTERIM}, public-safety priority",
    },
]

DEFAULT_POLICY_REGIMES: list[dict[str, Any]] = [
    {
        "slug": "eo-13993-interim",
        "name": "EO 13993 and DHS interim enforcement priorities",
        "authority": "President (Exec. Order 13993); Acting Secretary of Homeland Security "
        "(interim priorities memo)",
        "effective_from": "2021-01-20",
        "effective_to": "2021-11-28",
        "source": "Exec. Order 13993, Revision of Civil Immigration Enforcement Policies and "
        "Priorities, 86 FR 7051 (Jan. 25, 2021), regulations.justia.com/regulations/fedreg/"
        "2021/01/25/2021-01768.html; D. Pekoske, Review of and Interim Revision to Civil "
        "Immigration Enforcement and Removal Policies and Priorities (Jan. 20, 2021), as "
        "described in Texas v. United States, No. 21-40618 (5th Cir. Sept. 15, 2021)",
        "summary": "EO 13993 revoked EO 13768 and ordered enforcement priorities reset. DHS's "
        "interim priorities (national security, border security, public safety) applied until "
        "the 2021 Guidelines took effect on 2021-11-29. They were enjoined nationwide in Texas v. "
        "United States (S.D. Tex. 2021) and the injunction was partly stayed by the Fifth "
        "Circuit on 2021-09-15: check the posture on the date before relying on them.",
        "factors": INTERIM_FACTORS,
    },
    {
        "slug": "dhs-guidelines-2021",
        "name": "Guidelines for the Enforcement of Civil Immigration Law (2021)",
        "authority": "Secretary of Homeland Security (memorandum of Sept. 30, 2021)",
        "effective_from": "2021-11-29",
        "effective_to": "2022-06-09",
        "source": f"{_GUIDELINES_SOURCE}; vacated by Texas v. United States, No. 6:21-cv-16 "
        "(S.D. Tex. June 10, 2022)",
        "summary": "Three priorities: national security, public safety (a current threat, "
        "judged on the totality of the facts with aggravating and mitigating factors) and "
        "border security (entry after Nov. 1, 2020). Vacated on 2022-06-10; press reports of a "
        "seven-day stay of that judgment are UNVERIFIED, so 2022-06-10 to about 2022-06-17 is "
        "uncertain.",
        "factors": GUIDELINES_FACTORS,
    },
    {
        "slug": "dhs-guidelines-2021-reinstated",
        "name": "Guidelines for the Enforcement of Civil Immigration Law (2021), reinstated",
        "authority": "Secretary of Homeland Security; United States v. Texas, 599 U.S. 670 (2023)",
        "effective_from": "2023-06-23",
        "effective_to": "2025-01-19",
        "source": f"{_GUIDELINES_SOURCE}; United States v. Texas, 599 U.S. 670 (decided June "
        "23, 2023; judgment issued July 25, 2023), supremecourt.gov/docket/docketfiles/html/"
        "public/22-58.html; EOIR DM 23-04 (Sept. 28, 2023)",
        "summary": "The Supreme Court held 8-1 on 2023-06-23 that the states lacked standing and "
        "reversed the vacatur; DHS said it would reinstate the Guidelines. The Court's judgment "
        "issued on 2023-07-25 (Sup. Ct. R. 45.3): for a date between the opinion and the "
        "judgment, address both dates. Ended when EO 14159 took effect on 2025-01-20.",
        "factors": GUIDELINES_FACTORS,
    },
    {
        "slug": "eo-14159",
        "name": "EO 14159, Protecting the American People Against Invasion",
        "authority": "President (Exec. Order 14159)",
        "effective_from": "2025-01-20",
        "effective_to": None,
        "source": "Exec. Order 14159, 90 FR 8443 (Jan. 29, 2025), signed Jan. 20, 2025; Exec. "
        "Order 14148 revoked EO 13993 the same day",
        "summary": "Policy: enforce the immigration laws against all inadmissible and removable "
        "aliens; § 4 lets ICE, CBP and USCIS set their own priorities, a de facto rescission of "
        "the 2021 Guidelines. No national priority categories limit enforcement, so an argument "
        "for a 2025 decision must not cite the 2021 Guidelines.",
        "factors": [],
    },
]
