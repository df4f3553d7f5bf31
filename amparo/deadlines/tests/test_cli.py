"""`amparo deadline RULE|count|list`: the --json contract, and exit status 2 on bad input."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import ManagementUtility, call_command

from amparo.deadlines.catalogue import RULES

# The counting commands read the recorded court closures.
pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def exit_status(*args: str) -> int:
    """Run the command as the console script does; return its exit status."""
    with pytest.raises(SystemExit) as caught:
        ManagementUtility(["amparo", "deadline", *args]).execute()
    return int(caught.value.code or 0)


def test_rule_json_prints_exactly_one_object() -> None:
    """28 U.S.C. § 2243 with Fed. R. Civ. P. 6(a)(1): served Thursday 2025-03-06, due Monday
    2025-03-10."""
    out = run("habeas-return", "--from", "2025-03-06", "--json")
    data = json.loads(out)  # raises if anything but one JSON document was printed
    assert out.strip().count("\n") == 0
    assert {"rule", "trigger_on", "due_on", "citation", "steps"} <= set(data)
    assert data["rule"] == "habeas-return"
    assert data["trigger_on"] == "2025-03-06"
    assert data["due_on"] == "2025-03-10"
    assert data["citation"] == "28 U.S.C. § 2243"
    assert any("is a Sunday → 2025-03-10" in step for step in data["steps"])


def test_rule_with_court_set_date_shows_both() -> None:
    """A date the court sets overrides the computed one (28 U.S.C. § 2243 'unless for good
    cause additional time ... is allowed'); both are reported."""
    data = json.loads(
        run("habeas-return", "--from", "2025-07-03", "--court-set", "2025-07-17", "--json")
    )
    assert data["due_on"] == "2025-07-17"
    assert data["computed_on"] == "2025-07-07"
    assert data["court_set_on"] == "2025-07-17"


def test_count_backward_json() -> None:
    """Fed. R. Civ. P. 6(a)(5), 2009 committee note: 10 days before an event whose tenth day is
    Saturday 2007-09-01 → Friday 2007-08-31."""
    data = json.loads(run("count", "--from", "2007-09-11", "--days", "10", "--backward", "--json"))
    assert data["rule"] == "count"
    assert data["due_on"] == "2007-08-31"
    assert data["citation"] == "Fed. R. Civ. P. 6(a)"


def test_count_business_days_eoir() -> None:
    """8 CFR 1003.19(i)(2): 1 business day after Thursday 2025-07-03 skips Independence Day
    and the weekend → Monday 2025-07-07."""
    data = json.loads(
        run(
            "count",
            "--from",
            "2025-07-03",
            "--days",
            "1",
            "--business",
            "--system",
            "eoir",
            "--json",
        )
    )
    assert data["due_on"] == "2025-07-07"
    assert data["business"] is True and data["system"] == "eoir"


def test_plain_output_starts_with_the_due_date() -> None:
    out = run("bia-bond-appeal", "--from", "2025-06-06")
    first, *steps = out.strip().splitlines()
    assert first.startswith("2025-07-07  Appeal of the immigration judge's bond decision")
    assert any("8 CFR 1003.38(b)" in s for s in steps)


def test_list_names_every_rule() -> None:
    out = run("list")
    for slug in RULES:
        assert slug in out
    data = json.loads(run("list", "--json"))
    assert [r["rule"] for r in data["rules"]] == list(RULES)


def test_unknown_rule_exits_2_listing_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status("habeas-retrun", "--from", "2025-07-03") == 2
    err = capsys.readouterr().err
    assert "Unknown rule 'habeas-retrun'" in err
    for slug in RULES:
        assert slug in err


@pytest.mark.parametrize(
    "args",
    [
        ("habeas-return",),  # no --from
        ("habeas-return", "--from", "2025-13-01"),
        ("habeas-return-extended", "--from", "2025-07-03", "--days", "21"),
        ("habeas-return-extended", "--from", "2025-07-03"),
        ("count", "--from", "2025-07-03"),  # no --days
        ("count", "--from", "2025-07-03", "--days", "0"),
        ("habeas-return", "--from", "2025-07-03", "--business"),
        ("count", "--from", "2025-07-03", "--days", "3", "--court-set", "2025-07-10"),
    ],
)
def test_bad_input_exits_2(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status(*args) == 2
    assert capsys.readouterr().err.strip()
