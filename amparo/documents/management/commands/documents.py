"""`amparo documents …`: templates, generation and the field reference from the command line.

    amparo documents templates [--org SLUG]          one template a line, its slug first
    amparo documents generate CASE TEMPLATE --out PATH [--format docx|pdf] [--as EMAIL]
    amparo documents check CASE TEMPLATE [--as EMAIL]   what the case still lacks
    amparo documents fields                          the field reference (Markdown)
    amparo documents build-templates [--check]       rebuild the built-in DOCX files
    amparo documents template-upload --org SLUG TEMPLATE PATH [--note TEXT] [--as EMAIL]
    amparo documents template-revert --org SLUG TEMPLATE
    amparo documents cleanup [--minutes N] [--delete-orphans]   staged files a crash left

CASE is a case id or the client's A-number in any accepted form (A 012-345-678, A12345678,
12345678). The command line acts as the installation's operator; `--as EMAIL` acts as that
member instead (only cases they may change, and the document records them as its author).
Missing data, an unknown case or template, and other bad input exit with status 2; output
names cases by id only.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.http import Http404
from django.utils.translation import gettext as _

from amparo.accounts.models import Organisation, User
from amparo.cases.models import Case
from amparo.core.access import case_for
from amparo.core.cli import fail, validation_message
from amparo.documents.builtin import (
    BUILTIN_DIR,
    TEMPLATES,
    docx_parts_equal,
    write_builtin_templates,
)
from amparo.documents.field_reference import reference_markdown
from amparo.documents.selectors import (
    CaseLookupError,
    case_by_reference,
    missing_report,
    template_rows,
)
from amparo.documents.services import (
    document_generate,
    generation_check,
    template_revert,
    template_upload,
)
from amparo.documents.templating import MissingDataError


class Command(BaseCommand):
    help = "Document templates, generation and the template field reference."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("templates", help="List the templates, one a line, slug first.")
        listing.add_argument("--org", help="Show the version this organisation uses.")

        generate = sub.add_parser("generate", help="Generate a document for a case.")
        generate.add_argument("case", metavar="CASE", help="Case id or the client's A-number.")
        generate.add_argument("template", metavar="TEMPLATE", help="Template slug.")
        generate.add_argument("--out", required=True, metavar="PATH", help="Where to write it.")
        generate.add_argument(
            "--format", choices=["docx", "pdf"], help="Default: from PATH's extension, else docx."
        )
        generate.add_argument("--as", dest="as_user", metavar="EMAIL", help="Act as this member.")
        generate.add_argument(
            "--language",
            choices=["en", "es", "ar"],
            default="en",
            help="family-letter and press-statement also come in es and ar.",
        )

        check = sub.add_parser("check", help="List what a case lacks for a template.")
        check.add_argument("case", metavar="CASE")
        check.add_argument("template", metavar="TEMPLATE")
        check.add_argument("--as", dest="as_user", metavar="EMAIL")

        sub.add_parser("fields", help="Print the template field reference (Markdown).")

        build = sub.add_parser("build-templates", help="Rebuild the built-in DOCX templates.")
        build.add_argument(
            "--check", action="store_true", help="Only report files that differ (exit 1)."
        )

        upload = sub.add_parser("template-upload", help="Add an organisation's own template.")
        upload.add_argument("--org", required=True, help="Organisation slug.")
        upload.add_argument("template", metavar="TEMPLATE", help="Template slug it replaces.")
        upload.add_argument("path", metavar="PATH", help="The DOCX file.")
        upload.add_argument("--note", default="", help="What changed in this version.")
        upload.add_argument("--as", dest="as_user", metavar="EMAIL")

        revert = sub.add_parser("template-revert", help="Go back to the built-in template.")
        revert.add_argument("--org", required=True, help="Organisation slug.")
        revert.add_argument("template", metavar="TEMPLATE")

        tidy = sub.add_parser("cleanup", help="Remove staged files no row names; report orphans.")
        tidy.add_argument("--minutes", type=int, default=60, help="Only files older than this.")
        tidy.add_argument("--delete-orphans", action="store_true", help="Also delete orphans.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        handler = {
            "templates": self._templates,
            "generate": self._generate,
            "check": self._check,
            "fields": self._fields,
            "build-templates": self._build,
            "template-upload": self._template_upload,
            "template-revert": self._template_revert,
            "cleanup": self._cleanup,
        }[action]
        handler(options)

    # --- helpers --------------------------------------------------------------------------------

    def _user(self, email: str | None) -> User | None:
        if not email:
            return None
        user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
        if user is None:
            raise fail(_("No active member with that email address."))
        return user

    def _organisation(self, slug: str) -> Organisation:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise fail(_("No organisation with the slug %(slug)s.") % {"slug": repr(slug)})
        return organisation

    def _case(self, reference: str, user: User | None) -> Case:
        try:
            case = case_by_reference(reference, user=user)
            return case_for(user, case.id, write=True) if user is not None else case
        except CaseLookupError as exc:
            raise fail(str(exc)) from None
        except Http404:
            raise fail(_("That member may not change this case.")) from None

    def _template(self, slug: str) -> str:
        if slug not in TEMPLATES:
            raise fail(
                _("Unknown template %(slug)s; use one of: %(join)s.")
                % {"slug": repr(slug), "join": ", ".join(TEMPLATES)}
            )
        return slug

    def _missing(self, case: Case, items: list[Any]) -> str:
        lines = [f"The case lacks what {len(items)} field(s) need; nothing was generated:"]
        for row in missing_report(case, items):
            where = f" Fix: {row['fix']} — {row['fix_url']}" if row["fix_url"] else ""
            lines.append(f"  - {row['field']}: {row['description']}{where}")
        return "\n".join(lines)

    # --- actions --------------------------------------------------------------------------------

    def _templates(self, options: dict[str, Any]) -> None:
        organisation = self._organisation(options["org"]) if options.get("org") else None
        rows = template_rows(organisation.id if organisation else None)
        width = max(len(r.slug) for r in rows)
        for row in rows:
            formats = ",".join(row.formats)
            self.stdout.write(
                f"{row.slug:<{width}}  {formats:<8}  {row.source} {row.version:<7}  {row.title}"
            )

    def _generate(self, options: dict[str, Any]) -> None:
        user = self._user(options.get("as_user"))
        slug = self._template(options["template"])
        case = self._case(options["case"], user)
        out = Path(options["out"])
        fmt = options.get("format") or ("pdf" if out.suffix.lower() == ".pdf" else "docx")
        if not out.parent.is_dir():
            raise fail(_("The folder %(parent)s does not exist.") % {"parent": out.parent})
        try:
            document = document_generate(
                actor=user, case=case, template=slug, fmt=fmt, language=options["language"]
            )
        except MissingDataError as exc:
            raise fail(self._missing(case, exc.items)) from None
        except ValidationError as exc:
            raise fail(validation_message(exc)) from None
        with document.file.open("rb") as handle:
            out.write_bytes(handle.read())
        self.stdout.write(
            _("%(out)s  %(title)s v%(version)s (%(fmt)s)  document %(id)s  sha256 %(checksum)s")
            % {
                "out": out,
                "title": document.title,
                "version": document.version,
                "fmt": fmt,
                "id": document.id,
                "checksum": document.checksum,
            }
        )

    def _check(self, options: dict[str, Any]) -> None:
        user = self._user(options.get("as_user"))
        slug = self._template(options["template"])
        case = self._case(options["case"], user)
        items = generation_check(actor=user, case=case, template=slug)
        if items:
            raise fail(self._missing(case, items))
        self.stdout.write(
            _("ready: %(slug)s can be generated for case %(id)s") % {"slug": slug, "id": case.id}
        )

    def _fields(self, options: dict[str, Any]) -> None:
        self.stdout.write(reference_markdown(), ending="")

    def _build(self, options: dict[str, Any]) -> None:
        if options["check"]:
            stale = [
                spec.slug
                for spec in TEMPLATES.values()
                if not spec.path.is_file()
                or not docx_parts_equal(spec.path.read_bytes(), spec.build())
            ]
            if stale:
                self.stderr.write(_("Out of date: ") + ", ".join(stale))
                raise fail(_("Run `amparo documents build-templates` and commit the files."))
            self.stdout.write(_("The built-in templates are up to date."))
            return
        for path in write_builtin_templates(BUILTIN_DIR):
            self.stdout.write(str(path))

    def _template_upload(self, options: dict[str, Any]) -> None:
        organisation = self._organisation(options["org"])
        slug = self._template(options["template"])
        path = Path(options["path"])
        if not path.is_file():
            raise fail(_("No file at %(path)s.") % {"path": path})
        upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="")
        try:
            row = template_upload(
                actor=self._user(options.get("as_user")),
                organisation=organisation,
                slug=slug,
                upload=upload,
                note=options["note"],
            )
        except ValidationError as exc:
            raise fail(validation_message(exc)) from None
        self.stdout.write(
            _("%(template)s v%(version)s for %(organisation)s  sha256 %(checksum)s")
            % {
                "template": row.slug,
                "version": row.version,
                "organisation": organisation.slug,
                "checksum": row.checksum,
            }
        )

    def _template_revert(self, options: dict[str, Any]) -> None:
        organisation = self._organisation(options["org"])
        slug = self._template(options["template"])
        changed = template_revert(actor=None, organisation=organisation, slug=slug)
        state = "now uses the built-in template" if changed else "already used the built-in one"
        self.stdout.write(f"{slug}: {organisation.slug} {state}.")

    def _cleanup(self, options: dict[str, Any]) -> None:
        # Files staged by a transaction that never committed; see documents/storage.py.
        from amparo.documents.storage import documents_cleanup

        report = documents_cleanup(
            older_than=datetime.timedelta(minutes=max(0, options["minutes"])),
            delete_orphans=options["delete_orphans"],
        )
        for name in report.orphans:
            self.stdout.write(
                _("orphan %(name)s") % {"name": name}
                + (" (deleted)" if options["delete_orphans"] else "")
            )
        self.stdout.write(
            _("finished %(finished)s removed %(removed)s waiting %(waiting)s orphans %(orphans)s")
            % {
                "finished": len(report.finished),
                "removed": len(report.removed),
                "waiting": len(report.waiting),
                "orphans": len(report.orphans),
            }
        )
