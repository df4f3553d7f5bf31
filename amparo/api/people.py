"""API: clients."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from amparo.api.auth import member
from amparo.api.presenters import person_out
from amparo.api.schemas import PersonIn, PersonList, PersonOut, PersonPatch
from amparo.core.access import organisation_for, person_for
from amparo.people.selectors import person_list
from amparo.people.services import person_create, person_update

router = Router(tags=["people"])


@router.get("/people", response=PersonList)
def list_people(request: HttpRequest) -> dict[str, object]:
    return {"items": [person_out(request.user, p) for p in person_list(request.user)[:500]]}


@router.post("/people", response={201: PersonOut})
def create_person(request: HttpRequest, payload: PersonIn) -> Status:
    organisation = organisation_for(request.user, write=True)
    person = person_create(actor=member(request), organisation=organisation, **payload.dict())
    return Status(201, person_out(request.user, person))


@router.patch("/people/{person_id}", response=PersonOut)
def update_person(request: HttpRequest, person_id: str, payload: PersonPatch) -> dict[str, object]:
    """Correct the client's own details; only the fields sent change."""
    person = person_for(request.user, person_id, write=True)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    person_update(actor=member(request), person=person, expected_version=version, **changes)
    return person_out(request.user, person)
