"""Every form in Amparo refuses what cannot be stored, next to the field, with what was typed kept.

`install()` (run once by the core app) wraps Django's `forms.Field.clean`, so every form of every
app gets the check without inheriting from anything: a value with a NUL character or half of a
UTF-16 surrogate pair (PostgreSQL refuses both; SQLite would store the first), a value longer
than the edge allows, or a date outside the years a legal file can hold, becomes an ordinary
field error. The form is invalid, so the view re-renders it with everything typed and no service
runs. `core.edge.EdgeMiddleware` notes which refused values a form reported; anything a form did
not report (a value read straight from `request.POST`) is rolled back and answered with the
refusal page instead.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

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


_original_clean: Callable[..., Any] = forms.Field.clean


def _clean(self: forms.Field, value: Any, *args: Any, **kwargs: Any) -> Any:
    problem = raw_problem(self, value)
    if problem:
        raise ValidationError(problem, code="unstorable")
    cleaned = _original_clean(self, value, *args, **kwargs)
    if isinstance(cleaned, datetime.date):
        problem = date_problem(cleaned)
        if problem:
            raise ValidationError(problem, code="date_range")
    return cleaned


def shown(value: Any) -> Any:
    """A value as typed, fit to show again in the re-rendered form: a character that cannot be
    stored (nor sent as UTF-8) shows as the replacement mark, everything else is kept."""
    if isinstance(value, str):
        return UNSHOWABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [shown(item) for item in value]
    return value


_original_bound_data: Callable[..., Any] = forms.Field.bound_data


def _bound_data(self: forms.Field, data: Any, initial: Any) -> Any:
    return shown(_original_bound_data(self, data, initial))


def install() -> None:
    """Wrap `forms.Field.clean` and `forms.Field.bound_data` once (idempotent)."""
    if getattr(forms.Field.clean, "amparo_edge", False):
        return
    _clean.amparo_edge = True  # type: ignore[attr-defined]
    forms.Field.clean = _clean  # type: ignore[method-assign]
    forms.Field.bound_data = _bound_data  # type: ignore[method-assign]
