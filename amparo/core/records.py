"""What a new record sets, by field name, for the audit trail (names only, never values). Kept
apart from `core/services.py` so the audit services can use it without an import cycle."""

from __future__ import annotations

from django.db import models


def filled_fields(instance: models.Model) -> list[str]:
    """Names of fields a new record sets, for the audit trail (names only, never values)."""
    return [
        f.name
        for f in instance._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at", "version"}
        and getattr(instance, f.attname) not in (None, "", [], False)
    ]
