"""Errors services raise; the API and the views translate them to responses."""

from __future__ import annotations


class ConflictError(Exception):
    """Someone else changed the record since the caller read it (optimistic locking)."""

    def __init__(
        self, message: str = "This record was changed by someone else; reload it."
    ) -> None:
        super().__init__(message)
        self.message = message


class TransitionError(Exception):
    """The action is not allowed in the record's current state."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
