"""Reads about clients, always through `core.access`."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from amparo.core.access import people_visible_to
from amparo.people.models import LifeEvent, Person, Relative

if TYPE_CHECKING:
    from amparo.core.access import Actor


def person_list(user: Actor) -> QuerySet[Person]:
    return people_visible_to(user).order_by("family_name", "given_name")


def person_relatives(user: Actor, person: Person) -> QuerySet[Relative]:
    """Relatives of a client the caller loaded through core.access (none for advocacy staff)."""
    from amparo.core.access import relatives_of

    return relatives_of(user, person).prefetch_related("life_events")


def relative_for(user: Actor, relative_id: object, *, write: bool = False) -> Relative:
    """A relative of a client the user may see (or change); Http404 otherwise."""
    import uuid

    from django.http import Http404

    from amparo.core.access import people_visible_to, person_for, relatives_of

    try:
        pk = uuid.UUID(str(relative_id))
    except ValueError:
        raise Http404("No such record.") from None
    people = people_visible_to(user).filter(relatives__id=pk).values_list("id", flat=True)
    person_id = people.first()
    if person_id is None:
        raise Http404("No such record.")
    person = person_for(user, person_id, write=write)
    relative = relatives_of(user, person).select_related("person").filter(pk=pk).first()
    if relative is None:
        raise Http404("No such record.")
    return relative


def urgency_suggestion(
    user: Actor, person: Person, *, today: datetime.date
) -> tuple[datetime.date, str] | None:
    """The earliest life event still ahead (a relative's due date, a surgery) as the urgency
    date and reason a new request for the client starts with: "wife due 12-10" makes a parole
    request moot after the birth. None when nothing is ahead or the role may not see family."""
    from amparo.core.access import sees_full_identity

    if not sees_full_identity(user, person.organisation_id):
        return None
    event = (
        LifeEvent.objects.filter(person=person, expected_on__gte=today, occurred_on__isnull=True)
        .select_related("relative")
        .order_by("expected_on")
        .first()
    )
    if event is None or event.expected_on is None:
        return None
    reason = event.description
    if event.relative is not None and event.relative.full_name not in reason:
        reason = f"{reason} ({event.relative.full_name})"
    return event.expected_on, reason
