"""Shared plumbing for Amparo's management commands: clear errors, exit status 2 on bad input."""

from __future__ import annotations

import argparse
import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def use_language(code: str) -> None:
    """Speak `code` (a language of settings.LANGUAGES) in the messages commands write for people;
    an empty or unknown code keeps LANGUAGE_CODE."""
    from django.conf import settings
    from django.utils import translation

    if code in dict(settings.LANGUAGES):
        translation.activate(code)


def fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def add_sweep(parser: argparse.ArgumentParser, *, help: str) -> None:
    """The one action of a housekeeping command, `sweep`, with its `--today` (`today_option`)."""
    sub = parser.add_subparsers(dest="action", required=True)
    sweep = sub.add_parser("sweep", help=help)
    sweep.add_argument(
        "--today",
        help="Treat this date (YYYY-MM-DD) as today everywhere; default: each "
        "organisation's own date.",
    )


def today_option(value: str | None) -> datetime.date | None:
    """The `--today YYYY-MM-DD` option of the sweeps; None: each organisation's own date."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise fail(_("--today must be a date such as 2025-03-18.")) from None
