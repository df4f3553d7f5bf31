"""Django's makemessages, also gathering the messages of `phrase(...)` and `phrase_plural(...)`
(amparo/core/phrases.py): texts saved now and translated when read."""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=phrase",
        "--keyword=phrase_plural:1,2",
    ]
