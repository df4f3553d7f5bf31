"""The house forms: every form in Amparo derives from `AmparoForm` (or `AmparoModelForm`), so it
refuses what cannot be stored next to the field, with what was typed kept.

A value with a NUL character or half of a UTF-16 surrogate pair (PostgreSQL refuses both; SQLite
would store the first), a value longer than the edge allows, or a date outside the years a legal
file can hold, becomes an ordinary field error before the field's own checks, `clean_<field>` or
`clean()` see it. The form is invalid, so the view re-renders it with everything typed and no
service runs. `core.edge.EdgeMiddleware` notes which refused values a form reported; anything a
form did not report (a value read straight from `request.POST`, or a form of a library) is
rolled back and answered with the refusal page instead. A test walks every form class in the
project and fails on one that does not derive from the base.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

from amparo.core.edge import date_problem, report_refused, text_problem

UNSHOWABLE = re.compile("[\x00\ud800-\udfff]")


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)


def raw_problem(field: forms.Field, value: Any) -> str | None:
    """Why a value as typed cannot reach the field's own checks, or None. A value over the
    edge's limit is told the field's own maximum length, when it has one."""
    for text in _texts(value):
        problem = text_problem(text, shown_limit=getattr(field, "max_length", None))
        if problem:
            report_refused(text)
            return problem
    return None


def shown(value: Any) -> Any:
    """A value as typed, fit to show again in the re-rendered form: a character that cannot be
    stored (nor sent as UTF-8) shows as the replacement mark, everything else is kept."""
    if isinstance(value, str):
        return UNSHOWABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [shown(item) for item in value]
    return value


class EdgeBoundField(BoundField):
    """A field shown again as typed, with any character that cannot be sent replaced."""

    def value(self) -> Any:
        return shown(super().value())


def guard_field(field: forms.Field) -> None:
    """Put the edge checks around one field's `clean` (Django's public `Field.clean(value)`,
    which every form calls for each field, `clean_<field>` and `clean()` after it): an
    unstorable value is refused before the field's own checks, so it never reaches a validator
    or a query, and a date outside the years a file can hold is refused after them. The guard
    is the field's own attribute; the field is the form's copy (`form.fields` is deep-copied
    for each form), so the class and other forms are untouched. Guarding twice does nothing."""
    if "clean" in vars(field):
        return
    checks = field.clean

    def clean(value: Any, *args: Any) -> Any:
        # `*args`: a file field is also given what it held before (`FileField.clean(data,
        # initial)`). A disabled field is given its initial value, as Django does.
        problem = raw_problem(field, value)
        if problem:
            raise ValidationError(problem, code="unstorable")
        cleaned = checks(value, *args)
        when = date_problem(cleaned) if isinstance(cleaned, datetime.date) else None
        if when:
            raise ValidationError(when, code="date_range")
        return cleaned

    field.clean = clean  # type: ignore[method-assign]


class EdgeFormMixin:
    """The edge checks of every Amparo form (see the module's docstring)."""

    bound_field_class: type[BoundField] | None = EdgeBoundField

    def full_clean(self) -> None:
        # Every field is guarded when the form is cleaned, not when it is made, so a field a
        # form's `__init__` adds after Django's is guarded too.
        form: Any = self
        for field in form.fields.values():
            guard_field(field)
        super().full_clean()  # type: ignore[misc]


class AmparoForm(EdgeFormMixin, forms.Form):
    """The base of every plain form in Amparo."""


class AmparoModelForm(EdgeFormMixin, forms.ModelForm):
    """The base of every model form in Amparo."""
