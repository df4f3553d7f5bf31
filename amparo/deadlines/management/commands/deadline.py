"""`amparo deadline RULE --from YYYY-MM-DD [--days N] [--court-set YYYY-MM-DD] [--json]` applies
a named rule; `amparo deadline count --from YYYY-MM-DD --days N [--business] [--backward]
[--system federal|eoir] [--json]` counts days; `amparo deadline list` lists the rules.

Pure: no database. Court closures are not read here (the rules see weekends and federal legal
holidays only); deadlines recorded in Amparo also count the court's closures.
Bad input, and an unknown rule (with the list of rules), exit with status 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand

from amparo.core.cli import fail
from amparo.deadlines import rules


def _date(value: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} needs a date as YYYY-MM-DD, not {value!r}.") from None


def _rule_lines() -> list[str]:
    width = max(len(slug) for slug in rules.RULES)
    lines = []
    for rule in rules.RULES.values():
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
        parser.add_argument(
            "--system", choices=rules.SYSTEMS, help="count: federal (default) or eoir."
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args: Any, **options: Any) -> None:
        target: str = options["target"]
        if target == "list":
            self._list(as_json=options["json"])
            return
        if options["trigger"] is None:
            raise fail("--from YYYY-MM-DD is required.")
        trigger_on = _date(options["trigger"], "--from")
        try:
            if target == "count":
                result = self._count(trigger_on, options)
            else:
                result = self._rule(target, trigger_on, options)
        except ValueError as exc:
            raise fail(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"{result.due_on.isoformat()}  {result.title}")
        for step in result.steps:
            self.stdout.write(f"  - {step}")

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
                for r in rules.RULES.values()
            ]
            self.stdout.write(json.dumps({"rules": payload}, ensure_ascii=False))
            return
        for line in _rule_lines():
            self.stdout.write(line)

    def _count(self, trigger_on: datetime.date, options: dict[str, Any]) -> rules.ComputedDeadline:
        if options["days"] is None:
            raise fail("count needs --days N.")
        if options["court_set"]:
            raise fail("--court-set goes with a rule, not with count.")
        return rules.count(
            trigger_on,
            options["days"],
            business=options["business"],
            backward=options["backward"],
            system=options["system"] or "federal",
        )

    def _rule(
        self, slug: str, trigger_on: datetime.date, options: dict[str, Any]
    ) -> rules.ComputedDeadline:
        if slug not in rules.RULES:
            raise fail(f"Unknown rule {slug!r}. Known rules:\n" + "\n".join(_rule_lines()))
        for option in ("business", "backward", "system"):
            if options[option]:
                raise fail(f"--{option} goes with count; the rule {slug} fixes how it counts.")
        court_set_on = _date(options["court_set"], "--court-set") if options["court_set"] else None
        return rules.compute(slug, trigger_on, days=options["days"], court_set_on=court_set_on)
