"""The API's enums are the models' choices: a value the model accepts, the API accepts, and no
other (one vocabulary; `api/choices.py`)."""

from __future__ import annotations

import typing
from typing import Any

import pytest

from amparo.advocacy.models import Inquiry, Statement, Waiver
from amparo.api import advocacy_schemas, courts, custody, intake, relief_schemas, schemas
from amparo.api import workspace_schemas as workspace
from amparo.cases.models import Case, DetentionBasis, ImmigrationHearing, LocatorCheck, Note
from amparo.courts.models import CourtCase, Order
from amparo.custody.models import Placement
from amparo.people.models import LifeEvent, Person, Relative
from amparo.relief.models import Decision
from amparo.relief.models import Request as ReliefRequest
from amparo.relief.rules import ACTIONS

BLANK = frozenset({""})

# (schema, field) -> the values the model (or the rules) allow there.
EXPECTED: dict[tuple[Any, str], frozenset[str]] = {
    (schemas.PersonIn, "immigration_status"): frozenset(Person.ImmigrationStatus.values),
    (schemas.PersonPatch, "immigration_status"): frozenset(Person.ImmigrationStatus.values),
    (schemas.PersonIn, "vulnerabilities"): frozenset(Person.Vulnerability.values),
    (schemas.CasePatch, "status"): frozenset(Case.Status.values),
    (schemas.CasePatch, "detention_basis"): frozenset(DetentionBasis.values) | BLANK,
    (intake.IntakeIn, "immigration_status"): frozenset(Person.ImmigrationStatus.values),
    (intake.RelativeIntakeIn, "relationship"): frozenset(Relative.Relationship.values),
    (workspace.RelativeIn, "relationship"): frozenset(Relative.Relationship.values),
    (courts.CourtCaseIn, "kind"): frozenset(CourtCase.Kind.values),
    (courts.OrderIn, "kind"): frozenset(Order.Kind.values),
    (courts.OrderIn, "compliance"): frozenset(Order.Compliance.values) | BLANK,
    (custody.PlacementIn, "source"): frozenset(Placement.Source.values),
    (relief_schemas.SubmitIn, "channel"): frozenset(ReliefRequest.Channel.values),
    (relief_schemas.DecisionIn, "outcome"): frozenset(Decision.Outcome.values),
    (relief_schemas.TakeStepIn, "action"): frozenset(ACTIONS),
    (advocacy_schemas.WaiverIn, "form"): frozenset(Waiver.Form.values),
    (advocacy_schemas.WaiverIn, "signed_by"): frozenset(Waiver.SignedBy.values),
    (advocacy_schemas.SendIn, "channel"): frozenset(Inquiry.Channel.values),
    (advocacy_schemas.ResponseIn, "outcome"): frozenset(Inquiry.Outcome.values)
    - {Inquiry.Outcome.PENDING},
    (advocacy_schemas.StatementIn, "author_kind"): frozenset(Statement.AuthorKind.values),
    (advocacy_schemas.StatementIn, "kind"): frozenset(Statement.Kind.values),
    (advocacy_schemas.StatementPatch, "author_kind"): frozenset(Statement.AuthorKind.values),
    (advocacy_schemas.StatementPatch, "kind"): frozenset(Statement.Kind.values),
    (workspace.RelativePatch, "relationship"): frozenset(Relative.Relationship.values),
    (workspace.HearingPatch, "mode"): frozenset(ImmigrationHearing.Mode.values) | BLANK,
    (workspace.NoteIn, "kind"): frozenset(Note.Kind.values),
    (workspace.LifeEventIn, "kind"): frozenset(LifeEvent.Kind.values),
    (workspace.LocatorCheckIn, "result"): frozenset(LocatorCheck.Result.values),
    (workspace.HearingIn, "kind"): frozenset(ImmigrationHearing.Kind.values),
    (workspace.HearingIn, "mode"): frozenset(ImmigrationHearing.Mode.values) | BLANK,
}


def literal_values(annotation: Any) -> frozenset[str]:
    """The values of the Literal inside an annotation (`list[X]`, `X | None`...)."""
    if typing.get_origin(annotation) is typing.Literal:
        return frozenset(typing.get_args(annotation))
    found: frozenset[str] = frozenset()
    for argument in typing.get_args(annotation):
        found |= literal_values(argument)
    return found


@pytest.mark.parametrize(
    ("schema", "name"), list(EXPECTED), ids=[f"{s.__name__}.{n}" for s, n in EXPECTED]
)
def test_the_api_enum_is_the_model_s_choices(schema: Any, name: str) -> None:
    annotation = schema.model_fields[name].annotation
    assert literal_values(annotation) == EXPECTED[(schema, name)]


def test_the_published_schema_lists_the_model_s_values() -> None:
    from amparo.api.main import api

    published = api.get_openapi_schema()["components"]["schemas"]["CasePatch"]
    status = published["properties"]["status"]
    assert set(status["enum"]) == set(Case.Status.values)


def test_every_enum_of_the_api_modules_is_checked_here() -> None:
    """A new Literal of strings in an API schema is either a model's choices (add it above)
    or a format of the API's own (file formats, languages, kinds of answer)."""
    own = {("GenerateIn", "format"), ("GenerateIn", "language"), ("UploadIn", "kind")}
    own |= {("TakenStepOut", "kind"), ("AnswerRef", "kind")}
    checked = {(schema.__name__, name) for schema, name in EXPECTED}
    modules = [advocacy_schemas, courts, custody, intake, relief_schemas, schemas, workspace]
    unlisted = set()
    for module in modules:
        for value in vars(module).values():
            fields = getattr(value, "model_fields", None)
            if not isinstance(value, type) or fields is None or value.__module__ != module.__name__:
                continue
            for name, info in fields.items():
                if literal_values(info.annotation) and (value.__name__, name) not in checked | own:
                    unlisted.add((value.__name__, name))
    assert unlisted == set()


def test_one_of_reads_a_choices_class() -> None:
    from amparo.api.choices import one_of

    assert typing.get_args(one_of(Case.Status, blank=True))[0] == ""
    assert set(typing.get_args(one_of(Case.Status))) == set(Case.Status.values)
