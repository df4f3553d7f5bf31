"""`{{ step|phrase }}`: a stored text (amparo/core/phrases.py) in the reader's language; text saved
before phrases existed shows as it was written."""

from __future__ import annotations

from typing import Any

from django import template

from amparo.core.phrases import read

register = template.Library()


@register.filter
def phrase(value: Any) -> str:
    return read(value)
