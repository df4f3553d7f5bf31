"""What the case page's statement form posts: a family member's interview two hours ago, in the
form's own fields (`StatementForm`); each test names only what it changes."""

from __future__ import annotations

import datetime

from django.utils import timezone


def statement_form(**fields: object) -> dict[str, object]:
    said = timezone.localtime(timezone.now() - datetime.timedelta(hours=2))
    return {
        "author_kind": "family",
        "author_name": "Ana Herrera",
        "kind": "interview",
        "said_at": said.strftime("%Y-%m-%dT%H:%M"),
        "language": "en",
        **fields,
    }
