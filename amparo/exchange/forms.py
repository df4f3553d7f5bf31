"""Input checking for the import pages (never saves)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import AmparoForm


class ImportUploadForm(AmparoForm):
    file = forms.FileField(
        label=_("Case file (CSV or XLSX)"),
        help_text=_("Columns as in the import guide; the first row names them."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        limit = int(getattr(settings, "AMPARO_UPLOAD_MAX_BYTES", 20 * 2**20))
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": limit // 2**20}
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload
