"""Helpers every service uses: validation that reports every field, and optimistic locking."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.core.errors import ConflictError
from amparo.core.records import filled_fields

__all__ = [
    "create_audited",
    "create_case_record",
    "filled_fields",
    "save_versioned",
    "validated_save",
]


def check_editable(changes: Mapping[str, Any], editable: Collection[str]) -> None:
    """Refuse fields this change may not touch, naming them (a caller's mistake, not bad input)."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise ValueError(
            _("Not editable here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )


def validated_save(instance: models.Model, *, update_fields: list[str] | None = None) -> None:
    """full_clean() then save; raises ValidationError naming each bad field before any write."""
    instance.full_clean()
    if update_fields is None:
        instance.save()
    else:
        instance.save(update_fields=[*update_fields, "updated_at"])


def save_versioned(instance: Any, *, expected_version: int | None, fields: list[str]) -> None:
    """Save `fields` only if nobody bumped `version` since the caller read it."""
    instance.full_clean()
    current = instance.version
    if expected_version is not None and expected_version != current:
        raise ConflictError()
    values = {name: getattr(instance, name) for name in fields}
    values["updated_at"] = instance.updated_at = timezone.now()
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=current)
        .update(**values, version=current + 1)
    )
    if updated != 1:
        raise ConflictError()
    instance.version = current + 1


def create_audited(
    instance: models.Model,
    *,
    actor: Any,
    action: str,
    organisation: Any,
    case_id: Any = None,
) -> None:
    """Validate and insert a new record and append its audit event, in the caller's
    transaction: the record and the trail commit together or not at all."""
    from amparo.audit.services import audit_record

    validated_save(instance)
    audit_record(
        actor=actor,
        action=action,
        organisation=organisation,
        case_id=case_id,
        obj=instance,
        changed_fields=filled_fields(instance),
    )


def create_case_record(instance: models.Model, *, actor: Any, action: str, case: Any) -> None:
    """`create_audited` for a record of `case`: validate, insert and append its audit event
    (`audit_case_write`) in the caller's transaction."""
    from amparo.audit.services import audit_case_write

    validated_save(instance)
    audit_case_write(actor, action, instance, case=case)


def update_case_record(
    instance: models.Model, *, actor: Any, action: str, fields: list[str], case: Any = None
) -> None:
    """Validate and save `fields` of a record of a case and append its audit event naming them
    (`audit_case_write`; `case` for a record that reaches its case another way), in the
    caller's transaction."""
    from amparo.audit.services import audit_case_write

    validated_save(instance, update_fields=fields)
    audit_case_write(actor, action, instance, changed_fields=fields, case=case)
