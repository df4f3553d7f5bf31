"""The data a document template is rendered with, read from one case.

`case_context(case, actor=…)` returns the fields declared in `fields.py`, as plain JSON-ready
values: text, numbers, yes/no, lists. A value the case does not have is None (or an empty list),
never a placeholder; `templating` turns those into missing-data reports. The caller has loaded
`case` through `core.access`; `sources.py` reads everything once, and one builder per group of
fields (`people`, `custody`, `court`, `relief`, `advocacy`) turns the records into values.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from amparo.cases.models import Case
from amparo.documents.context import advocacy, court, custody, people, relief
from amparo.documents.context.sources import Sources, load_sources
from amparo.documents.fields import GROUPS

if TYPE_CHECKING:
    from amparo.accounts.models import User

# One builder per group of fields, in the order fields.py declares the groups.
BUILDERS: dict[str, Callable[[Sources], Any]] = {
    "today": people.today,
    "organisation": people.organisation,
    "attorney": people.attorney,
    "client": people.client,
    "family": people.family,
    "life_events": people.life_events,
    "case": people.case,
    "custody": custody.custody,
    "venue": custody.venue,
    "court": court.court,
    "respondents": court.respondents,
    "court_order": court.court_order,
    "parole": relief.parole,
    "decision": relief.decision,
    "renewed": relief.renewed,
    "evidence": relief.evidence,
    "inquiry": advocacy.inquiry,
    "congress": advocacy.congress,
    "ice": advocacy.ice,
    "public": advocacy.public,
    "press": advocacy.press,
    "timeline": lambda s: s.timeline,
}


def case_context(
    case: Case, *, actor: User | None, now: datetime.datetime | None = None
) -> dict[str, Any]:
    """Every declared field for `case`, as JSON-ready values (None where the case has no data)."""
    sources = load_sources(case, actor=actor, now=now)
    built = {group.name: BUILDERS[group.name](sources) for group in GROUPS}
    assert set(BUILDERS) == set(built), "context builders out of step with fields.py"
    return built
