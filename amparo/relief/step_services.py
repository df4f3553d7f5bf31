"""Writes that take a next step of the escalation engine: a draft request, a draft court case in
the venue's court, or a task (a Deadline row, through the deadlines services).

Apart from `relief.services` because a step reaches into other apps' writes (courts, deadlines)
from the engine's facts (`relief.escalation_facts`), where the services keep the ledger itself;
a step that drafts a request goes through `relief.services.request_create`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.cases.models import Case
from amparo.core.errors import TransitionError
from amparo.core.phrases import phrase, read
from amparo.courts import services as court_services
from amparo.courts.models import CourtCase
from amparo.deadlines import services as deadline_services
from amparo.deadlines.models import Deadline
from amparo.relief import rules
from amparo.relief.escalation_facts import case_facts
from amparo.relief.models import Request
from amparo.relief.selectors import request_type_by_slug
from amparo.relief.services import request_create

if TYPE_CHECKING:
    from amparo.accounts.models import User


@dataclass(frozen=True)
class TakenStep:
    """What taking a next step created: a draft request, a draft court case or a task."""

    kind: str  # "request", "court-case" or "deadline"
    obj: Request | CourtCase | Deadline
    step: rules.NextStep


def _draft_court_case(actor: User | None, case: Case, step: rules.NextStep, kind: str) -> CourtCase:
    """A petition drafted from the venue with its respondents (28 U.S.C. § 2242)."""
    if step.court is None:
        raise ValidationError({"court": _("%(reason)s.") % {"reason": read(rules.NO_COURT)}})
    return court_services.habeas_draft_from_venue(actor=actor, case=case, kind=kind)


def _task(actor: User | None, case: Case, step: rules.NextStep, today: datetime.date) -> Deadline:
    """The step as a deadline, through the deadlines service: counted by the step's rule when
    it has one, else a task due on the step's date (or today: it is the next thing to do)."""
    spec = rules.ACTIONS[step.action]
    # The English text starts with escalation_facts.NEXT_STEP_SOURCE, which marks the step
    # under way.
    source_event = phrase(
        "Next step %(action)s: %(because)s", action=step.action, because=step.because
    )
    if spec.deadline_rule and step.trigger_on is not None and step.due_rule == spec.deadline_rule:
        return deadline_services.deadline_create_from_rule(
            actor=actor,
            case=case,
            rule=spec.deadline_rule,
            trigger_on=step.trigger_on,
            source_event=source_event,
        )
    # The title names the work only. What blocks it (a missing privacy waiver, an unknown
    # court) is worked out afresh each time the next steps are read (rules.next_steps'
    # `blocked_by`); written into the title, it stayed after the waiver was signed.
    return deadline_services.task_create(
        actor=actor,
        case=case,
        title=step.title,
        due_on=step.due_on or today,
        computed_on=step.due_on,
        rule=step.due_rule,
        citation=step.citation,
        source_event=source_event,
        trigger_on=step.trigger_on,
    )


@transaction.atomic
def next_step_take(*, actor: User | None, case: Case, action: str) -> TakenStep:
    """Turn a next step into work: a draft request, a draft court case in the venue's court, or
    a task (a Deadline row, computed from the deadline rules when the step has one).

    Raises ValidationError for an action not among the case's next steps, and TransitionError
    when that step is already under way.
    """
    facts = case_facts(case)
    step = next((s for s in rules.next_steps(facts) if s.action == action), None)
    if step is None:
        raise ValidationError(
            {"action": _("'%(action)s' is not a next step for this case now.") % {"action": action}}
        )
    if step.in_progress:
        raise TransitionError(
            _("'%(action)s' is already under way for this case.") % {"action": action},
            field="action",
        )
    spec = rules.ACTIONS[action]
    if spec.takes == "request":
        request_type = request_type_by_slug(spec.request_type)
        if request_type is None:
            raise ValidationError(
                {"action": _("Request type %(type)s is not active.") % {"type": spec.request_type}}
            )
        live = [d.urgency_until for d in facts.decisions if d.urgency_until]
        urgency = next((day for day in live if day >= facts.today), None)
        request = request_create(
            actor=actor,
            case=case,
            request_type=request_type,
            reason=f"{step.title}. Prompted by: {step.because}. Add the new evidence here.",
            urgency_until=urgency,
        )
        return TakenStep("request", request, step)
    if spec.takes == "court-case":
        return TakenStep(
            "court-case", _draft_court_case(actor, case, step, spec.court_case_kind), step
        )
    return TakenStep("deadline", _task(actor, case, step, facts.today), step)
