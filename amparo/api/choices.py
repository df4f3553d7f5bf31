"""The API's enums, read from the models' choices (and the rules' actions), so a value the
models accept and a value the API accepts are always the same list: one vocabulary.

Each name is, at run time, a `Literal` of the model's values, which django-ninja and pydantic
turn into an OpenAPI `enum` and check on input. mypy cannot read a `Literal` built at run time,
so to it each name is `str`. `api/tests/test_choices.py` checks every enum against its model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Choices

from amparo.advocacy.models import Inquiry, Statement, Waiver
from amparo.cases.models import Case, DetentionBasis, ImmigrationHearing, LocatorCheck, Note
from amparo.courts.models import CourtCase, Order
from amparo.custody.models import Placement
from amparo.people.models import LifeEvent, Person, Relative
from amparo.relief.models import Decision
from amparo.relief.models import Request as ReliefRequest
from amparo.relief.rules import ACTIONS


def one_of(choices: type[Choices], *, blank: bool = False, leaving: tuple[str, ...] = ()) -> Any:
    """The values of `choices` as a `Literal` ("" first when the field may be left blank),
    without `leaving` (values the API does not let a client set)."""
    values = tuple(str(v) for v in choices.values if v not in leaving)
    return Literal[("",) * blank + values]


if TYPE_CHECKING:
    ImmigrationStatus = str
    Vulnerability = str
    CaseStatus = str
    DetentionBasisChoice = str
    Relationship = str
    CourtCaseKind = str
    OrderKind = str
    Compliance = str
    PlacementSource = str
    Channel = str
    Outcome = str
    Action = str
    WaiverForm = str
    WaiverSignedBy = str
    InquiryChannel = str
    InquiryOutcome = str
    AuthorKind = str
    StatementKind = str
    NoteKind = str
    LifeEventKind = str
    LocatorResult = str
    HearingKind = str
    HearingMode = str
else:
    ImmigrationStatus = one_of(Person.ImmigrationStatus)
    Vulnerability = one_of(Person.Vulnerability)
    CaseStatus = one_of(Case.Status)
    DetentionBasisChoice = one_of(DetentionBasis, blank=True)
    Relationship = one_of(Relative.Relationship)
    CourtCaseKind = one_of(CourtCase.Kind)
    OrderKind = one_of(Order.Kind)
    Compliance = one_of(Order.Compliance, blank=True)
    PlacementSource = one_of(Placement.Source)
    Channel = one_of(ReliefRequest.Channel)
    Outcome = one_of(Decision.Outcome)
    Action = Literal[tuple(ACTIONS)]
    WaiverForm = one_of(Waiver.Form)
    WaiverSignedBy = one_of(Waiver.SignedBy)
    InquiryChannel = one_of(Inquiry.Channel)
    # An answer is recorded with what it said; "pending" is the state before any answer.
    InquiryOutcome = one_of(Inquiry.Outcome, leaving=(Inquiry.Outcome.PENDING,))
    AuthorKind = one_of(Statement.AuthorKind)
    StatementKind = one_of(Statement.Kind)
    NoteKind = one_of(Note.Kind)
    LifeEventKind = one_of(LifeEvent.Kind)
    LocatorResult = one_of(LocatorCheck.Result)
    HearingKind = one_of(ImmigrationHearing.Kind)
    HearingMode = one_of(ImmigrationHearing.Mode, blank=True)
