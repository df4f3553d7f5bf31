"""Every text field has a maximum length, in the model, the form and the API schema alike, and
an over-long value is refused by field, never stored and never a 500."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models

import amparo
from amparo.api.main import api
from amparo.conftest import Cast, api_client_for

# Fields whose text has a structure of its own: a time, an id, a choice.
STRUCTURED = (forms.UUIDField, forms.URLField, forms.DateTimeField, forms.DateField)


def _limit(field: models.Field[Any, Any]) -> int | None:
    if field.max_length:
        return int(field.max_length)
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return int(limits[0]) if limits else None


def test_every_text_field_of_every_model_has_a_maximum_length() -> None:
    checked, missing = 0, []
    for model in apps.get_models():
        if not model.__module__.startswith("amparo."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField):
                checked += 1
                if _limit(field) is None:
                    missing.append(f"{model._meta.label}.{field.name}")
    assert checked > 100
    assert not missing, "text fields without a maximum length: " + ", ".join(missing)


def _form_classes() -> Iterator[type[forms.Form]]:
    for info in pkgutil.walk_packages(amparo.__path__, "amparo."):
        if not info.name.endswith("forms") or ".tests" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__ == info.name:
                yield cls


def test_every_text_box_of_every_form_has_a_maximum_length() -> None:
    checked, missing = 0, []
    for form in _form_classes():
        for name, field in form.base_fields.items():
            if type(field) is forms.CharField or (
                isinstance(field, forms.CharField) and not isinstance(field, STRUCTURED)
            ):
                if field.__class__.__name__ == "ZonedDateTimeField":
                    continue
                checked += 1
                if field.max_length is None:
                    missing.append(f"{form.__module__}.{form.__name__}.{name}")
    assert checked > 50
    assert not missing, "form text boxes without a maximum length: " + ", ".join(missing)


def _strings(node: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield where, node
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, where)


def test_every_text_the_api_takes_has_a_maximum_length() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    components = schema["components"]["schemas"]
    inputs = [name for name in components if name.endswith(("In", "Patch"))]
    checked, missing = 0, []
    for name in inputs:
        for where, node in _strings(components[name], name):
            if "enum" in node or node.get("format") in {"date", "date-time", "uuid", "binary"}:
                continue
            checked += 1
            if "maxLength" not in node:
                missing.append(where)
    assert checked > 50
    assert not missing, "API inputs without a maximum length: " + ", ".join(missing)


@pytest.mark.django_db
def test_an_over_long_value_is_a_422_naming_the_field_and_nothing_is_saved(cast: Cast) -> None:
    person = cast.case.person
    answer = api_client_for(cast.attorney).patch(
        f"/api/v1/people/{person.id}",
        {"version": person.version, "given_name": "Ana", "family_name": "R" * 121},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert list(answer.json()["error"]["fields"]) == ["family_name"]
    person.refresh_from_db()
    assert person.family_name != "R" * 121
