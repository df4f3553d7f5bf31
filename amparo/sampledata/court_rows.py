"""A generated case in federal court: a habeas petition with its filing, the order to show
cause, the return and hearing deadlines counted by the deadline rules (`deadlines.rules`) and
the hearing; and the deadlines a decision starts (a BIA bond appeal)."""

from __future__ import annotations

import datetime
import uuid

from amparo.core.bulk import TableWriter
from amparo.core.phrases import stored
from amparo.courts.models import CourtCase, Order
from amparo.deadlines import rules as deadline_rules
from amparo.sampledata.draws import DAY, Drawing
from amparo.sampledata.sites import Team


class CourtRows(Drawing):
    """The court's rows of a generated case; the tables are the generator's."""

    dockets: set[tuple[uuid.UUID, str]]
    court_case: TableWriter
    filing: TableWriter
    order: TableWriter
    hearing: TableWriter
    deadline: TableWriter

    def _habeas(
        self,
        case_id: uuid.UUID,
        filed: datetime.datetime,
        end: datetime.datetime,
        team: Team,
        *,
        served_days_ago: int | None = None,
    ) -> None:
        rng, site = self.rng, self.current_site
        if filed >= end or site.district_court_id is None:
            return
        court_case_id = self._id()
        docket = ""
        while not docket or (site.district_court_id, docket) in self.dockets:
            docket = f"{rng.randint(1, 6)}:{filed:%y}-cv-{rng.randint(100, 999_999):06d}"
        self.dockets.add((site.district_court_id, docket))
        self.court_case.add(
            court_case_id, filed - DAY, filed, case_id, site.district_court_id,
            CourtCase.Kind.HABEAS, CourtCase.Status.FILED, docket,
            "Petition for a writ of habeas corpus", filed,
        )  # fmt: skip
        self.filing.add(self._id(), filed, filed, court_case_id, "Petition", filed, None)
        issued = filed + DAY * rng.randint(1, 3)
        if issued >= end:
            return
        served = issued.date()
        if served_days_ago is not None:
            served = max(served, self.today - DAY * served_days_ago)
        self.order.add(
            self._id(), issued, issued, court_case_id, Order.Kind.ORDER_TO_SHOW_CAUSE, issued,
            served,
        )  # fmt: skip
        due = self._deadline(case_id, court_case_id, "habeas-return", served, team)
        hearing_on = self._deadline(case_id, court_case_id, "habeas-hearing", due, team)
        at = datetime.datetime.combine(hearing_on, datetime.time(10), tzinfo=datetime.UTC)
        self.hearing.add(self._id(), issued, issued, court_case_id, at, "Hearing on the petition")

    def _deadline(
        self,
        case_id: uuid.UUID,
        court_case_id: uuid.UUID | None,
        rule: str,
        trigger: datetime.datetime | datetime.date,
        team: Team,
    ) -> datetime.date:
        trigger_on = trigger.date() if isinstance(trigger, datetime.datetime) else trigger
        found = deadline_rules.rule_for(rule)
        computed = deadline_rules.compute(rule, trigger_on)
        assert computed.due_on is not None
        done = computed.due_on < self.today - DAY and self.rng.random() < 0.95
        done_at = (
            datetime.datetime.combine(computed.due_on, datetime.time(15), tzinfo=datetime.UTC)
            if done
            else None
        )
        who = self.rng.choice(team.attorneys) if team.attorneys else None
        created = datetime.datetime.combine(trigger_on, datetime.time(18), tzinfo=datetime.UTC)
        self.deadline.add(
            self._id(), created, done_at or created, case_id, court_case_id, found.title[:200],
            found.slug, found.citation, f"Generated: {rule}", trigger_on, computed.computed_on,
            computed.due_on, computed.days, stored(computed.steps), who, done_at,
            who if done else None,
        )  # fmt: skip
        return computed.due_on
