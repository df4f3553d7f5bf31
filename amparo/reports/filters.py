"""The filters every report takes, read from a query string or the command line."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ReportFilters:
    since: datetime.date | None = None
    until: datetime.date | None = None
    field_office: str = ""  # ICE field office (AOR) code, e.g. NOL
    request_type: str = ""  # request type slug, e.g. humanitarian-parole
    campaign: str = ""
    attorney: uuid.UUID | None = None  # the cases' lead attorney
    organisation: uuid.UUID | None = None  # command line only: one organisation's cases

    def query(self) -> dict[str, str]:
        """The filters as query-string values (for export links)."""
        values = {
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
            "field_office": self.field_office,
            "request_type": self.request_type,
            "campaign": self.campaign,
            "attorney": str(self.attorney) if self.attorney else "",
        }
        return {k: v for k, v in values.items() if v}


def _date(data: Mapping[str, str], name: str, errors: dict[str, str]) -> datetime.date | None:
    value = (data.get(name) or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Give a date as YYYY-MM-DD.")
        return None


def filters_from(data: Mapping[str, str]) -> ReportFilters:
    """Parse filters; raises ValidationError naming each bad field."""
    filters, errors = filters_as_typed(data)
    if errors:
        raise ValidationError(errors)
    return filters


def filters_as_typed(data: Mapping[str, str]) -> tuple[ReportFilters, dict[str, list[str]]]:
    """The filters that parse, and a message for each that does not (the page shows the form
    again as typed, beside its errors, and no numbers)."""
    errors: dict[str, str] = {}
    since, until = _date(data, "since", errors), _date(data, "until", errors)
    if since and until and until < since:
        errors["until"] = _("The end date is before the start date.")
    attorney = None
    if data.get("attorney"):
        try:
            attorney = uuid.UUID(str(data["attorney"]))
        except ValueError:
            errors["attorney"] = _("Choose an attorney from the list.")
    filters = ReportFilters(
        since=since,
        until=until,
        field_office=(data.get("field_office") or "").strip().upper()[:3],
        request_type=(data.get("request_type") or "").strip()[:60],
        campaign=(data.get("campaign") or "").strip()[:120],
        attorney=attorney,
    )
    return filters, {name: [message] for name, message in errors.items()}
