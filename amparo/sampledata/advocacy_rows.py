"""A generated case in the public eye and before Congress: statements by the family and by ICE,
and a congressional inquiry with the privacy waiver it needs."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from amparo.advocacy.models import Statement, Waiver
from amparo.core.bulk import TableWriter
from amparo.sampledata import names
from amparo.sampledata.draws import DAY, HOUR, MINUTE, Drawing, Weighted

WAIVER_FORMS = list(Waiver.Form.values)
INQUIRY_CHANNELS = ["email", "portal", "phone"]
INQUIRY_OUTCOMES = Weighted(
    ["information", "custody-review", "released", "declined"], [45, 20, 5, 30]
)


class AdvocacyRows(Drawing):
    """The advocacy rows of a generated case; the tables are the generator's."""

    offices: dict[str, list[tuple[uuid.UUID | None, str]]]  # members' offices by state
    statement: TableWriter
    waiver: TableWriter
    inquiry: TableWriter

    def _statements(
        self,
        case_id: uuid.UUID,
        given: str,
        family: str,
        arrested: datetime.datetime,
        released: datetime.datetime | None,
    ) -> None:
        rng = self.rng
        end = released or self.now
        for _ in range(rng.randint(1, 3)):
            at = arrested + (end - arrested) * rng.random()
            if rng.random() < 0.4:
                kind, author_kind = Statement.Kind.DECLINED_TO_COMMENT, "agency"
                author = "U.S. Immigration and Customs Enforcement"
                text = "ICE declined to comment."
            else:
                kind, author_kind = Statement.Kind.PRESS_RELEASE, "family"
                author = f"{rng.choice(names.GIVEN_NAMES)} {family.split()[0]}"
                text = names.FAMILY_STATEMENT.format(given=given)
            self.statement.add(
                self._id(), at, at, case_id, author_kind, author, kind, at, text, True
            )

    def _inquiry(
        self, case_id: uuid.UUID, arrested: datetime.datetime, released: datetime.datetime | None
    ) -> None:
        """The client signs a release naming a member's office, and the office asks ICE.

        ICE shares a record with the office only on the client's written consent naming it
        (Privacy Act, 5 U.S.C. § 552a(b)), so every sent inquiry carries its waiver, signed
        before it. Answers take days to weeks; some never come."""
        rng, end = self.rng, released or self.now
        signed = arrested + DAY * rng.randint(2, 10) + MINUTE * rng.randint(0, 600)
        if signed >= end - HOUR:
            return
        office_id, recipient = self._office(self.current_site.state)
        waiver_id = self._id()
        self.waiver.add(
            waiver_id, signed, signed, case_id, office_id, recipient,
            rng.choice(WAIVER_FORMS), timezone.localtime(signed).date(), "client",
            "Records of detention, custody and removal proceedings.",
        )  # fmt: skip
        sent = signed + HOUR * rng.randint(2, 96)
        if sent >= end:
            return
        answered = sent + MINUTE * int(rng.lognormvariate(8.9, 0.9))  # median about 5 days
        if answered < end and rng.random() < 0.75:
            outcome, response, summary = INQUIRY_OUTCOMES.draw(rng), answered, "ICE answered."
        else:
            late = end - sent > 30 * DAY
            outcome, response, summary = ("no-response" if late else "pending"), None, ""
        self.inquiry.add(
            self._id(), signed, response or sent, case_id, office_id, recipient,
            "Ask ICE to review the client's custody.", waiver_id, sent,
            rng.choice(INQUIRY_CHANNELS), response, outcome, summary,
        )  # fmt: skip

    def _office(self, state: str) -> tuple[uuid.UUID | None, str]:
        """A member's office of the state where the client is held: a loaded one when the
        member list is loaded, else the office named as a team would name it."""
        offices = self.offices.get(state)
        if not offices:
            return None, f"Office of a U.S. Senator for {state}"
        return self.rng.choice(offices)
