"""Reports across all of an organisation's cases. Reads only through `core.access`, so a report
never counts another organisation's cases; every number is computed by the database."""

from amparo.reports.selectors.campaign import campaign_summary, campaigns
from amparo.reports.selectors.custody import (
    arrest_to_first_decision,
    congressional_response,
    detention_length,
    habeas_to_first_order,
    transfers_per_case,
    transfers_per_facility,
)
from amparo.reports.selectors.decisions import (
    AGENCY_COUNTS,
    agency_answers,
    denials_without_reasons,
    outcomes,
    turnaround,
)
from amparo.reports.selectors.scope import filter_choices

__all__ = [
    "AGENCY_COUNTS",
    "agency_answers",
    "arrest_to_first_decision",
    "campaign_summary",
    "campaigns",
    "congressional_response",
    "denials_without_reasons",
    "detention_length",
    "filter_choices",
    "habeas_to_first_order",
    "outcomes",
    "transfers_per_case",
    "transfers_per_facility",
    "turnaround",
]
