"""`amparo audit verify [--org SLUG]`: seal what is waiting, then recompute the hash chains.
`amparo audit seal`: only seal (the background task does this every few seconds).

Verify prints one line per chain: `ok <chain> events=N head=<position>:<hash> unsealed=U`, or
`BROKEN <chain> at position P (event <id>): <what is wrong>`. Exits 1 when any chain is broken,
2 for an unknown organisation.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.accounts.models import Organisation
from amparo.audit.integrity import chains_verify
from amparo.audit.sealing import audit_seal
from amparo.core.cli import fail


class Command(BaseCommand):
    help = "Audit trail integrity."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Recompute the hash chains; name the first break.")
        verify.add_argument("--org", default=None, help="Only this organisation's chain (slug).")
        sub.add_parser("seal", help="Chain and hash the events recorded since the last seal.")

    def handle(self, *args: Any, **options: Any) -> None:
        sealed = audit_seal()
        if options["action"] == "seal":
            self.stdout.write(_("sealed %(sealed)s") % {"sealed": sealed})
            return
        organisation = None
        if options["org"]:
            organisation = Organisation.objects.filter(slug=options["org"]).first()
            if organisation is None:
                raise fail(_("No organisation with slug %(org)s.") % {"org": repr(options["org"])})
        broken = 0
        for report in chains_verify(organisation):
            if report.intact:
                self.stdout.write(
                    _(
                        "ok %(chain)s events=%(events)s head=%(head_sequence)s:%(value)s "
                        "unsealed=%(unsealed)s"
                    )
                    % {
                        "chain": report.chain,
                        "events": report.events,
                        "head_sequence": report.head_sequence,
                        "value": report.head_hash or "-",
                        "unsealed": report.unsealed,
                    }
                )
            else:
                broken += 1
                self.stdout.write(
                    _(
                        "BROKEN %(chain)s at position %(broken_sequence)s (event "
                        "%(broken_event_id)s): %(problem)s"
                    )
                    % {
                        "chain": report.chain,
                        "broken_sequence": report.broken_sequence,
                        "broken_event_id": report.broken_event_id,
                        "problem": report.problem,
                    }
                )
        if broken:
            raise CommandError(
                ngettext(
                    "%(broken)d audit chain broken.", "%(broken)d audit chains broken.", broken
                )
                % {"broken": broken},
                returncode=1,
            )
