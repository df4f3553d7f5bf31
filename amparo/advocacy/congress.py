"""Members of Congress from the public congress-legislators YAML files
(github.com/unitedstates/congress-legislators): `legislators-current.yaml` gives each member's
current term (chamber, state, district, party, Washington office, contact form) and
`legislators-district-offices.yaml` their offices at home. Idempotent: a second run of the same
files changes nothing. Caseworker names and e-mails are not in these files; teams add them.

A snapshot of both files ships in `data/congress.json` (built by
scripts/build_congress_snapshot.py, dated inside), so a new installation finds its members
without a download; `congress_import` of newer files updates it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from amparo.advocacy.models import CongressionalOffice

SNAPSHOT = Path(__file__).parent / "data" / "congress.json"


class CongressImportError(Exception):
    """The file is not in the congress-legislators format; nothing was written."""


@dataclass
class CongressImportReport:
    kind: str  # "legislators" or "district offices"
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    unknown_members: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # values left out, and why


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CongressImportError(f"cannot read {path.name}: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise CongressImportError(f"{path.name}: expected a list of members")
    return data


def _bioguide(entry: dict[str, Any], number: int) -> str:
    bioguide = (entry.get("id") or {}).get("bioguide")
    if not bioguide:
        raise CongressImportError(f"entry {number}: no id.bioguide")
    return str(bioguide)


def _member_values(entry: dict[str, Any], number: int) -> dict[str, Any]:
    terms = entry.get("terms") or []
    if not terms:
        raise CongressImportError(f"entry {number}: no terms")
    term = terms[-1]  # the files list terms oldest first; the last is the current one
    name = entry.get("name") or {}
    full = name.get("official_full") or " ".join(
        p for p in (name.get("first"), name.get("last")) if p
    )
    if term.get("type") not in {"sen", "rep"} or not term.get("state") or not full:
        raise CongressImportError(f"entry {number}: the last term needs type, state and a name")
    senate = term["type"] == "sen"
    return {
        "member_name": str(full),
        "chamber": CongressionalOffice.Chamber.SENATE
        if senate
        else CongressionalOffice.Chamber.HOUSE,
        "state": str(term["state"]),
        "district": "" if senate else str(term.get("district", "")),
        "party": str(term.get("party") or ""),
        "phone": str(term.get("phone") or ""),
        "address": str(term.get("address") or "")[:300],
        "contact_form": str(term.get("contact_form") or "")[:300],
        "website": str(term.get("url") or "")[:300],
    }


def _office_values(entry: dict[str, Any]) -> dict[str, Any]:
    offices = []
    for office in entry.get("offices") or []:
        street = ", ".join(
            str(office[k]) for k in ("address", "suite", "building") if office.get(k)
        )
        offices.append(
            {
                "id": str(office.get("id", "")),
                "address": street,
                "city": str(office.get("city", "")),
                "state": str(office.get("state", "")),
                "zip": str(office.get("zip", "")),
                "phone": str(office.get("phone", "")),
            }
        )
    return {"district_offices": offices}


class _Upserts:
    """Members read once by id, written in two statements: a snapshot holds about 540."""

    def __init__(self, report: CongressImportReport) -> None:
        self.report = report
        self.known = {
            m.bioguide_id: m for m in CongressionalOffice.objects.filter(bioguide_id__isnull=False)
        }
        self.new: list[CongressionalOffice] = []
        self.made: set[str] = set()
        self.changed: dict[str, CongressionalOffice] = {}
        self.fields: set[str] = set()

    def apply(self, bioguide: str, values: dict[str, Any], *, create: bool) -> None:
        member = self.known.get(bioguide)
        if member is None:
            if not create:
                self.report.unknown_members.append(bioguide)
                return
            member = CongressionalOffice(bioguide_id=bioguide, **values)
            member.full_clean(validate_unique=False)  # one member per id: `known` holds it
            self.known[bioguide] = member
            self.new.append(member)
            self.made.add(bioguide)
            self.report.added.append(str(member))
            return
        differs = [name for name, value in values.items() if getattr(member, name) != value]
        if not differs:
            self.report.unchanged += 1
            return
        for name in differs:
            setattr(member, name, values[name])
        member.full_clean(validate_unique=False)
        if bioguide not in self.made:  # a member made by this run is inserted as it is now
            self.changed[bioguide] = member
            self.fields.update(differs)
        self.report.changed.append(f"{member}: {', '.join(differs)}")

    def write(self) -> None:
        CongressionalOffice.objects.bulk_create(self.new)
        if self.changed:
            now = timezone.now()
            for member in self.changed.values():
                member.updated_at = now
            CongressionalOffice.objects.bulk_update(
                list(self.changed.values()), [*sorted(self.fields), "updated_at"]
            )


@transaction.atomic
def congress_import(*, path: Path) -> CongressImportReport:
    """Upsert members (legislators-current) or their home offices (legislators-district-offices),
    told apart by their entries' keys. Raises CongressImportError, writing nothing."""
    entries = _load(path)
    offices = bool(entries) and "offices" in entries[0] and "terms" not in entries[0]
    return _import_entries(entries, offices=offices)


@transaction.atomic
def congress_load_snapshot() -> list[CongressImportReport]:
    """Upsert the shipped snapshot's members, then their home offices (idempotent)."""
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return [
        _import_entries(snapshot["legislators"], offices=False),
        _import_entries(snapshot["district_offices"], offices=True),
    ]


def snapshot_date() -> str:
    """The day the shipped snapshot was taken from its source (YYYY-MM-DD)."""
    return str(json.loads(SNAPSHOT.read_text(encoding="utf-8"))["date"])


def _drop_bad_links(report: CongressImportReport, bioguide: str, values: dict[str, Any]) -> None:
    """A malformed link in the files (the June 2026 snapshot has `hhttps://…`) is left out,
    and said so, instead of refusing the whole file: the member is still reachable."""
    check = URLValidator()
    for name in ("contact_form", "website"):
        if not values[name]:
            continue
        try:
            check(values[name])
        except ValidationError:
            report.dropped.append(f"{bioguide}: {name} {values[name]!r}")
            values[name] = ""


def _import_entries(entries: list[dict[str, Any]], *, offices: bool) -> CongressImportReport:
    report = CongressImportReport("district offices" if offices else "legislators")
    upserts = _Upserts(report)
    for number, entry in enumerate(entries, start=1):
        bioguide = _bioguide(entry, number)
        try:
            if offices:
                upserts.apply(bioguide, _office_values(entry), create=False)
            else:
                values = _member_values(entry, number)
                _drop_bad_links(report, bioguide, values)
                upserts.apply(bioguide, values, create=True)
        except ValidationError as exc:
            raise CongressImportError(f"entry {number} ({bioguide}): {exc.messages}") from None
    upserts.write()
    return report
