"""Input checking for case forms; never saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases.models import Case, DetentionBasis
from amparo.core.forms import AmparoForm

# Tags the escalation engine reads (amparo/relief/rules): they bring the TRO motion forward.
URGENT_TAGS = [
    ("transfer-imminent", _("Transfer imminent")),
    ("removal-imminent", _("Removal imminent")),
]


class CaseEditForm(AmparoForm):
    title = forms.CharField(max_length=200, label=_("Title"))
    status = forms.ChoiceField(choices=Case.Status.choices, label=_("Status"))
    detention_basis = forms.ChoiceField(
        choices=DetentionBasis.choices, required=False, label=_("Held under")
    )
    removal_period_began_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("Removal period began on"),
        help_text=_(
            "After a final order: the day the 90-day removal period began (INA 241(a)(1)(B))."
        ),
    )
    urgent = forms.MultipleChoiceField(
        choices=URGENT_TAGS, required=False, widget=forms.CheckboxSelectMultiple, label=_("Urgent")
    )
    other_tags = forms.CharField(
        required=False,
        label=_("Other tags"),
        help_text=_("Other labels, separated by commas."),
        max_length=300,
    )
    campaign = forms.CharField(required=False, max_length=120, label=_("Campaign"))
    closed_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        label=_("Closed on"),
        help_text=_("Required when the case is closed."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_case(cls, case: Case) -> CaseEditForm:
        urgent = {value for value, _ in URGENT_TAGS}
        return cls(
            initial={
                "title": case.title,
                "status": case.status,
                "detention_basis": case.detention_basis,
                "removal_period_began_on": case.removal_period_began_on,
                "urgent": [t for t in case.tags if t in urgent],
                "other_tags": ", ".join(t for t in case.tags if t not in urgent),
                "campaign": case.campaign,
                "closed_on": case.closed_on,
                "version": case.version,
            }
        )

    def changes(self) -> dict[str, object]:
        data = self.cleaned_data
        others = [t.strip() for t in data["other_tags"].split(",") if t.strip()]
        return {
            "title": data["title"],
            "status": data["status"],
            "detention_basis": data["detention_basis"],
            "removal_period_began_on": data["removal_period_began_on"],
            "tags": [*data["urgent"], *others],
            "campaign": data["campaign"],
            "closed_on": data["closed_on"],
        }
