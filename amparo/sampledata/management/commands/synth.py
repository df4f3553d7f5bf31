"""`amparo synth --cases N [--seed S] [--org SLUG]`: generate a data set at scale."""

from __future__ import annotations

import argparse
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from amparo.sampledata.synth import synth


class Command(BaseCommand):
    help = (
        "Generate N realistic cases straight into the database (bulk inserts), over several "
        "generated organisations or, with --org, all in one existing organisation."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--cases", type=int, required=True, help="How many cases.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--org", default=None, help="Slug of an existing organisation.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                _(
                    "Generated data and its published passwords do not belong in production; "
                    "synth does not run with DJANGO_ENV=production."
                ),
                returncode=2,
            )
        if options["cases"] < 1:
            raise CommandError(_("--cases: give a number of cases of at least 1."), returncode=2)
        try:
            result = synth(cases=options["cases"], seed=options["seed"], org_slug=options["org"])
        except LookupError as exc:
            raise CommandError(_("--org: %(exc)s") % {"exc": exc}, returncode=2) from None
        self.stdout.write(
            f"Generated {result.cases:,} cases ({result.rows:,} rows) in {result.seconds:.1f} s "
            f"({result.cpu_seconds:.1f} s of CPU) "
            f"for {', '.join(result.organisations)}."
        )
