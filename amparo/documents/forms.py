"""Input checking for the documents panel and the template page; views hand clean data to
services, which check the file itself."""

from __future__ import annotations

from django import forms
from django.conf import settings

from amparo.core.forms import AmparoForm
from amparo.documents.builtin import TEMPLATES
from amparo.documents.services import FORMATS, UPLOAD_KINDS, upload_kind_label


def template_choices() -> list[tuple[str, str]]:
    return [(spec.slug, spec.shown_title) for spec in TEMPLATES.values()]


def upload_kind_choices() -> list[tuple[str, str]]:
    return [(kind, upload_kind_label(kind)) for kind in UPLOAD_KINDS]


class GenerateForm(AmparoForm):
    template = forms.ChoiceField(choices=template_choices)
    format = forms.ChoiceField(choices=[(f, f.upper()) for f in FORMATS], initial="docx")
    # The letter to the family and the press statement come in Spanish and Arabic too.
    language = forms.ChoiceField(choices=settings.LANGUAGES, initial="en", required=False)


class UploadForm(AmparoForm):
    kind = forms.ChoiceField(choices=upload_kind_choices)
    title = forms.CharField(max_length=200, required=False)
    privileged = forms.BooleanField(required=False, initial=True)
    file = forms.FileField()


class TemplateUploadForm(AmparoForm):
    slug = forms.ChoiceField(choices=template_choices)
    note = forms.CharField(max_length=300, required=False)
    file = forms.FileField()
