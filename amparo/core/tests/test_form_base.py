"""Every form of the project derives from the house base (`core.forms.AmparoForm` or
`AmparoModelForm`), so none can skip the edge checks (NUL bytes, over-long values, dates outside
the years a legal file can hold)."""

from __future__ import annotations

import importlib
import pkgutil

from django import forms

import amparo
from amparo.core.forms import AmparoForm, AmparoModelForm, EdgeFormMixin


def _import_every_module() -> None:
    for module in pkgutil.walk_packages(amparo.__path__, "amparo."):
        name = module.name
        if ".tests" in name or ".migrations" in name or name.endswith(".conftest"):
            continue
        importlib.import_module(name)


def _subclasses(base: type) -> set[type]:
    found: set[type] = set()
    for child in base.__subclasses__():
        found |= {child} | _subclasses(child)
    return found


def project_forms() -> set[type]:
    """Every form class defined in the project's own modules (not its tests)."""
    _import_every_module()
    every = _subclasses(forms.BaseForm)
    return {
        cls
        for cls in every
        if cls.__module__.startswith("amparo.") and ".tests" not in cls.__module__
    } - {AmparoForm, AmparoModelForm}


def test_the_walk_finds_the_forms_of_every_app() -> None:
    names = {cls.__name__ for cls in project_forms()}
    assert {"IntakeForm", "NoteForm", "RequestForm", "StatementForm", "ImportUploadForm"} <= names


def test_every_form_of_the_project_derives_from_the_house_base() -> None:
    outside = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in project_forms()
        if not issubclass(cls, EdgeFormMixin)
    )
    assert outside == []
