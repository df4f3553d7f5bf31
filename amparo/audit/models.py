"""The append-only audit trail."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.models import BaseModel

# The chain of events that belong to no organisation (failed sign-ins for unknown addresses,
# organisations being created, …). Its lock row is also the sealers' lock: one sealer at a time.
SYSTEM_CHAIN = "system"
# Events sealed before every column was hashed (user agent, order, hash version) verify with the
# older field list; every event recorded since is sealed with version 2.
HASH_VERSION = 2


class AppendOnlyError(RuntimeError):
    """Raised by every path that would change or remove an audit event."""


class NumberedOnInsert(models.PositiveBigIntegerField):
    """A number the INSERT itself takes (`audit.services._next_sequence`) and hands back with
    RETURNING, so recording an event is one statement: no round trip to read the number first.
    The column is a plain positive bigint, as migrations know it."""

    @property
    def db_returning(self) -> bool:
        from django.db import connection

        return bool(connection.features.can_return_columns_from_insert)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveBigIntegerField", args, kwargs


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Reads only: bulk updates and deletes are refused before they reach the database."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only.")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only.")


class AuditEvent(BaseModel):
    """One read, write, export, download or sign-in.

    Recording is one plain INSERT that takes the next number of a database-wide sequence itself;
    no other row is read or locked. The sealer (`audit.sealing`) later gives each event its
    position in its organisation's chain and the hash linking it to the event before, in the
    order they committed.
    """

    # The hash covers created_at, so it is set before hashing rather than by auto_now_add.
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = None  # type: ignore[assignment]
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=60, help_text=_("E.g. case.read, request.submit."))
    case_id = models.UUIDField(null=True, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changed_fields = models.JSONField(
        default=list, blank=True, help_text=_("Names of changed fields, never their values.")
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    sequence = NumberedOnInsert(
        unique=True, help_text=_("Order of recording, database-wide; gaps carry no meaning.")
    )
    position = models.PositiveBigIntegerField(
        null=True, blank=True, help_text=_("Place in the organisation's chain; empty until sealed.")
    )
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)
    hash_version = models.PositiveSmallIntegerField(default=HASH_VERSION)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "position"], name="audit_position_unique_per_organisation"
            ),
            # NULLs are distinct in a unique constraint, so the system chain needs its own.
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(organisation__isnull=True),
                name="audit_position_unique_in_system_chain",
            ),
        ]
        indexes = [
            models.Index(
                fields=["sequence"],
                condition=Q(position__isnull=True),
                name="audit_unsealed",
            )
        ]

    @property
    def sealed(self) -> bool:
        return self.position is not None

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id} at {self.created_at}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only.")


class AuditChainLock(models.Model):
    """A row the sealer locks, so two sealers never extend the same chain at once."""

    key = models.CharField(max_length=40, primary_key=True)

    def __str__(self) -> str:
        return self.key
