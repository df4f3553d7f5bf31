"""Reads about clients, always through `core.access`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from amparo.core.access import people_visible_to
from amparo.people.models import LifeEvent, Person, Relative

if TYPE_CHECKING:
    from amparo.core.access import Actor


def person_list(user: Actor) -> QuerySet[Person]:
    return people_visible_to(user).order_by("family_name", "given_name")


def person_relatives(person: Person) -> QuerySet[Relative]:
    """Relatives of a client the caller loaded through core.access."""
    return Relative.objects.filter(person=person).prefetch_related("life_events")


def person_life_events(person: Person) -> QuerySet[LifeEvent]:
    return LifeEvent.objects.filter(person=person).select_related("relative")


def relative_for(user: Actor, relative_id: object, *, write: bool = False) -> Relative:
    """A relative of a client the user may see (or change); Http404 otherwise."""
    import uuid

    from django.http import Http404

    from amparo.core.access import person_for

    try:
        pk = uuid.UUID(str(relative_id))
    except ValueError:
        raise Http404("No such record.") from None
    relative = Relative.objects.filter(pk=pk).values_list("person_id", flat=True).first()
    if relative is None:
        raise Http404("No such record.")
    person = person_for(user, relative, write=write)
    return Relative.objects.select_related("person").get(pk=pk, person=person)
