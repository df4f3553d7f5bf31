"""Writes to cases and their team, arrests, notes, locator checks and immigration-court
hearings. Each validates, saves and audits in one transaction."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Membership
from amparo.audit.services import audit_case_write
from amparo.cases.models import Arrest, Case, ImmigrationHearing, LocatorCheck, Note, NoteRevision
from amparo.core.phrases import label, phrase
from amparo.core.services import check_editable, create_case_record, save_versioned, validated_save
from amparo.people.models import Person

if TYPE_CHECKING:
    from amparo.accounts.models import User
    from amparo.courts.models import Court


@transaction.atomic
def case_open(
    *,
    actor: User | None,
    person: Person,
    title: str,
    opened_on: datetime.date | None = None,
    lead_attorney: User | None = None,
    team: list[User] | None = None,
    tags: list[str] | None = None,
    campaign: str = "",
    restricted: bool = False,
) -> Case:
    """Open a case for a client of the same organisation."""
    case = Case(
        organisation_id=person.organisation_id,
        person=person,
        title=title.strip(),
        opened_on=opened_on or timezone.localdate(),
        lead_attorney=lead_attorney,
        tags=list(tags or []),
        campaign=campaign,
        restricted=restricted,
    )
    validated_save(case)
    members = list(team or [])
    # Whoever opens a case works on it; otherwise a restricted case would lock its creator out.
    if actor is not None and actor not in members:
        members.append(actor)
    if lead_attorney is not None and lead_attorney not in members:
        members.append(lead_attorney)
    if members:
        case.team.set(members)
    audit_case_write(actor, "case.create", case)
    return case


@transaction.atomic
def case_update(
    *, actor: User | None, case: Case, expected_version: int | None, **changes: object
) -> Case:
    """Change case fields; refuses if someone else saved the case since `expected_version`."""
    allowed = {
        "title",
        "status",
        "lead_attorney",
        "tags",
        "campaign",
        "restricted",
        "closed_on",
        "detention_basis",
        "removal_period_began_on",
    }
    check_editable(changes, allowed)
    was_closed_on = case.closed_on
    for name, value in changes.items():
        setattr(case, name, value)
    reopened = case.status != Case.Status.CLOSED and was_closed_on is not None
    if reopened and case.closed_on == was_closed_on:
        # Reopening keeps no closed date: the edit form shows the old one again, and asking
        # the user to empty it would only be a chore. A closed date typed anew is refused below.
        case.closed_on = None
        changes = {**changes, "closed_on": None}
    _check_closing(case)
    fields = [f if f != "lead_attorney" else "lead_attorney_id" for f in changes]
    save_versioned(case, expected_version=expected_version, fields=fields)
    audit_case_write(actor, "case.update", case, changed_fields=sorted(changes))
    return case


def _check_closing(case: Case) -> None:
    """A closed date belongs only to a closed case, which needs one, on a day that has come
    (in the organisation's zone) and not before the case was opened. Raised on `closed_on`,
    not as the database constraints' raw names."""
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(case.organisation.time_zone))
    closed = case.status == Case.Status.CLOSED
    problem: object = None  # lazy text, read in the user's language when shown
    if closed and case.closed_on is None:
        problem = _("Give the day the case was closed.")
    elif not closed and case.closed_on is not None:
        problem = _("Only a closed case has a closed date: empty it, or set the status to Closed.")
    elif case.closed_on is not None and case.closed_on < case.opened_on:
        problem = _("A case cannot be closed before it was opened (%(day)s).") % {
            "day": case.opened_on.isoformat()
        }
    elif case.closed_on is not None and case.closed_on > today:
        problem = _("A case cannot be closed on a day that has not come yet.")
    if problem:
        raise ValidationError({"closed_on": problem})


@transaction.atomic
def arrest_record(
    *,
    actor: User | None,
    case: Case,
    arrested_at: datetime.datetime,
    place: str,
    agency: str = Arrest.Agency.ICE,
    circumstances: str = "",
) -> Arrest:
    arrest = Arrest(
        case=case, arrested_at=arrested_at, place=place, agency=agency, circumstances=circumstances
    )
    create_case_record(arrest, actor=actor, action="arrest.create", case=case)
    return arrest


