"""Writes about deadlines: creating them from the rules, counting them again, assigning and
completing them, court closures and calendar feeds. The reminders the job sends (one 24-hour
warning per deadline, one digest per member a day) are `deadlines.reminders`.

Every function is keyword-only, runs in one transaction, validates with `full_clean()` and
records an audit event. Callers load the records they pass through `core.access` (or the
selectors), so the services trust that the actor may act on them.
"""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.audit.services import audit_record
from amparo.cases.models import Case, ImmigrationHearing
from amparo.core.access import cases_visible_to, cases_writable_by
from amparo.core.errors import TransitionError
from amparo.core.phrases import Phrase, stored, told
from amparo.core.services import (
    create_case_record,
    filled_fields,
    update_case_record,
    validated_save,
)
from amparo.deadlines import rules
from amparo.deadlines.catalogue import RULES, UnknownRule
from amparo.deadlines.models import CalendarFeed, CourtClosure, Deadline
from amparo.deadlines.selectors import closure_dates, token_digest

if TYPE_CHECKING:
    from amparo.courts.models import Court, CourtCase

FEED_PREFIX = "cal_"
# Closures are looked up this far around the trigger: longer than any rule plus its roll-overs.
CLOSURE_WINDOW = datetime.timedelta(days=400)


def _closures_for(
    court_case: CourtCase | None, trigger_on: datetime.date
) -> frozenset[datetime.date]:
    return closure_dates(
        court=court_case.court if court_case is not None else None,
        start=trigger_on - CLOSURE_WINDOW,
        end=trigger_on + CLOSURE_WINDOW,
    )


def _texts(**texts: str) -> dict[str, Any]:
    """The texts saved as phrases, kept as message and values (Deadline.texts) so each reader
    reads them in their own language; plain texts are kept only in their own columns."""
    return {name: text.stored() for name, text in texts.items() if isinstance(text, Phrase)}


def _check_assignee(case: Case, assignee: User | None) -> None:
    """An assignee must be able to work on the case (see and change it)."""
    if assignee is None:
        return
    if not assignee.is_active or not cases_writable_by(assignee).filter(id=case.id).exists():
        raise ValidationError({"assignee": _("Assign a member who can work on this case.")})


@transaction.atomic
def deadline_create_from_rule(
    *,
    actor: User | None,
    case: Case,
    rule: str,
    trigger_on: datetime.date,
    court_case: CourtCase | None = None,
    source_event: str = "",
    assignee: User | None = None,
    court_set_on: datetime.date | None = None,
    days: int | None = None,
    immigration_hearing: ImmigrationHearing | None = None,
) -> Deadline:
    """Compute a deadline with a named rule and record it with its explanation.

    Court closures of the court case's court (and closures of every court) count as legal
    holidays. A date the court set becomes the due date; the computed date is kept beside it.
    Raises ValidationError for an unknown rule, a period the rule does not allow, a court case
    of another case, or an assignee who cannot work on the case.
    """
    try:
        found = rules.rule_for(rule)
    except UnknownRule as exc:
        raise ValidationError({"rule": told(exc)}) from None
    if court_case is not None and court_case.case_id != case.id:
        raise ValidationError({"court_case": _("The court case belongs to another case.")})
    _check_assignee(case, assignee)
    try:
        computed = rules.compute(
            found.slug,
            trigger_on,
            days=days,
            court_set_on=court_set_on,
            closures=_closures_for(court_case, trigger_on),
            court=court_case.court.code if court_case is not None else None,
        )
    except ValueError as exc:
        raise ValidationError({"days": told(exc)}) from None
    deadline = Deadline(
        case=case,
        court_case=court_case,
        title=found.title[:200],
        rule=found.slug,
        citation=found.citation,
        source_event=source_event[:300],
        texts=_texts(source_event=source_event),
        trigger_on=trigger_on,
        computed_on=computed.computed_on,
        due_on=computed.due_on,
        court_set=computed.court_set,
        court_set_on=court_set_on,
        steps=stored(computed.steps),
        days=computed.days,
        assignee=assignee,
        immigration_hearing=immigration_hearing,
    )
    create_case_record(deadline, actor=actor, action="deadline.create", case=case)
    return deadline


