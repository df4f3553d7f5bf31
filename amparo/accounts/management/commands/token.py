"""`amparo token create EMAIL [--name N]` prints a new API token once;
`amparo token revoke PREFIX` revokes it."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.accounts.models import ApiToken, User
from amparo.accounts.services import token_create, token_revoke
from amparo.core.cli import fail


class Command(BaseCommand):
    help = "Manage API tokens."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token; it is printed once.")
        create.add_argument("email")
        create.add_argument("--name", default="")
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            user = User.objects.filter(email=options["email"].strip().lower()).first()
            if user is None:
                raise fail(_("No user with email %(email)s.") % {"email": repr(options["email"])})
            _token, raw = token_create(user=user, name=options["name"])
            self.stdout.write(raw)
            return
        token = ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True).first()
        if token is None:
            raise fail(_("No active token with that prefix."))
        token_revoke(token=token)
        self.stdout.write(_("revoked %(prefix)s…") % {"prefix": token.prefix})
