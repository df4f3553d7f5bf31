"""`amparo user create EMAIL --org SLUG --role ROLE --password P`."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, Organisation
from amparo.accounts.services import user_create
from amparo.core.cli import fail, validation_message


class Command(BaseCommand):
    help = "Manage users."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a user as a member of an organisation.")
        create.add_argument("email")
        create.add_argument("--org", required=True, help="Organisation slug.")
        create.add_argument("--role", required=True, choices=Membership.Role.values)
        create.add_argument("--password", required=True)
        create.add_argument("--name", default="", help="Full name.")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise fail(_("No organisation with slug %(org)s.") % {"org": repr(options["org"])})
        try:
            user = user_create(
                email=options["email"],
                organisation=organisation,
                role=options["role"],
                password=options["password"],
                full_name=options["name"],
            )
        except ValidationError as exc:
            raise fail(validation_message(exc)) from None
        self.stdout.write(
            _("%(email)s is %(role)s of %(slug)s")
            % {"email": user.email, "role": options["role"], "slug": organisation.slug}
        )