@transaction.atomic
def task_create(
    *,
    actor: User | None,
    case: Case,
    title: str,
    due_on: datetime.date,
    computed_on: datetime.date | None = None,
    rule: str = "",
    citation: str = "",
    source_event: str = "",
    trigger_on: datetime.date | None = None,
    court_case: CourtCase | None = None,
    assignee: User | None = None,
    due_at: datetime.datetime | None = None,
    steps: list[str] | None = None,
) -> Deadline:
    """Record a task with a due date that no named rule counts (a next step, a practice date, a
    period in hours with its moment `due_at` and the `steps` that counted it).

    Text is cut to the fields' lengths. Raises ValidationError for a court case of another
    case or an assignee who cannot work on the case.
    """
    if court_case is not None and court_case.case_id != case.id:
        raise ValidationError({"court_case": _("The court case belongs to another case.")})
    _check_assignee(case, assignee)
    deadline = Deadline(
        case=case,
        court_case=court_case,
        title=title[:200],
        rule=rule[:60],
        citation=citation[:300],
        source_event=source_event[:300],
        texts=_texts(title=title, source_event=source_event),
        trigger_on=trigger_on,
        computed_on=computed_on,
        due_on=due_on,
        due_at=due_at,
        steps=stored(steps or []),
        assignee=assignee,
    )
    create_case_record(deadline, actor=actor, action="deadline.create", case=case)
    return deadline


@transaction.atomic
def deadline_court_date_set(
    *, actor: User | None, deadline: Deadline, court_set_on: datetime.date | None
) -> Deadline:
    """Record (or clear) the date the court set; it overrides the computed date.

    A deadline made from a rule is counted again so its steps tell the whole story.
    """
    if deadline.rule and deadline.trigger_on and deadline.rule in RULES:
        days = deadline.days if RULES[deadline.rule].court_chooses_days else None
        computed = rules.compute(
            deadline.rule,
            deadline.trigger_on,
            days=days,
            court_set_on=court_set_on,
            closures=_closures_for(deadline.court_case, deadline.trigger_on),
            court=deadline.court_case.court.code if deadline.court_case is not None else None,
        )
        deadline.steps = stored(computed.steps)
        deadline.computed_on = computed.computed_on
        deadline.due_on = computed.due_on
    else:
        deadline.due_on = court_set_on or deadline.computed_on or deadline.due_on
    deadline.court_set_on = court_set_on
    deadline.court_set = court_set_on is not None
    fields = ["court_set_on", "court_set", "due_on", "computed_on", "steps"]
    update_case_record(deadline, actor=actor, action="deadline.update", fields=fields)
    return deadline


@transaction.atomic
def deadline_recount_from(
    *, actor: User | None, deadline: Deadline, trigger_on: datetime.date
) -> Deadline:
    """Count an open rule-based deadline again from a new trigger day (a hearing that moved).
    A date the court set stays the due date; a deadline already done is left as it was."""
    if deadline.done_at is not None or not deadline.rule or deadline.trigger_on == trigger_on:
        return deadline
    computed = rules.compute(
        deadline.rule,
        trigger_on,
        days=deadline.days if rules.rule_for(deadline.rule).court_chooses_days else None,
        court_set_on=deadline.court_set_on,
        closures=_closures_for(deadline.court_case, trigger_on),
    )
    deadline.trigger_on = trigger_on
    deadline.computed_on = computed.computed_on
    deadline.due_on = computed.due_on
    deadline.steps = stored(computed.steps)
    fields = ["trigger_on", "computed_on", "due_on", "steps"]
    update_case_record(deadline, actor=actor, action="deadline.recount", fields=fields)
    return deadline


