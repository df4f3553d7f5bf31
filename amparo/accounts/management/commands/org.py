"""`amparo org create NAME [--slug SLUG]`: prints the new organisation's slug."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from amparo.accounts.services import organisation_create
from amparo.core.cli import fail, validation_message


class Command(BaseCommand):
    help = "Manage organisations."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create an organisation; prints its slug.")
        create.add_argument("name")
        create.add_argument("--slug", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organisation = organisation_create(name=options["name"], slug=options["slug"])
        except ValidationError as exc:
            raise fail(validation_message(exc)) from None
        self.stdout.write(organisation.slug)
