"""Texts translated when they are read, not when they are written: a message and its values.

A deadline's counting steps are saved with the deadline and read later by anyone, each in their
own language; saving the finished text would freeze the language of whoever triggered the
count. A `Phrase` keeps the English message (the catalogue's msgid, named placeholders) and its
values. It *is* the English text (a `str`, so rules, tests and machine output read it as
before); `translated()`, `read()` and the `phrase` template filter give it in the active
language. Rows hold `stored()`; rows saved before phrases existed hold plain text, which reads
as it was written.

`phrase` and `phrase_plural` are gettext keywords (amparo/core/management/commands/
makemessages.py), so their literal messages land in the catalogues.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union

from django.utils import translation
from django.utils.translation import gettext, ngettext

from amparo.core.dateformats import shown_text

Value = Union[str, int, datetime.date, "Phrase"]


class Phrase(str):
    message: str
    plural: str
    number: str
    params: Mapping[str, Value]

    def __new__(
        cls, message: str, params: Mapping[str, Value], *, plural: str = "", number: str = ""
    ) -> Phrase:
        english = _render(message, plural, number, params, translate=False)
        made = super().__new__(cls, english)
        made.message, made.plural, made.number, made.params = message, plural, number, params
        return made

    def __reduce__(self) -> Any:
        return (from_stored, (self.stored(),))

    def translated(self) -> str:
        """The text in the active language; English if the catalogue's entry does not fit."""
        try:
            return _render(self.message, self.plural, self.number, self.params, translate=True)
        except (KeyError, ValueError, TypeError):
            return str.__str__(self)

    def stored(self, *, with_text: bool = True) -> dict[str, Any]:
        """JSON: the message, its values, and (at the top) the English text, which readers
        fall back to."""
        kept: dict[str, Any] = {"message": self.message}
        if with_text:
            kept["text"] = str.__str__(self)
        if self.plural:
            kept |= {"plural": self.plural, "number": self.number}
        if self.params:
            kept["params"] = {name: _store(value) for name, value in self.params.items()}
        return kept


def phrase(message: str, /, **params: Value) -> Phrase:
    return Phrase(message, params)


def label(lazy: Any) -> Phrase:
    """A model choice's label (marked with gettext_lazy) as a phrase: its English msgid, read in
    each reader's language, whatever language is active when it is saved."""
    with translation.override(None):
        return Phrase(str(lazy), {})


def phrase_plural(singular: str, plural: str, /, *, number: str, **params: Value) -> Phrase:
    """`number` names the value that picks the plural form, as in Django's ngettext_lazy."""
    return Phrase(singular, params, plural=plural, number=number)


def stored(texts: Iterable[str]) -> list[Any]:
    """What a JSON field keeps of these texts: a phrase's message and values, or plain text."""
    return [text.stored() if isinstance(text, Phrase) else str(text) for text in texts]


def from_stored(value: Any) -> Any:
    if isinstance(value, dict) and "message" in value:
        params = {name: from_stored(item) for name, item in (value.get("params") or {}).items()}
        try:
            return Phrase(
                str(value["message"]),
                params,
                plural=str(value.get("plural", "")),
                number=str(value.get("number", "")),
            )
        except (KeyError, ValueError, TypeError):
            return str(value.get("text", value["message"]))
    if isinstance(value, dict) and "date" in value:
        try:
            return datetime.date.fromisoformat(str(value["date"]))
        except ValueError:
            return str(value["date"])
    return value


def read(value: Any) -> str:
    """A stored or fresh text in the reader's language; plain text as it was written."""
    found = from_stored(value)
    if isinstance(found, Phrase):
        return found.translated()
    return "" if found is None else str(found)


def _store(value: Value) -> Any:
    if isinstance(value, Phrase):
        return value.stored(with_text=False)
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    return value


def _render(
    message: str, plural: str, number: str, params: Mapping[str, Value], *, translate: bool
) -> str:
    if plural:
        count = int(params[number])  # type: ignore[arg-type]
        if translate:
            template = ngettext(message, plural, count)
        else:
            template = message if count == 1 else plural
    else:
        template = gettext(message) if translate else message
    if not params:
        return template
    return template % {name: _shown(value, translate) for name, value in params.items()}


def _shown(value: Value, translate: bool) -> Any:
    if isinstance(value, Phrase):
        return value.translated() if translate else str.__str__(value)
    if isinstance(value, datetime.date):
        if not translate:
            return value.isoformat()
        return shown_text(value, "day")
    return value


def joined(texts: Sequence[str], separator: str) -> Phrase:
    """Texts one after another, each still read in the reader's language."""
    names = {f"text{i}": text for i, text in enumerate(texts)}
    return Phrase(separator.join(f"%({name})s" for name in names), names)


def told(error: BaseException) -> str:
    """An exception's message in the reader's language: the phrase it was raised with, or its
    plain text."""
    explained = getattr(error, "explained", None)
    if callable(explained):
        return read(explained())
    if len(error.args) == 1 and isinstance(error.args[0], str):
        return read(error.args[0])
    return str(error)
