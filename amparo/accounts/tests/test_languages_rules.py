"""The legal rules' own words read in the member's language: next steps and their notes, the
detention clock's flags, the policy cautions; court-order alerts and deadline triggers saved as
phrases; the calendar feed in its owner's language; the API's deadline title beside its shown
title. No rule ships an unmarked f-string."""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

import icalendar
import pytest
import time_machine
from django.test import Client
from django.utils import translation

from amparo.conftest import Cast, api_client_for
from amparo.core.i18n_scan import unmarked_rule_texts
from amparo.core.phrases import read
from amparo.relief import rules
from amparo.relief.rules.clock import prolonged_flags
from amparo.relief.rules.escalation import CaseFacts, DecisionFacts

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def _rule_sources() -> list[Path]:
    return sorted({*ROOT.glob("*/rules.py"), *ROOT.glob("*/rules/*.py")})


# The rules whose words reach a person: relief, deadlines, advocacy, court orders, venue.
READ_RULES = {"relief", "deadlines", "advocacy", "courts", "custody"}


def test_the_relief_deadline_court_and_venue_rules_have_no_unmarked_text() -> None:
    sources = _rule_sources()
    assert ROOT / "relief" / "rules" / "steps.py" in sources
    assert ROOT / "custody" / "rules" / "venue.py" in sources
    assert ROOT / "courts" / "rules.py" in sources
    unmarked = [
        f"{path.relative_to(ROOT)}:{item.line}: {item.text}"
        for path in sources
        if (path.parent.parent if path.parent.name == "rules" else path.parent).name in READ_RULES
        for item in unmarked_rule_texts(path, path.name)
    ]
    assert not unmarked, "make these phrases (amparo/core/phrases.py):\n" + "\n".join(unmarked)


def test_the_rule_scanner_sees_an_unmarked_f_string(tmp_path: Path) -> None:
    source = tmp_path / "rules.py"
    source.write_text(
        'note = f"Due {day}: file the petition."\n'
        'fine = phrase("Due %(day)s: file the petition.", day=day)\n'
        'slug = f"count-{days}-{system}"\n'
        'sent = letter(f"On {day} the regime in force was {name}.")\n'
        'notes.append("Check the street address before filing.")\n'
        'notes.append(phrase("Check the street address before filing."))\n'
        'raise VenueError("Unknown state.", [])\n'
        'keys.append("no-district")\n'
    )
    found = [(u.line, u.text) for u in unmarked_rule_texts(source, "rules.py")]
    assert found == [
        (1, "f'Due {day}: file the petition.'"),
        (5, "'Check the street address before filing.'"),
        (7, "'Unknown state.'"),
    ]


def _denied(request_type: str, on: datetime.date) -> DecisionFacts:
    return DecisionFacts(
        request_type=request_type,
        outcome="denied",
        decided_at=datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.UTC),
        decided_on=on,
        type_name="Stay of removal",
    )


def test_a_next_step_note_title_and_reason_read_in_spanish_and_arabic() -> None:
    facts = CaseFacts(
        today=datetime.date(2026, 3, 10),
        decisions=(_denied("stay-of-removal", datetime.date(2026, 3, 9)),),
        court=rules.CourtFacts("lawd", "Western District of Louisiana"),
    )
    step = next(s for s in rules.next_steps(facts) if s.action == "tro-motion")
    assert step.note.startswith("District-court power to stop a removal is limited")
    assert step.because == "Stay of removal denied on 2026-03-09"
    with translation.override("es"):
        assert read(step.note).startswith("La facultad del tribunal de distrito")
        assert read(step.title).startswith("Moción de emergencia de TRO")
        assert read(step.because) == "Stay of removal: denegada el 09/03/2026"
    with translation.override("ar"):
        assert read(step.title).startswith("طلب مستعجل لأمر تقييدي مؤقت")


def test_a_prolonged_detention_flag_reads_in_arabic_with_the_circuit_test_in_english_out() -> None:
    (flag,) = prolonged_flags("236c", 200, "ca3")
    assert flag.startswith("Detained 200 days (over six months) under INA 236(c)")
    with translation.override("ar"):
        shown = read(flag)
    assert "محتجز منذ" in shown and "أكثر من ستة أشهر" in shown
    assert "German Santos" in shown and "no bright line" not in shown


def test_a_policy_caution_and_a_regime_answer_read_in_spanish() -> None:
    argument = rules.assessment_argument(
        factors={}, regime=None, on=datetime.date(2026, 3, 9), detention_basis="236a"
    )
    answer = rules.regime_on(datetime.date(2026, 3, 9), [])
    with translation.override("es"):
        cautions = [read(c) for c in argument.cautions]
        message = read(answer.message)
    assert (
        cautions[0]
        == "El parole humanitario no corresponde a la detención de este cliente: no lo pida."
    )
    assert message.startswith("No hay ningún régimen de prioridades de control migratorio")
    # The letter to ICE stays English.
    assert argument.paragraphs[0].startswith("Parole under INA § 212(d)(5)(A)")


@pytest.mark.django_db
def test_the_next_steps_panel_reads_in_spanish(cast: Cast) -> None:
    from amparo.factories import PlacementFactory
    from amparo.relief.services import decision_record, request_create, request_submit

    held = datetime.datetime(2026, 3, 1, 9, tzinfo=CHICAGO)
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, tzinfo=CHICAGO), tick=False):
        PlacementFactory(case=cast.case, started_at=held, observed_at=held)
        request = request_create(
            actor=cast.attorney, case=cast.case, request_type="humanitarian-parole", reason="x"
        )
        request = request_submit(
            actor=cast.attorney, request=request, submitted_at=held, channel="email"
        )
        decision_record(
            actor=cast.attorney,
            request=request,
            decided_at=held + datetime.timedelta(hours=1),
            outcome="denied",
            reasons_given=False,
        )
        client = Client()
        client.force_login(cast.attorney)
        html = client.get(
            f"/cases/{cast.case.id}/requests/",
            headers={"accept-language": "es", "hx-request": "true"},
        ).content.decode()
    assert "Nueva solicitud con pruebas nuevas al director de la oficina local de ICE" in html
    assert "Autorización de privacidad (formulario 60-001) sin firmar" in html
    assert "Renewed request with new evidence" not in html
    assert "privacy waiver not signed" not in html


