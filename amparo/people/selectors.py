"""Reads about clients, always through `core.access`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from amparo.core.access import people_visible_to
from amparo.people.models import Person

if TYPE_CHECKING:
    from amparo.core.access import Actor


def person_list(user: Actor) -> QuerySet[Person]:
    return people_visible_to(user).order_by("family_name", "given_name")
