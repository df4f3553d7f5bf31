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
            self.stdout.write(f"sealed {sealed}")
            return
        organisation = None
        if options["org"]:
            organisation = Organisation.objects.filter(slug=options["org"]).first()
            if organisation is None:
                raise fail(f"No organisation with slug {options['org']!r}.")
        broken = 0
        for report in chains_verify(organisation):
            if report.intact:
                self.stdout.write(
                    f"ok {report.chain} events={report.events} "
                    f"head={report.head_sequence}:{report.head_hash or '-'} "
                    f"unsealed={report.unsealed}"
                )
            else:
                broken += 1
                self.stdout.write(
                    f"BROKEN {report.chain} at position {report.broken_sequence} "
                    f"(event {report.broken_event_id}): {report.problem}"
                )
        if broken:
            raise CommandError(f"{broken} audit chain(s) broken.", returncode=1)
