"""`amparo org create NAME [--slug SLUG]`: prints the new organisation's slug.
`amparo org mfa SLUG on|off`: require (or stop requiring) a second factor from its members.
`amparo org doubts SLUG`: the doubts about the data behind its open cases (the admin's page)."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation
from amparo.accounts.services import organisation_create, organisation_require_mfa
from amparo.core.cli import fail, validation_message


class Command(BaseCommand):
    help = "Manage organisations."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create an organisation; prints its slug.")
        create.add_argument("name")
        create.add_argument("--slug", default=None)
        mfa = sub.add_parser("mfa", help="Require a second factor (TOTP) from every member.")
        mfa.add_argument("slug")
        mfa.add_argument("state", choices=["on", "off"])
        doubts = sub.add_parser("doubts", help="List doubts about the data behind open cases.")
        doubts.add_argument("slug")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "doubts":
            self._doubts(options["slug"])
            return
        if options["action"] == "mfa":
            organisation = Organisation.objects.filter(slug=options["slug"]).first()
            if organisation is None:
                raise fail(
                    _("No organisation with slug %(slug)s.") % {"slug": repr(options["slug"])}
                )
            organisation_require_mfa(organisation=organisation, required=options["state"] == "on")
            self.stdout.write(
                _("%(slug)s mfa %(state)s") % {"slug": organisation.slug, "state": options["state"]}
            )
            return
        try:
            organisation = organisation_create(name=options["name"], slug=options["slug"])
        except ValidationError as exc:
            raise fail(validation_message(exc)) from None
        self.stdout.write(organisation.slug)

    def _doubts(self, slug: str) -> None:
        from amparo.cases.doubts import data_doubts

        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise fail(_("No organisation with slug %(slug)s.") % {"slug": repr(slug)})
        for doubt in data_doubts(None, organisation.id):
            self.stdout.write(f"{doubt.subject}: {doubt.title}\n  {doubt.explanation}\n")
            for name, url in doubt.cases:
                self.stdout.write(f"  - {name} {url}\n")
