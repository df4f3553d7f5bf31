"""`amparo export case CASE --out PATH [--as EMAIL]`: one case with every record and document,
as a zip; `amparo export organisation SLUG --out PATH`: every case of it, streamed.

CASE is a case id or the client's A-number. The command line acts as the installation's
operator (everything); `--as EMAIL` exports what that member may see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation, User
from amparo.core.cli import fail
from amparo.documents.selectors import CaseLookupError, case_by_reference
from amparo.exchange.export import case_export, organisation_export
from amparo.exchange.progress import TerminalProgress


class Command(BaseCommand):
    help = "Export a case (JSON of every record, and its documents) as a zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["case", "organisation"], help="What to export.")
        parser.add_argument("case", help="Case id or A-number; for an organisation, its slug.")
        parser.add_argument("--out", type=Path, required=True, help="The zip file to write.")
        parser.add_argument("--as", dest="as_user", metavar="EMAIL", help="Act as this member.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["as_user"]:
            user = User.objects.filter(email=options["as_user"].strip().lower()).first()
            if user is None:
                raise fail(_("No user %(as_user)s.") % {"as_user": repr(options["as_user"])})
        out: Path = options["out"]
        if options["what"] == "organisation":
            organisation = Organisation.objects.filter(slug=options["case"]).first()
            if organisation is None:
                raise fail(_("No organisation %(case)s.") % {"case": repr(options["case"])})
            progress = TerminalProgress()  # cases done, rate, time left
            with out.open("wb") as fh:
                for chunk in organisation_export(
                    user=None, organisation=organisation, progress=progress
                ):
                    fh.write(chunk)
            progress.close()
            self.stdout.write(
                _("%(out)s: organisation %(slug)s exported.")
                % {"out": out, "slug": organisation.slug}
            )
            return
        try:
            case = case_by_reference(options["case"], user=user)
        except CaseLookupError as exc:
            raise fail(str(exc)) from None
        out.write_bytes(case_export(user=user, case=case))
        self.stdout.write(_("%(out)s: case %(id)s exported.") % {"out": out, "id": case.id})
