"""The reminders: one 24-hour warning per deadline, and one digest a day per member of their
open deadlines overdue or due in the next 72 hours, both by e-mail.

Writes, held to the rules of `services` (keyword-only, one transaction, `full_clean()`, an
audit event), apart from it because no member makes them: the reminder job (`tasks`) sends
them, each at most once, and they are what leaves Amparo by mail. Each e-mail names the
deadline and links to the case; none carries a client's name or A-number.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.accounts.models import User
from amparo.audit.services import audit_case_write, audit_record
from amparo.core.access import cases_visible_to
from amparo.core.services import validated_save
from amparo.deadlines.dashboard import deadline_dashboard
from amparo.deadlines.models import Deadline, DeadlineDigest, DeadlineWarning
from amparo.deadlines.selectors import warning_due


def _site_url(path: str) -> str:
    return getattr(settings, "AMPARO_BASE_URL", "").rstrip("/") + path


def _reminder_recipients(deadline: Deadline) -> list[User]:
    """Who is warned: the assignee; else the lead attorney; else the case team. Only active
    members who can still see the case."""
    case = deadline.case
    if deadline.assignee_id is not None:
        candidates = [deadline.assignee]
    elif case.lead_attorney_id is not None:
        candidates = [case.lead_attorney]
    else:
        candidates = list(case.team.all())
    return [
        user
        for user in candidates
        if user is not None
        and user.is_active
        and user.email
        and cases_visible_to(user).filter(id=case.id).exists()
    ]


def _due_label(deadline: Deadline) -> str:
    """The due date with its weekday, in the active language (the subject's reader)."""
    if deadline.due_at is not None:
        return date_format(timezone.localtime(deadline.due_at), "D Y-m-d H:i")
    assert deadline.due_on is not None
    return date_format(deadline.due_on, "D Y-m-d")


@transaction.atomic
def deadline_warning_send(*, deadline_id: Any, now: datetime.datetime | None = None) -> bool:
    """Send the one 24-hour warning for a deadline, if it is still due and not yet warned.

    Idempotent: the warning is recorded in the same transaction as the email is handed to the
    mail backend, and a second call finds the record and sends nothing. If sending fails the
    record rolls back and the next run tries again. The email names the deadline and links to
    the case; it carries no client name or A-number.
    """
    now = now or timezone.now()
    deadline = (
        Deadline.objects.select_for_update(of=("self",))
        .select_related("case__organisation", "case__lead_attorney", "assignee")
        .filter(pk=deadline_id)
        .first()
    )
    if deadline is None or DeadlineWarning.objects.filter(deadline=deadline).exists():
        return False
    if not warning_due(deadline, now):
        return False
    recipients = _reminder_recipients(deadline)
    if not recipients:
        return False
    warning = DeadlineWarning(deadline=deadline, sent_at=now, recipients=len(recipients))
    validated_save(warning)
    context = {
        "deadline": deadline,
        "case_url": _site_url(f"/cases/{deadline.case_id}/"),
        "case_ref": str(deadline.case_id)[:8],
    }
    # One email per language: each member reads it in the language of their profile.
    by_language: dict[str, list[str]] = {}
    for user in recipients:
        by_language.setdefault(user.language or settings.LANGUAGE_CODE, []).append(user.email)
    for language, emails in sorted(by_language.items()):
        with translation.override(language):
            send_mail(
                subject=(
                    _("Due %(when)s: %(title)s")
                    % {"when": _due_label(deadline), "title": deadline.shown_title}
                )[:150],
                message=render_to_string("deadlines/email_warning.txt", context),
                from_email=None,
                recipient_list=emails,
            )
    audit_case_write(
        None, "deadline.warn", warning, changed_fields=["sent_at", "recipients"], case=deadline.case
    )
    return True


@transaction.atomic
def digest_send(*, user_id: Any, on: datetime.date, now: datetime.datetime | None = None) -> bool:
    """Send a member the day's digest: their open deadlines overdue or due in the next 72
    hours, read through access as that member. At most one a day; nothing when there is
    nothing to say."""
    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or DeadlineDigest.objects.filter(user=user, on=on).exists():
        return False
    board = deadline_dashboard(user, mine=True, now=now)
    items = [*board.overdue, *board.upcoming]
    if not items or not user.email:
        return False
    digest = DeadlineDigest(user=user, on=on, sent_at=now, items=len(items))
    validated_save(digest)
    context = {
        "overdue": board.overdue,
        "upcoming": board.upcoming,
        "on": on,
        "dashboard_url": _site_url("/deadlines/"),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        send_mail(
            subject=ngettext(
                "Deadlines for %(on)s: %(overdue)d overdue, %(upcoming)d in the next 72 hours",
                "Deadlines for %(on)s: %(overdue)d overdue, %(upcoming)d in the next 72 hours",
                len(board.overdue),
            )
            % {
                "on": date_format(on, "D Y-m-d"),
                "overdue": len(board.overdue),
                "upcoming": len(board.upcoming),
            },
            message=render_to_string("deadlines/email_digest.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    for organisation_id in sorted({d.case.organisation_id for d in items}, key=str):
        audit_record(
            actor=None,
            action="deadline.digest",
            organisation=organisation_id,
            obj=digest,
            changed_fields=["sent_at", "items"],
        )
    return True
