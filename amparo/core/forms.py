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


class EdgeFormMixin:
    """The edge checks of every Amparo form (see the module's docstring)."""

    bound_field_class: type[BoundField] | None = EdgeBoundField

    def _clean_fields(self) -> None:
        # Django's own loop (forms.BaseForm._clean_fields, Django 5.2) with the edge before each
        # field's checks, so an unstorable value never reaches a validator or a query.
        form: Any = self
        for name, bound in form._bound_items():
            field = bound.field
            problem = raw_problem(field, bound.initial if field.disabled else bound.data)
            if problem:
                form.add_error(name, ValidationError(problem, code="unstorable"))
                continue
            try:
                value = field._clean_bound_field(bound)
                when = date_problem(value) if isinstance(value, datetime.date) else None
                if when:
                    raise ValidationError(when, code="date_range")
                form.cleaned_data[name] = value
                if hasattr(form, f"clean_{name}"):
                    form.cleaned_data[name] = getattr(form, f"clean_{name}")()
            except ValidationError as error:
                form.add_error(name, error)


class AmparoForm(EdgeFormMixin, forms.Form):
    """The base of every plain form in Amparo."""


class AmparoModelForm(EdgeFormMixin, forms.ModelForm):
    """The base of every model form in Amparo."""
