"""`amparo deadline RULE --from YYYY-MM-DD [--days N] [--court-set YYYY-MM-DD] [--json]` applies
a named rule; `amparo deadline count --from YYYY-MM-DD --days N [--business] [--backward]
[--system federal|eoir] [--json]` counts days; `amparo deadline list` lists the rules.

Both counting forms take `--closed YYYY-MM-DD` (repeatable: a day the clerk's office is
inaccessible, Fed. R. Civ. P. 6(a)(3)), `--court CODE` (e.g. laed: that court's recorded
closures, the closures recorded for every court, and the court's own holidays, e.g. Mardi Gras
in the E.D. La.) and `--served-by mail|clerk|consented|electronic|hand` (Fed. R. Civ. P. 6(d),
for a rule that counts from service). Without `--court`, the closures recorded for every court
apply. Reads closures only; writes nothing. Bad input, and an unknown rule (with the list of
rules), exit with status 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from amparo.core.cli import fail
from amparo.core.phrases import read, told
from amparo.courts.models import Court
from amparo.deadlines import rules
from amparo.deadlines.catalogue import RULES
from amparo.deadlines.computed import ComputedDeadline
from amparo.deadlines.counting import MAX_DAYS, SERVICE_MEANS, SYSTEMS
from amparo.deadlines.selectors import closure_dates

# Recorded closures are read this far around the trigger: longer than any rule plus roll-overs.
CLOSURE_WINDOW = datetime.timedelta(days=MAX_DAYS + 60)


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise fail(
            _("%(option)s needs a date as YYYY-MM-DD, not %(value)s.")
            % {"option": option, "value": repr(value)}
        ) from None


def _rule_lines() -> list[str]:
    width = max(len(slug) for slug in RULES)
    lines = []
    for rule in RULES.values():
        days = (
            f"up to {rule.max_days} days (--days)"
            if rule.court_chooses_days
            else f"{rule.days} {'business ' if rule.business else ''}day"
            f"{'s' if rule.days != 1 else ''}"
        )
        lines.append(f"{rule.slug:<{width}}  {days:<24}  {rule.system:<7}  {rule.citation}")
    return lines


class Command(BaseCommand):
    help = "Compute a deadline from a named rule, count days, or list the rules."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "target", metavar="RULE|count|list", help="A rule slug, `count` or `list`."
        )
        parser.add_argument("--from", dest="trigger", metavar="YYYY-MM-DD", help="Trigger day.")
        parser.add_argument("--days", type=int, help="Number of days.")
        parser.add_argument("--court-set", metavar="YYYY-MM-DD", help="Date the court set.")
        parser.add_argument("--business", action="store_true", help="count: business days.")
        parser.add_argument("--backward", action="store_true", help="count: before the event.")
        parser.add_argument("--system", choices=SYSTEMS, help="count: federal (default) or eoir.")
        parser.add_argument(
            "--closed",
            action="append",
            default=[],
            metavar="YYYY-MM-DD",
            help="A day the clerk's office is closed (repeatable).",
        )
        parser.add_argument("--court", help="Court code (e.g. laed): its closures and holidays.")
        parser.add_argument(
            "--served-by", choices=SERVICE_MEANS, help="How the paper was served (6(d))."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        target: str = options["target"]
        if target == "list":
            self._list(as_json=options["json"])
            return
        if options["trigger"] is None:
            raise fail(_("--from YYYY-MM-DD is required."))
        trigger_on = _date(options["trigger"], "--from")
        options["closures"] = self._closures(trigger_on, options)
        try:
            if target == "count":
                result = self._count(trigger_on, options)
            else:
                result = self._rule(target, trigger_on, options)
        except ValueError as exc:
            raise fail(told(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"{result.due_on.isoformat()}  {result.title}")
        for step in result.steps:
            self.stdout.write(f"  - {read(step)}")

    def _closures(
        self, trigger_on: datetime.date, options: dict[str, Any]
    ) -> frozenset[datetime.date]:
        """Days given with --closed plus the closures recorded for the court (or all courts)."""
        given = {_date(value, "--closed") for value in options["closed"]}
        court = None
        if options["court"]:
            code = options["court"].strip().lower()
            court = Court.objects.filter(code=code).first()
            if court is None:
                raise fail(
                    _("--court: no court with code %(court)s.") % {"court": repr(options["court"])}
                )
            options["court"] = code
        recorded = closure_dates(
            court=court, start=trigger_on - CLOSURE_WINDOW, end=trigger_on + CLOSURE_WINDOW
        )
        return frozenset(given) | recorded

    def _list(self, *, as_json: bool) -> None:
        if as_json:
            payload = [
                {
                    "rule": r.slug,
                    "title": r.title,
                    "days": r.days,
                    "max_days": r.max_days,
                    "system": r.system,
                    "business": r.business,
                    "backward": r.backward,
                    "citation": r.citation,
                }
                for r in RULES.values()
            ]
            self.stdout.write(json.dumps({"rules": payload}, ensure_ascii=False))
            return
        for line in _rule_lines():
            self.stdout.write(line)

    def _count(self, trigger_on: datetime.date, options: dict[str, Any]) -> ComputedDeadline:
        if options["days"] is None:
            raise fail(_("count needs --days N."))
        if options["court_set"]:
            raise fail(_("--court-set goes with a rule, not with count."))
        return rules.count(
            trigger_on,
            options["days"],
            business=options["business"],
            backward=options["backward"],
            system=options["system"] or "federal",
            closures=options["closures"],
            court=options["court"],
            served_by=options["served_by"],
        )

    def _rule(
        self, slug: str, trigger_on: datetime.date, options: dict[str, Any]
    ) -> ComputedDeadline:
        if slug not in RULES:
            raise fail(
                _("Unknown rule %(slug)s. Known rules:\n") % {"slug": repr(slug)}
                + "\n".join(_rule_lines())
            )
        for option in ("business", "backward", "system"):
            if options[option]:
                raise fail(
                    _("--%(option)s goes with count; the rule %(slug)s fixes how it counts.")
                    % {"option": option, "slug": slug}
                )
        court_set_on = _date(options["court_set"], "--court-set") if options["court_set"] else None
        return rules.compute(
            slug,
            trigger_on,
            days=options["days"],
            court_set_on=court_set_on,
            closures=options["closures"],
            court=options["court"],
            served_by=options["served_by"],
        )