@pytest.mark.django_db
def test_a_court_order_alert_and_its_deadline_trigger_read_in_each_readers_language(
    cast: Cast,
) -> None:
    from amparo.cases.models import CaseAlert
    from amparo.courts.models import Court, CourtCase, Order
    from amparo.courts.order_services import orders_check_overdue
    from amparo.courts.services import court_case_draft, order_record

    court_case = court_case_draft(
        actor=cast.attorney,
        case=cast.case,
        court=Court.objects.get(code="lawd"),
        kind=CourtCase.Kind.HABEAS,
    )
    ordered = datetime.datetime(2026, 3, 4, 10, tzinfo=CHICAGO)
    with translation.override("ar"):  # whoever records the order reads Arabic
        _order, deadlines = order_record(
            actor=cast.attorney,
            court_case=court_case,
            kind=Order.Kind.GRANT,
            issued_at=ordered,
            compliance="release",
            compliance_days=3,
        )
        orders_check_overdue(case=cast.case, today=datetime.date(2026, 3, 12))
    alert = CaseAlert.objects.get(case=cast.case, kind=CaseAlert.Kind.ORDER_OVERDUE)
    assert "not obeyed by 2026-03-09" in alert.message
    (deadline,) = deadlines
    assert deadline.source_event.startswith("Court order of 2026-03-04: ")
    with translation.override("es"):
        assert "no cumplida al 09/03/2026" in alert.shown_message
        assert deadline.shown_source_event.startswith("Orden judicial del 04/03/2026: ")
    deadline.texts = {}
    assert deadline.shown_source_event == deadline.source_event  # an older row, as saved


@pytest.mark.django_db
def test_the_calendar_feed_speaks_its_owners_language(cast: Cast) -> None:
    from amparo.deadlines.services import calendar_feed_create
    from amparo.deadlines.tests.helpers import make_deadline

    cast.attorney.language = "es"
    cast.attorney.save(update_fields=["language"])
    make_deadline(
        cast.case,
        datetime.date(2025, 7, 7),
        title="Return to the order to show cause",
        assignee=cast.attorney,
        court_set=True,
    )
    _feed, raw = calendar_feed_create(actor=cast.attorney)
    body = Client().get(f"/deadlines/calendar/{raw}.ics").content
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith("[fijada por el tribunal]")
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]).startswith("Vence mañana: ")
    assert "Caso: " in str(event["DESCRIPTION"])


@pytest.mark.django_db
def test_the_api_keeps_the_saved_title_and_adds_the_shown_title(cast: Cast) -> None:
    from amparo.deadlines.services import deadline_create_from_rule

    deadline_create_from_rule(
        actor=cast.attorney,
        case=cast.case,
        rule="habeas-return",
        trigger_on=datetime.date(2025, 7, 3),
    )
    client = api_client_for(cast.attorney)
    (item,) = client.get(
        "/api/v1/deadlines", {"case": str(cast.case.id)}, headers={"accept-language": "es"}
    ).json()["items"]
    assert item["title"].startswith("Return")
    assert item["shown_title"] != item["title"]
    with translation.override("es"):
        from amparo.deadlines.catalogue import RULES

        assert item["shown_title"] == read(RULES["habeas-return"].title)


def test_a_venues_notes_read_in_spanish_and_arabic_with_citations_as_written() -> None:
    from amparo.custody.rules import FacilityFacts, venue, venue_for_county

    answer = venue_for_county("LA", "LaSalle Parish")
    assert "LaSalle Parish, Louisiana lies in the W.D. La." in answer.notes[1]
    with translation.override("es"):
        spanish = [read(note) for note in answer.notes]
    assert spanish[1].startswith("LaSalle Parish, Louisiana está en el W.D. La.")
    assert any(note.startswith("Presente en el distrito de confinamiento") for note in spanish)
    assert any("Rumsfeld v. Padilla, 542 U.S. 426 (2004)" in note for note in spanish)
    offshore = venue(FacilityFacts(name="JTF Camp Six", city="FPO", state="AE"))
    with translation.override("ar"):
        arabic = [read(note) for note in offshore.notes]
    assert any("لا يقع مرفق الاحتجاز هذا" in note for note in arabic)
    assert all("Immediate custodian" not in note for note in arabic)


def test_a_court_orders_status_and_what_shows_compliance_read_in_spanish() -> None:
    from amparo.courts import rules as court_rules

    saved = court_rules.SHOWN_BY["release"]
    with translation.override("es"):
        assert court_rules.STATUS_WORDS["overdue"].translated() == "vencida"
        assert court_rules.shown_by("release", saved).startswith("Consta la liberación")
        assert court_rules.shown_by("release", "Our own words.") == "Our own words."
    entered = datetime.datetime(2026, 3, 6, 15, tzinfo=CHICAGO)  # a Friday
    _due, steps = court_rules.hours_due(entered, 24)
    assert steps[0].startswith("Count 24 hours from 2026-03-06 15:00 CST")
    with translation.override("es"):
        assert read(steps[0]).startswith("Contar 24 horas desde el 2026-03-06 15:00 CST")
        assert read(steps[1]).startswith("El 07/03/2026 es ")