@transaction.atomic
def note_add(
    *,
    actor: User | None,
    case: Case,
    body: str,
    privileged: bool = True,
    kind: str = Note.Kind.NOTE,
    pinned: bool = False,
    occurred_at: datetime.datetime | None = None,
) -> Note:
    """Record a note, call, visit, email or text message on the case."""
    _refuse_future(occurred_at)
    note = Note(
        case=case,
        author=actor,
        body=body.strip(),
        privileged=privileged,
        kind=kind,
        pinned=pinned,
        occurred_at=occurred_at or timezone.now(),
    )
    create_case_record(note, actor=actor, action="note.create", case=case)
    return note


def _refuse_future(moment: datetime.datetime | None, field: str = "occurred_at") -> None:
    if moment is not None and moment > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({field: _("This time is in the future.")})


NOTE_EDITABLE = frozenset({"body", "kind", "privileged", "pinned", "occurred_at"})


@transaction.atomic
def note_edit(*, actor: User, note: Note, expected_version: int | None, **changes: object) -> Note:
    """Change a note. Only its author may; the text it had is kept as a revision."""
    if note.author_id != actor.pk:
        raise ValidationError({"body": _("Only the author of a note can edit it.")})
    check_editable(changes, NOTE_EDITABLE)
    _refuse_future(changes.get("occurred_at"))  # type: ignore[arg-type]
    NoteRevision.objects.create(
        note=note, body=note.body, kind=note.kind, occurred_at=note.occurred_at, replaced_by=actor
    )
    for name, value in changes.items():
        setattr(note, name, value.strip() if isinstance(value, str) else value)
    note.edited_at = timezone.now()
    save_versioned(note, expected_version=expected_version, fields=[*changes, "edited_at"])
    audit_case_write(actor, "note.update", note, changed_fields=sorted(changes))
    return note


# Only these roles can lead a case: the lead attorney signs filings (Fed. R. Civ. P. 11(a)).
LEAD_ROLES = frozenset({"attorney", "admin"})