@transaction.atomic
def deadline_complete(*, actor: User, deadline: Deadline) -> Deadline:
    """Mark a deadline done by the actor, now. TransitionError when it is already done."""
    if deadline.done_at is not None:
        raise TransitionError(_("This deadline is already done."), field="done_at")
    deadline.done_at = timezone.now()
    deadline.done_by = actor
    update_case_record(
        deadline, actor=actor, action="deadline.complete", fields=["done_at", "done_by"]
    )
    return deadline


@transaction.atomic
def deadline_assign(*, actor: User, deadline: Deadline, assignee: User | None) -> Deadline:
    """Give the deadline to a member who can work on the case (or to nobody)."""
    _check_assignee(deadline.case, assignee)
    deadline.assignee = assignee
    update_case_record(deadline, actor=actor, action="deadline.assign", fields=["assignee"])
    return deadline


# --- court closures ---------------------------------------------------------------------------


@transaction.atomic
def closure_add(
    *, actor: User | None, on: datetime.date, reason: str, court: Court | None = None
) -> CourtClosure:
    """Record a day a court (or, without one, every court) is closed. Site staff only; `actor`
    None is the command line. Adding the same day twice returns the first record.

    Closures change how later deadlines are counted; deadlines already recorded keep their date
    (see `deadline_court_date_set` to correct one).
    """
    if actor is not None and not (actor.is_staff or actor.is_superuser):
        raise PermissionDenied(_("Only site staff may record court closures."))
    existing = CourtClosure.objects.filter(court=court, on=on).first()
    if existing is not None:
        return existing
    closure = CourtClosure(court=court, on=on, reason=reason.strip(), created_by=actor)
    validated_save(closure)
    audit_record(
        actor=actor,
        action="court_closure.create",
        organisation=None,
        obj=closure,
        changed_fields=filled_fields(closure),
    )
    return closure


# --- calendar feeds ---------------------------------------------------------------------------


def _organisations_of(user: User) -> list[Any]:
    return list(user.memberships.values_list("organisation_id", flat=True))


@transaction.atomic
def calendar_feed_create(*, actor: User, case: Case | None = None) -> tuple[CalendarFeed, str]:
    """A secret calendar address for the actor's deadlines (or one case's). The raw token is
    returned once; only its digest is stored. The caller has checked the actor sees the case."""
    if case is not None and not cases_visible_to(actor).filter(id=case.id).exists():
        raise ValidationError({"case": _("No such case.")})
    raw = FEED_PREFIX + secrets.token_urlsafe(32)
    feed = CalendarFeed(user=actor, case=case, prefix=raw[:12], token_digest=token_digest(raw))
    validated_save(feed)
    organisations = [case.organisation_id] if case is not None else _organisations_of(actor)
    for organisation_id in organisations:
        audit_record(
            actor=actor,
            action="calendar_feed.create",
            organisation=organisation_id,
            case_id=case.id if case is not None else None,
            obj=feed,
            changed_fields=["user", "case"] if case is not None else ["user"],
        )
    return feed, raw


@transaction.atomic
def calendar_feed_revoke(*, actor: User, feed: CalendarFeed) -> CalendarFeed:
    """Stop a calendar address working. Only its owner may; Http404-style ValidationError not
    needed because callers load the feed through `calendar_feed_get`."""
    if feed.user_id != actor.pk:
        raise PermissionDenied(_("Only the owner may revoke a calendar address."))
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        validated_save(feed, update_fields=["revoked_at"])
        organisations = [feed.case.organisation_id] if feed.case else _organisations_of(actor)
        for organisation_id in organisations:
            audit_record(
                actor=actor,
                action="calendar_feed.revoke",
                organisation=organisation_id,
                case_id=feed.case_id,
                obj=feed,
                changed_fields=["revoked_at"],
            )
    return feed
