"""Reads about requests, always through `core.access`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amparo.core.access import case_item_for
from amparo.relief.models import Request

if TYPE_CHECKING:
    from amparo.core.access import Actor


def request_get(user: Actor, request_id: Any, *, write: bool = False) -> Request:
    """A request of a case the user may see (or change), with its type and decision loaded."""
    request = case_item_for(user, Request, request_id, write=write)
    return Request.objects.select_related("request_type", "decision", "case").get(pk=request.pk)
