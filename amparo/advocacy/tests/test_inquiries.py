"""Members of Congress from the congress-legislators files, privacy waivers per recipient and
congressional inquiries through the API."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from amparo.advocacy.congress import congress_import
from amparo.advocacy.models import CongressionalOffice, Inquiry
from amparo.advocacy.rules import normalise_district, states_for_zip
from amparo.conftest import Cast, api_client_for
from amparo.relief.rules.actions import waiver_missing_for

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def _load() -> None:
    congress_import(path=DATA / "legislators-current.yaml")
    congress_import(path=DATA / "legislators-district-offices.yaml")


def test_importer_loads_the_sample_and_a_second_run_changes_nothing() -> None:
    out = StringIO()
    files = [DATA / "legislators-current.yaml", DATA / "legislators-district-offices.yaml"]
    call_command("congress", "import", *files, stdout=out)
    assert "3 added, 0 changed, 0 unchanged" in out.getvalue()
    assert "offices of 1 members not loaded yet" in out.getvalue()
    rep = CongressionalOffice.objects.get(bioguide_id="Q000901")
    assert (rep.chamber, rep.state, rep.district, rep.party) == ("house", "NJ", "9", "Democrat")
    assert rep.district_offices[0]["city"] == "Paterson"
    assert rep.district_offices[0]["address"] == "200 Federal Plaza, Suite 500"
    senator = CongressionalOffice.objects.get(bioguide_id="L000902")
    assert (senator.member_name, senator.district) == ("Joan Lindgren", "")
    before = list(CongressionalOffice.objects.values_list("id", "updated_at").order_by("id"))
    again = StringIO()
    call_command("congress", "import", *files, stdout=again)
    assert "0 added, 0 changed, 3 unchanged" in again.getvalue()
    assert "0 added, 0 changed, 1 unchanged" in again.getvalue()
    assert (
        list(CongressionalOffice.objects.values_list("id", "updated_at").order_by("id")) == before
    )


def test_a_file_in_another_format_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("- id: {bioguide: X1}\n  terms: []\n")
    with pytest.raises(CommandError, match="no terms"):
        call_command("congress", "import", bad, stderr=StringIO())
    assert not CongressionalOffice.objects.exists()


def test_members_by_state_and_district_and_a_zip_gives_only_the_state(cast: Cast) -> None:
    _load()
    client = api_client_for(cast.advocate)
    found = client.get("/api/v1/congress/members?state=nj&district=09").json()
    assert [m["name"] for m in found["items"]] == ["Joan Lindgren", "Marisol Quintero"]
    by_zip = client.get("/api/v1/congress/members?zip=07505").json()
    assert by_zip["state"] == "NJ" and by_zip["states_from_zip"] == ["NJ"]
    assert "district" in by_zip["note"]
    assert states_for_zip("70112") == ["LA"]
    assert normalise_district("NJ-09") == "9" and normalise_district("at-large") == "0"


def test_an_inquiry_to_a_second_office_is_refused_until_a_waiver_names_it(cast: Cast) -> None:
    _load()
    rep = CongressionalOffice.objects.get(bioguide_id="Q000901")
    client = api_client_for(cast.advocate)
    base = f"/api/v1/cases/{cast.case.id}"
    waiver = client.post(
        f"{base}/waivers",
        {
            "recipient_member_id": str(rep.id),
            "form": "dhs-60-001",
            "signed_on": timezone.localdate().isoformat(),
            "signed_by": "client",
            "scope": "Records about his detention and custody review.",
        },
        content_type="application/json",
    )
    assert waiver.status_code == 201, waiver.content
    assert waiver.json()["recipient"] == "Rep. Marisol Quintero (NJ-9)"
    first = client.post(
        f"{base}/inquiries",
        {"member_id": str(rep.id), "asked_for": "A custody review."},
        content_type="application/json",
    ).json()
    second = client.post(
        f"{base}/inquiries",
        {"office": "Office of  Senator  Joan Lindgren", "caseworker": "R. Diaz"},
        content_type="application/json",
    ).json()
    sent_at = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    send = {"sent_at": sent_at, "channel": "email"}
    ok = client.post(f"/api/v1/inquiries/{first['id']}/send", send, "application/json")
    assert ok.status_code == 200 and ok.json()["waiver_id"] == waiver.json()["id"]
    refused = client.post(f"/api/v1/inquiries/{second['id']}/send", send, "application/json")
    assert refused.status_code == 422
    assert "waiver" in refused.json()["error"]["fields"]
    assert Inquiry.objects.get(id=second["id"]).sent_at is None
    from amparo.relief.escalation_facts import case_facts

    facts = case_facts(cast.case)
    assert facts.offices_without_waiver == ("Office of Senator Joan Lindgren",)
    assert waiver_missing_for("x").startswith("No signed privacy waiver")
    client.post(
        f"{base}/waivers",
        {
            "recipient": "office of senator joan lindgren",
            "form": "member-form",
            "signed_on": timezone.localdate().isoformat(),
            "signed_by": "guardian",
            "signer_name": "Ana Herrera, spouse with power of attorney",
        },
        content_type="application/json",
    )
    now_sent = client.post(f"/api/v1/inquiries/{second['id']}/send", send, "application/json")
    assert now_sent.status_code == 200
    answer = client.post(
        f"/api/v1/inquiries/{second['id']}/response",
        {
            "response_at": timezone.now().isoformat(),
            "outcome": "custody-review",
            "summary": "ICE agreed to review custody.",
        },
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["response_hours"] == 1.0
    assert case_facts(cast.case).offices_without_waiver == ()


def test_a_response_before_sending_is_refused_and_read_only_cannot_write(cast: Cast) -> None:
    client = api_client_for(cast.advocate)
    created = client.post(
        f"/api/v1/cases/{cast.case.id}/inquiries", {"office": "Rep. X"}, "application/json"
    ).json()
    early = client.post(
        f"/api/v1/inquiries/{created['id']}/response",
        {"response_at": timezone.now().isoformat(), "outcome": "declined"},
        content_type="application/json",
    )
    assert early.status_code == 422 and "response_at" in early.json()["error"]["fields"]
    nameless = client.post(f"/api/v1/cases/{cast.case.id}/inquiries", {}, "application/json")
    assert "office" in nameless.json()["error"]["fields"]
    reader = api_client_for(cast.read_only)
    assert (
        reader.post(
            f"/api/v1/cases/{cast.case.id}/inquiries", {"office": "Rep. X"}, "application/json"
        ).status_code
        == 404
    )


def test_the_next_step_is_blocked_per_recipient() -> None:
    """5 U.S.C. § 552a(b): a signed waiver for one office leaves an inquiry to another office
    blocked, naming it."""
    from dataclasses import replace

    from amparo.relief import rules
    from amparo.relief.tests.test_rules_escalation import by_action, decision, facts

    base = facts(decision("humanitarian-parole"), waiver_signed=True)
    assert by_action(rules.next_steps(base))["congressional-inquiry"].blocked_by is None
    other = replace(base, offices_without_waiver=("Office of Senator Joan Lindgren",))
    blocked = by_action(rules.next_steps(other))["congressional-inquiry"].blocked_by
    assert blocked == "No signed privacy waiver names Office of Senator Joan Lindgren"


def test_the_congressional_letter_fills_from_the_inquiry(cast: Cast) -> None:
    from amparo.advocacy.services import inquiry_open, waiver_record
    from amparo.documents.context import case_context

    inquiry_open(
        actor=cast.advocate,
        case=cast.case,
        recipient="Office of Senator Joan Lindgren",
        caseworker="R. Diaz",
        asked_for="A custody review.",
    )
    waiver_record(
        actor=cast.advocate,
        case=cast.case,
        recipient="office of senator joan lindgren",
        form="member-form",
        signed_on=timezone.localdate(),
        signed_by="client",
    )
    context = case_context(cast.case, actor=cast.attorney)
    assert context["congress"]["member"] == "Office of Senator Joan Lindgren"
    assert (context["congress"]["title"], context["congress"]["member_name"]) == (
        "Senator",
        "Joan Lindgren",
    )
    assert context["congress"]["caseworker"] == "R. Diaz"
    assert context["inquiry"]["summary"] == "A custody review."
    assert context["inquiry"]["waiver_signed_on"] is not None  # the waiver naming that office
