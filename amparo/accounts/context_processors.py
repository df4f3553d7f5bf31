"""`may` in every template: which of the pages that a header link or a page's button leads to
the signed-in member may open. Templates ask `{% if may.take_in %}`; this asks the functions
that decide (core/access.py and the app's selectors), so a link is shown exactly to those the
page lets in. The roles are read once per request (core.middleware caches them on the user)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from django.http import HttpRequest

from amparo.core.access import WRITER_ROLES, roles_of
from amparo.exchange.selectors import exports_allowed, imports_allowed

if TYPE_CHECKING:
    from amparo.core.access import Actor


class May:
    """What `user` may open; each answer is worked out when a template first asks for it."""

    def __init__(self, user: Actor) -> None:
        self.user = user

    @cached_property
    def take_in(self) -> bool:
        """Rapid intake (`cases:intake`) writes a client into an organisation the user writes in
        (core.access.organisation_for with write=True)."""
        return any(role in WRITER_ROLES for role in roles_of(self.user).values())

    @cached_property
    def import_cases(self) -> bool:
        return imports_allowed(self.user)

    @cached_property
    def export_organisation(self) -> bool:
        return exports_allowed(self.user)


def may(request: HttpRequest) -> dict[str, May]:
    return {"may": May(request.user)}