def _check_team(case: Case, lead: User | None, team: list[User] | None) -> None:
    roles = dict(
        Membership.objects.filter(organisation_id=case.organisation_id).values_list(
            "user_id", "role"
        )
    )
    errors: dict[str, str] = {}
    if lead is not None and roles.get(lead.pk) not in LEAD_ROLES:
        errors["lead_attorney"] = str(
            _("Choose an attorney of the case's organisation as lead attorney.")
        )
    if team and any(member.pk not in roles for member in team):
        errors["team"] = str(_("Everyone on the team must be a member of the organisation."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_team_set(
    *,
    actor: User | None,
    case: Case,
    expected_version: int | None,
    lead_attorney: User | None,
    team: list[User],
) -> Case:
    """Set the lead attorney and the team; the lead is always on the team."""
    _check_team(case, lead_attorney, team)
    members = list(team)
    if lead_attorney is not None and lead_attorney not in members:
        members.append(lead_attorney)
    case.lead_attorney = lead_attorney
    save_versioned(case, expected_version=expected_version, fields=["lead_attorney_id"])
    case.team.set(members)
    audit_case_write(actor, "case.team", case, changed_fields=["lead_attorney", "team"])
    return case


@transaction.atomic
def locator_check_record(
    *,
    actor: User | None,
    case: Case,
    result: str,
    detail: str = "",
    checked_at: datetime.datetime | None = None,
) -> LocatorCheck:
    """Log a search of ICE's detainee locator. "Not found" with no current placement marks the
    client's location unknown (from this check, unless already unknown)."""
    _refuse_future(checked_at, "checked_at")
    check = LocatorCheck(
        case=case,
        checked_by=actor,
        result=result,
        detail=detail.strip(),
        checked_at=checked_at or timezone.now(),
    )
    create_case_record(check, actor=actor, action="locator_check.create", case=case)
    if result == LocatorCheck.Result.NOT_FOUND and case.location_unknown_since is None:
        location_unknown_set(actor=actor, case=case, since=check.checked_at)
    return check


@transaction.atomic
def location_unknown_set(
    *, actor: User | None, case: Case, since: datetime.datetime | None
) -> Case:
    """Mark the client's location unknown from `since` (None: known again). A placement in
    progress ends: the team no longer knows the client is there."""
    from amparo.custody.models import Placement

    moment = since or None
    if moment is not None:
        _refuse_future(moment, "location_unknown_since")
        Placement.objects.filter(case=case, ended_at__isnull=True, started_at__lte=moment).update(
            ended_at=moment, updated_at=timezone.now()
        )
    case.location_unknown_since = moment
    validated_save(case, update_fields=["location_unknown_since"])
    audit_case_write(
        actor, "case.location_unknown", case, changed_fields=["location_unknown_since"]
    )
    return case


def _hearing_day(hearing: ImmigrationHearing) -> datetime.date:
    """The hearing's calendar day where it is held (the court's zone): deadlines count from it."""
    from amparo.cases.selectors import hearing_zone

    return hearing.scheduled_at.astimezone(
        hearing_zone(hearing.case, hearing.immigration_court)
    ).date()


@transaction.atomic
def hearing_schedule(
    *,
    actor: User | None,
    case: Case,
    kind: str,
    scheduled_at: datetime.datetime,
    judge: str = "",
    immigration_court: Court | None = None,
    mode: str = "",
    outcome: str = "",
) -> ImmigrationHearing:
    """Record an immigration-court hearing (scheduled, or held with its outcome), and, in the
    same transaction, the deadlines that count from a hearing of its kind
    (deadlines.rules.HEARING_RULES: the appeal of a bond decision runs from the bond hearing)."""
    from amparo.deadlines import rules as deadline_rules
    from amparo.deadlines.services import deadline_create_from_rule

    if timezone.is_naive(scheduled_at):
        raise ValidationError({"scheduled_at": _("Give the time with its time zone.")})
    _refuse_early_outcome(scheduled_at, outcome)
    hearing = ImmigrationHearing(
        case=case,
        kind=kind,
        scheduled_at=scheduled_at,
        judge=judge.strip(),
        immigration_court=immigration_court,
        mode=mode,
        outcome=outcome.strip(),
        created_by=actor,
    )
    create_case_record(hearing, actor=actor, action="hearing.create", case=case)
    day = _hearing_day(hearing)
    for rule in deadline_rules.rules_counting_from_hearing(kind):
        deadline_create_from_rule(
            actor=actor,
            case=case,
            rule=rule.slug,
            trigger_on=day,
            source_event=phrase(
                "%(hearing)s on %(day)s",
                hearing=label(ImmigrationHearing.Kind(hearing.kind).label),
                day=day,
            ),
            immigration_hearing=hearing,
        )
    return hearing


def _refuse_early_outcome(scheduled_at: datetime.datetime, outcome: str) -> None:
    """A hearing that has not begun has no outcome yet; recording one ("Bond denied") would
    start the deadlines that count from its decision (the BIA bond appeal, 8 C.F.R.
    § 1003.38(b)) before any decision was made. Aware times compare as instants, so the
    organisation's zone and the court's agree on "not yet"."""
    if outcome.strip() and scheduled_at > timezone.now():
        raise ValidationError(
            {"outcome": _("This hearing has not happened yet; record its outcome afterwards.")}
        )


HEARING_EDITABLE = frozenset({"scheduled_at", "judge", "mode", "outcome", "immigration_court"})


@transaction.atomic
def hearing_update(
    *, actor: User | None, hearing: ImmigrationHearing, **changes: object
) -> ImmigrationHearing:
    """Reschedule a hearing or record how it went. Open deadlines that count from it are
    counted again from the new day in the same transaction."""
    from amparo.deadlines.services import deadline_recount_from

    check_editable(changes, HEARING_EDITABLE)
    moment = changes.get("scheduled_at")
    if isinstance(moment, datetime.datetime) and timezone.is_naive(moment):
        raise ValidationError({"scheduled_at": _("Give the time with its time zone.")})
    for name, value in changes.items():
        setattr(hearing, name, value.strip() if isinstance(value, str) else value)
    _refuse_early_outcome(hearing.scheduled_at, hearing.outcome)
    fields = sorted(f if f != "immigration_court" else "immigration_court_id" for f in changes)
    validated_save(hearing, update_fields=fields)
    audit_case_write(actor, "hearing.update", hearing, changed_fields=sorted(changes))
    day = _hearing_day(hearing)
    for deadline in hearing.deadlines.all():
        deadline_recount_from(actor=actor, deadline=deadline, trigger_on=day)
    return hearing
