"""API: the organisation's settings (its admin's page, as JSON) and its doubts about data."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from amparo.accounts.models import MAX_LOCATOR_RECHECK_HOURS, Organisation
from amparo.accounts.services import organisation_settings_update
from amparo.api.auth import member
from amparo.api.schemas import Input, not_null
from amparo.cases.doubts import data_doubts
from amparo.core.access import organisation_administered_by

router = Router(tags=["organisation"])


class OrganisationOut(Schema):
    id: uuid.UUID
    name: str
    slug: str
    time_zone: str
    locator_recheck_hours: int


class OrganisationPatch(Input):
    name: str = not_null(min_length=1, max_length=200)
    time_zone: str = not_null(max_length=64, description="IANA zone, e.g. America/Chicago")
    locator_recheck_hours: int = not_null(ge=1, le=MAX_LOCATOR_RECHECK_HOURS)


def _out(organisation: Organisation) -> dict[str, Any]:
    return {f: getattr(organisation, f) for f in OrganisationOut.model_fields}


@router.get("/organisation", response=OrganisationOut)
def get_organisation(request: HttpRequest, org: str | None = None) -> dict[str, Any]:
    """The settings of the organisation the caller administers (admins only; others 404)."""
    return _out(organisation_administered_by(member(request), slug=org))


@router.patch("/organisation", response=OrganisationOut)
def update_organisation(
    request: HttpRequest, payload: OrganisationPatch, org: str | None = None
) -> dict[str, Any]:
    """Change the name, time zone or locator re-check interval (hours, 1 to 720)."""
    actor = member(request)
    organisation = organisation_administered_by(actor, slug=org)
    organisation_settings_update(
        actor=actor, organisation=organisation, **payload.dict(exclude_unset=True)
    )
    return _out(organisation)


class DoubtOut(Schema):
    subject: str
    title: str
    explanation: str
    url: str
    case_id: uuid.UUID | None
    facility_id: uuid.UUID | None
    case_urls: list[str]


class DoubtList(Schema):
    items: list[DoubtOut]


@router.get("/data-doubts", response=DoubtList)
def list_data_doubts(request: HttpRequest, org: str | None = None) -> dict[str, Any]:
    """Doubts about the reference data behind the organisation's open cases (admins only)."""
    organisation = organisation_administered_by(member(request), slug=org)
    rows = data_doubts(request.user, organisation.id)
    return {"items": [{**vars(d), "case_urls": [url for _name, url in d.cases]} for d in rows]}
