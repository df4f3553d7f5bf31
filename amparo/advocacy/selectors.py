"""Reads for the public advocacy page and its management page.

The public page is built only from what is public by consent: the publication's own fields, the
entries written for the page, and statements the client agreed may be used in public. Nothing
else from the case (A-number, notes, documents, relatives, requests, criminal history) is read.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from amparo.advocacy.models import Publication, PublicEvent, Statement
from amparo.cases.models import Case
from amparo.custody.models import Placement


@dataclass(frozen=True)
class PublicItem:
    on: datetime.date
    text: str
    author: str = ""
    url: str = ""


@dataclass(frozen=True)
class PublicPage:
    name: str
    facility: str | None
    summary: str
    items: list[PublicItem]


def public_page(publication: Publication) -> PublicPage:
    """What the public page shows for a live publication (from `access.publication_live`)."""
    facility = None
    if publication.show_facility:
        placement = (
            Placement.objects.filter(case_id=publication.case_id, ended_at__isnull=True)
            .select_related("facility")
            .first()
        )
        if placement is not None:
            where = placement.facility
            facility = ", ".join(
                part for part in (where.name, where.city.title(), where.state) if part
            )
    items = [
        PublicItem(on=event.happened_on, text=event.text)
        for event in PublicEvent.objects.filter(publication=publication)
    ]
    zone = zoneinfo.ZoneInfo(publication.case.organisation.time_zone)
    statements = Statement.objects.filter(case_id=publication.case_id, publicity_consent=True)
    items += [
        PublicItem(
            on=statement.said_at.astimezone(zone).date(),
            text=statement.text or statement.get_kind_display(),
            author=statement.author_name,
            url=statement.url,
        )
        for statement in statements
    ]
    items.sort(key=lambda item: item.on)
    return PublicPage(
        name=publication.name_as_consented,
        facility=facility,
        summary=publication.summary,
        items=items,
    )


@dataclass(frozen=True)
class PublicationRecord:
    publication: Publication
    events: list[PublicEvent]


def case_publications(case: Case) -> list[PublicationRecord]:
    """Every publication of a case (live and withdrawn) with its public entries; the caller
    loaded the case through `access.case_for`."""
    publications = (
        Publication.objects.filter(case=case)
        .select_related("consent_recorded_by", "withdrawn_by")
        .prefetch_related("events")
    )
    return [PublicationRecord(p, list(p.events.all())) for p in publications]
