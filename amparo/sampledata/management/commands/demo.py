"""`amparo demo [--cases N]`: load demo data and print how to sign in."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amparo.sampledata.demo import demo_load


class Command(BaseCommand):
    help = "Load demo organisations, users, the story case and generated cases."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--cases", type=int, default=200, help="Generated cases (default 200).")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                _(
                    "The demo creates accounts with published passwords; it does "
                    "not run with DJANGO_ENV=production."
                ),
                returncode=2,
            )
        result = demo_load(generated_cases=options["cases"])
        verb = "Loaded" if result.created else "Demo data already present;"
        self.stdout.write(
            _("%(verb)s story case: /cases/%(id)s/") % {"verb": verb, "id": result.story_case.id}
        )
        self.stdout.write(_("Sign in at /accounts/login/ with any of:"))
        for email, password, role in result.credentials:
            self.stdout.write(f"  {email:32} {password:20} {role}")
