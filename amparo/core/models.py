"""The base every Amparo record builds on."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """UUID public id and creation/update times; ids never reveal how many records exist."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When Amparo recorded this."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When this record last changed."))

    class Meta:
        abstract = True
