"""The groups about the people: today, the organisation, the signing attorney, the client, the
family, life events and the case."""

from __future__ import annotations

import datetime
from typing import Any

from amparo.documents.context.format import country_name, long_date
from amparo.documents.context.sources import Sources
from amparo.people.identifiers import format_a_number
from amparo.people.models import Person


def today(s: Sources) -> Any:
    return long_date(s.now.astimezone(s.zone).date())


def organisation(s: Sources) -> dict[str, Any]:
    return {"name": s.case.organisation.name}


def attorney(s: Sources) -> dict[str, Any]:
    signer = s.case.lead_attorney or s.actor
    return {
        "name": signer.full_name if signer else None,
        "email": signer.email if signer else None,
    }


def client(s: Sources) -> dict[str, Any]:
    p = s.person
    labels = dict(Person.Vulnerability.choices)
    return {
        "full_name": p.full_name,
        "given_name": p.given_name,
        "family_name": p.family_name,
        "a_number": format_a_number(p.a_number) if p.a_number else None,
        "date_of_birth": long_date(p.date_of_birth),
        "country_of_birth": country_name(p.country_of_birth),
        "citizenship": ", ".join(filter(None, (country_name(c) for c in p.citizenships))) or None,
        "languages": ", ".join(p.languages) or None,
        "immigration_status": p.get_immigration_status_display().lower()
        if p.immigration_status != Person.ImmigrationStatus.OTHER
        else None,
        "status_since": long_date(p.status_since),
        "status_since_year": str(p.status_since.year) if p.status_since else None,
        "has_criminal_history": bool(p.has_criminal_history),
        "criminal_history": p.criminal_history_summary or None,
        "aliases": [str(a) for a in p.aliases or []],
        "vulnerabilities": [str(labels.get(v, v)) for v in p.vulnerabilities or []],
    }


def family(s: Sources) -> list[dict[str, Any]]:
    return [
        {
            "name": r.full_name,
            "relationship": r.get_relationship_display().lower(),
            "us_citizen": bool(r.is_us_citizen),
        }
        for r in s.relatives
    ]


def life_events(s: Sources) -> list[dict[str, Any]]:
    events = sorted(
        (e for e in s.life_events if e.on is not None),
        key=lambda e: e.on or datetime.date.min,
    )
    return [
        {
            "description": e.description,
            "date": long_date(e.on),
            "expected": e.occurred_on is None,
        }
        for e in events
    ]


def case(s: Sources) -> dict[str, Any]:
    return {
        "title": s.case.title,
        "reference": str(s.case.id)[:8],
        "opened_on": long_date(s.case.opened_on),
        "time_zone": str(s.zone.key),
    }
