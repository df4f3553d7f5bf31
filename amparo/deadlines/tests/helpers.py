"""Helpers for the deadline tests: a deadline row with just the fields a test cares about."""

from __future__ import annotations

import datetime
from typing import Any

from amparo.cases.models import Case
from amparo.deadlines.models import Deadline


def make_deadline(case: Case, due_on: datetime.date | None, **fields: Any) -> Deadline:
    values: dict[str, Any] = {"title": "Traverse due", "rule": "", "due_on": due_on}
    values.update(fields)
    return Deadline.objects.create(case=case, **values)
