"""Reads about documents and templates for views, the API and the command line.

Documents belong to a case and are reached through `core.access`; privileged documents are
hidden from roles that may not see privileged material (advocacy staff) exactly as if they did
not exist. Templates: the built-in ones, and each organisation's own versions.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from amparo.cases.models import Case
from amparo.core.access import (
    can_see_privileged,
    case_item_for,
    cases_visible_to,
    privileged_filtered,
)
from amparo.documents.builtin import BUILTIN_VERSION, TEMPLATES, ShownTexts, TemplateSpec
from amparo.documents.fields import FIX_PLACES
from amparo.documents.models import Document, DocumentTemplate
from amparo.documents.templating import MissingItem
from amparo.people.identifiers import normalise_a_number

if TYPE_CHECKING:
    from amparo.core.access import Actor


def document_list(user: Actor, case: Case) -> list[Document]:
    """The case's documents the user may see, newest first (`case` loaded through the gate)."""
    documents = Document.objects.filter(case=case).select_related("created_by", "template")
    return list(privileged_filtered(user, case, documents).order_by("-created_at", "-version"))


def document_get(user: Actor, document_id: Any) -> Document:
    """A document of a case the user may see; Http404 as for any hidden record."""
    document = case_item_for(user, Document, document_id)
    if document.privileged and not can_see_privileged(user, document.case):
        raise Http404("No such record.")
    return document


def download_name(document: Document) -> str:
    """The file name offered on download: the title and version, never a client's name."""
    slug = document.template_slug or document.evidence_kind or document.kind
    return f"{slug}-v{document.version}.{document.extension}"


# --- templates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedTemplate:
    """The template file a document for one organisation is made from."""

    spec: TemplateSpec
    data: bytes
    checksum: str
    label: str  # "built-in 2026.1" or "organisation v3"
    row: DocumentTemplate | None


def template_active(organisation_id: uuid.UUID, slug: str) -> DocumentTemplate | None:
    return (
        DocumentTemplate.objects.filter(organisation_id=organisation_id, slug=slug, active=True)
        .order_by("-version")
        .first()
    )


