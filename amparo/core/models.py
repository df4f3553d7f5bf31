"""The base every Amparo record builds on."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class BaseModel(models.Model):
    """UUID public id and creation/update times; ids never reveal how many records exist."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When Amparo recorded this."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When this record last changed."))

    class Meta:
        abstract = True


def bounded_text(
    max_length: int, help_text: StrOrPromise = "", *, blank: bool = True
) -> models.TextField:
    """A text a person writes: no column limit, but a bound that every validated save checks
    (`full_clean`), so a pasted document cannot grow a record without end."""
    return models.TextField(
        blank=blank, help_text=help_text, validators=[MaxLengthValidator(max_length)]
    )