def template_for(organisation_id: uuid.UUID, slug: str) -> ResolvedTemplate:
    """The organisation's active version of `slug`, else the built-in one (KeyError if the
    slug is unknown)."""
    spec = TEMPLATES[slug]
    row = template_active(organisation_id, slug)
    if row is None:
        return ResolvedTemplate(
            spec, spec.data(), spec.checksum(), f"built-in {BUILTIN_VERSION}", None
        )
    with row.file.open("rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != row.checksum:
        raise ValueError(gettext("The stored template file does not match its checksum."))
    return ResolvedTemplate(spec, data, row.checksum, f"organisation v{row.version}", row)


def template_versions(organisation_id: uuid.UUID) -> QuerySet[DocumentTemplate]:
    return (
        DocumentTemplate.objects.filter(organisation_id=organisation_id)
        .select_related("uploaded_by")
        .order_by("slug", "-version")
    )


@dataclass(frozen=True)
class TemplateRow(ShownTexts):
    slug: str
    title: str
    description: str
    formats: list[str]
    source: str  # "built-in" or "organisation"
    version: str
    fields: list[str]
    variant_of: str = ""  # the English template this one writes in another language
    languages: tuple[str, ...] = ("en",)  # the languages the paper can be generated in


def template_rows(organisation_id: uuid.UUID | None) -> list[TemplateRow]:
    """Every template slug with the version an organisation would use now."""
    rows = []
    active = (
        {
            t.slug: t
            for t in DocumentTemplate.objects.filter(organisation_id=organisation_id, active=True)
        }
        if organisation_id
        else {}
    )
    for spec in TEMPLATES.values():
        own = active.get(spec.slug)
        rows.append(
            TemplateRow(
                slug=spec.slug,
                title=spec.title,
                description=spec.description,
                formats=["docx", "pdf"] if spec.pdf else ["docx"],
                source="organisation" if own else "built-in",
                version=f"v{own.version}" if own else BUILTIN_VERSION,
                fields=sorted(own.fields) if own else sorted(spec.fields()),
                variant_of=spec.variant_of,
                languages=(
                    "en",
                    *(v.language for v in TEMPLATES.values() if v.variant_of == spec.slug),
                ),
            )
        )
    return rows


# --- missing data -------------------------------------------------------------------------------


def fix_url(case: Case, fix: str) -> str:
    """Absolute link to where the data behind a missing field is completed."""
    target = FIX_PLACES.get(fix, ("", ""))[1]
    base = getattr(settings, "AMPARO_BASE_URL", "").rstrip("/")
    if fix == "none":
        return ""
    if fix == "client":
        # The client's own details have their form (cases:client), reached from the summary.
        return base + reverse("cases:client", kwargs={"case_id": case.id})
    if target == "publication":
        try:
            return base + reverse("advocacy:publication", kwargs={"case_id": case.id})
        except NoReverseMatch:
            target = ""
    return base + reverse("cases:detail", kwargs={"case_id": case.id}) + target


def missing_report(case: Case, items: list[MissingItem]) -> list[dict[str, Any]]:
    """What a document lacks, each with where to fix it (JSON-ready)."""
    return [
        {
            "field": item.field,
            "description": item.description,
            "unknown_field": item.unknown,
            "fix": FIX_PLACES.get(item.fix, ("", ""))[0],
            "fix_url": fix_url(case, item.fix),
        }
        for item in items
    ]


# --- the command line ---------------------------------------------------------------------------


class CaseLookupError(LookupError):
    """No case, or more than one, for what was typed (message safe to print)."""


def case_by_reference(reference: str, *, user: Actor | None = None) -> Case:
    """A case by its id or by its client's A-number in any accepted form. With `user`, only
    cases that user may see; without, any case (the command line runs as the operator)."""
    scope = cases_visible_to(user) if user is not None else Case.objects.all()
    scope = scope.select_related("person", "organisation", "lead_attorney")
    text = reference.strip()
    try:
        case_id = uuid.UUID(text)
    except ValueError:
        case_id = None
    if case_id is not None:
        found = scope.filter(id=case_id).first()
        if found is None:
            raise CaseLookupError("No case with that id.")
        return found
    try:
        digits = normalise_a_number(text)
    except Exception:
        raise CaseLookupError(
            "CASE is a case id or an A-number (e.g. A 012-345-678); this is neither."
        ) from None
    cases = list(scope.filter(person__a_number=digits).order_by("-opened_on"))
    if not cases:
        raise CaseLookupError("No case for that A-number.")
    open_cases = [c for c in cases if c.status != Case.Status.CLOSED] or cases
    if len(open_cases) > 1:
        listed = "; ".join(
            f"{c.id} ({c.organisation.slug}, opened {c.opened_on}, {c.status})" for c in open_cases
        )
        raise CaseLookupError(f"That A-number has several cases; give a case id: {listed}.")
    return open_cases[0]


@dataclass(frozen=True)
class OutOfVenue:
    """A generated court paper made for a district the client is no longer held in."""

    made_for: str  # the district in words, as the paper names it
    held_in: str  # the district of confinement now


_DISTRICT_COURT = re.compile(r"^United States District Court for the (?P<district>.+)$", re.I)


def _district_words(name: str) -> str:
    found = _DISTRICT_COURT.match(name)
    return found.group("district") if found else name


def documents_out_of_venue(case: Case, documents: list[Document]) -> dict[uuid.UUID, OutOfVenue]:
    """The generated papers among `documents` whose court (the snapshot they were made from)
    is not the district of confinement now: a habeas petition must be filed in the district
    where the client is held when it is filed (28 U.S.C. § 2241(a); Rumsfeld v. Padilla, 542
    U.S. 426 (2004)). A paper with a docket number was filed and keeps its court (Ex parte
    Endo, 323 U.S. 283 (1944)). One read of the current placement, none per document."""
    from amparo.relief.selectors import current_placement, facility_venue

    made: dict[uuid.UUID, dict[str, Any]] = {}
    for document in documents:
        data = document.data if document.kind == Document.Kind.GENERATED else None
        court = data.get("court") if isinstance(data, dict) else None
        if isinstance(court, dict) and court.get("name") and not court.get("docket_number"):
            made[document.id] = court
    if not made:
        return {}
    placement = current_placement(case)
    venue = facility_venue(placement.facility) if placement is not None else None
    if venue is None or venue.court is None:
        return {}
    now = venue.court.name
    return {
        document_id: OutOfVenue(
            made_for=court.get("district") or _district_words(court["name"]),
            held_in=_district_words(now),
        )
        for document_id, court in made.items()
        if court["name"] != now
    }
