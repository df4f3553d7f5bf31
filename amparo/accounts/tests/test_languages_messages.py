"""Messages beyond the templates read in the member's language: a service's refusal, a form's
help text, a command's output for people, a deadline's counting steps, and dates on the case
page; no refusal or flash message in Python ships unmarked."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.forms import modelform_factory
from django.test import Client
from django.utils import timezone, translation

from amparo.conftest import Cast
from amparo.core.i18n_scan import unmarked_python_messages
from amparo.courts.forms import OrderForm
from amparo.factories import PlacementFactory
from amparo.people.identifiers import normalise_a_number
from amparo.people.models import Person


def test_an_a_number_refusal_reads_in_spanish_with_the_digit_count_in_the_plural() -> None:
    with translation.override("es"), pytest.raises(ValidationError) as raised:
        normalise_a_number("A12345")
    assert raised.value.messages == [
        "Un número A tiene 8 o 9 dígitos, con una «A» delante si se quiere "
        "(p. ej., A 012-345-678); este tiene 5 dígitos."
    ]


def test_a_model_help_text_reads_in_arabic_on_a_form() -> None:
    form_class = modelform_factory(Person, fields=["a_number"])
    with translation.override("ar"):
        html = str(form_class()["a_number"].help_text)
    assert "رقم الأجنبي (A-number)" in html
    assert "Alien registration number" not in html


def test_a_court_order_form_help_text_reads_in_arabic() -> None:
    with translation.override("ar"):
        html = OrderForm().as_div()
    assert "فقط إذا حددت المحكمة موعد الرد" in html


@pytest.mark.django_db
def test_a_command_summary_reads_in_spanish_in_the_active_language() -> None:
    out = io.StringIO()
    with translation.override("es"):
        call_command("requests", "sweep", stdout=out)
    assert "0 marcadas sin objeto; 0 vencidas." in out.getvalue()


def test_the_amparo_command_speaks_the_language_of_amparo_language() -> None:
    env = {**os.environ, "AMPARO_LANGUAGE": "es", "DJANGO_ENV": "test"}
    done = subprocess.run(
        [sys.executable, "-m", "amparo", "requests", "sweep", "--today", "mañana"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "--today debe ser una fecha como 2025-03-18." in done.stderr


def test_the_template_field_reference_describes_fields_in_spanish() -> None:
    from amparo.documents.fields import FIX_PLACES, GROUPS

    today = next(group for group in GROUPS if group.name == "today")
    assert today.value is not None
    with translation.override("es"):
        assert str(today.value.description) == "Fecha de hoy en la zona horaria de la organización."
        assert str(FIX_PLACES["custody"][0]) == "el panel de custodia en la página del caso"


@pytest.mark.django_db
def test_the_case_page_shows_dates_day_first_in_spanish_and_iso_in_the_datetime_attribute(
    cast: Cast,
) -> None:
    zone = zoneinfo.ZoneInfo(cast.organisation.time_zone)
    started = datetime.datetime(2026, 3, 18, 9, 30, tzinfo=zone)
    PlacementFactory(case=cast.case, started_at=started, observed_at=started)
    client = Client()
    client.force_login(cast.attorney)
    html = client.get(f"/cases/{cast.case.id}/", headers={"accept-language": "es"}).content.decode()
    assert "18/03/2026 09:30" in html
    assert 'datetime="2026-03-18T' in html
    english = client.get(f"/cases/{cast.case.id}/", headers={"accept-language": "en"})
    assert "2026-03-18 09:30" in english.content.decode()


@pytest.mark.django_db
def test_the_password_reset_mail_reads_in_the_language_the_browser_asked_for(
    cast: Cast, mailoutbox: list[Any]
) -> None:
    response = Client().post(
        "/accounts/password/reset/",
        {"email": "attorney@riverside.test"},
        headers={"accept-language": "es"},
    )
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert "contraseña" in mail.subject.lower() + mail.body.lower()
    assert "password reset" not in mail.body.lower()


def test_counts_and_dates_in_templates_follow_the_language() -> None:
    from django.template import Context, Template

    page = Template('{{ n|intcomma }} · {{ day|shown:"weekday" }}')
    context = Context({"n": 12345, "day": datetime.date(2026, 3, 18)})
    assert page.render(context) == "12,345 · Wed 2026-03-18"
    with translation.override("es"):
        assert page.render(context) == "12\xa0345 · mié 18/03/2026"


def _python_sources() -> list[Path]:
    root = Path(__file__).resolve().parents[2]
    return [
        path
        for path in sorted(root.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(root).parts)
    ]


def test_refusals_form_errors_and_flash_messages_in_python_are_marked_for_translation() -> None:
    sources = _python_sources()
    assert len(sources) > 100
    unmarked = [str(item) for path in sources for item in unmarked_python_messages(path, path.name)]
    assert not unmarked, "wrap these in gettext:\n" + "\n".join(unmarked)


def test_the_python_scanner_sees_an_unmarked_refusal(tmp_path: Path) -> None:
    source = tmp_path / "services.py"
    source.write_text(
        "from django.utils.translation import gettext as _\n"
        'raise ValidationError(_("Fine"))\n'
        'raise ValidationError({"days": f"Only {n} days"})\n'
        'messages.success(request, "Saved.")\n'
        'form.add_error("a_number", "Too short %s" % n)\n'
        'raise ValueError(phrase("Fine too, %(n)s", n=1))\n'
        'raise fail(f"{path}: {exc}")\n'
    )
    found = [(u.line, u.text) for u in unmarked_python_messages(source, "services.py")]
    assert found == [(3, "f'Only {n} days'"), (4, "'Saved.'"), (5, "'Too short %s'")]


def test_a_counting_step_saved_in_english_reads_in_the_readers_language() -> None:
    """A deadline's steps are saved as message and values, so each reader gets their own
    language; a row saved before that (plain text) reads as it was written."""
    from amparo.core.phrases import read, stored
    from amparo.deadlines import rules

    computed = rules.compute("habeas-return", datetime.date(2025, 7, 3))
    saved = stored(computed.steps)
    assert read(saved[-1]) == "Due: 2025-07-07 (Monday)."
    with translation.override("es"):
        assert read(saved[-1]) == "Vence: 07/07/2025 (lunes)."
        assert "Contar 3 días calendario hacia adelante" in read(saved[3])
        assert read("Due: 2025-07-07 (Monday).") == "Due: 2025-07-07 (Monday)."
    with translation.override("ar"):
        assert read(saved[-1]) == "الموعد النهائي: \u206607/07/2025\u2069 (الاثنين)."


def test_a_rule_refusal_reads_in_spanish_with_named_values() -> None:
    from amparo.core.phrases import told
    from amparo.deadlines import rules
    from amparo.deadlines.catalogue import UnknownRule

    with pytest.raises(ValueError) as raised:
        rules.compute("habeas-return", datetime.date(2025, 7, 3), days=9)
    with pytest.raises(UnknownRule) as unknown:
        rules.rule_for("nope")
    with translation.override("es"):
        assert told(raised.value).startswith("habeas-return es de 3 días por ley")
        assert told(unknown.value).startswith("Regla de plazo desconocida 'nope'")


@pytest.mark.django_db
def test_the_deadlines_dashboard_explains_the_count_in_the_readers_language(cast: Cast) -> None:
    from amparo.deadlines.services import deadline_create_from_rule

    deadline = deadline_create_from_rule(
        actor=cast.attorney,
        case=cast.case,
        rule="habeas-return",
        trigger_on=datetime.date(2025, 7, 3),
    )
    client = Client()
    client.force_login(cast.attorney)
    spanish = client.get("/deadlines/", headers={"accept-language": "es"}).content.decode()
    assert '<time datetime="2025-07-07">lun 07/07/2025</time>' in spanish
    # The counting steps load when the reader opens them.
    steps = f"/deadlines/{deadline.id}/steps/"
    spanish = client.get(steps, headers={"accept-language": "es"}).content.decode()
    assert "Vence: 07/07/2025 (lunes)." in spanish
    assert "Due: 2025-07-07 (Monday)." not in spanish
    english = client.get(steps, headers={"accept-language": "en"}).content.decode()
    assert "Due: 2025-07-07 (Monday)." in english


@pytest.mark.django_db
def test_the_access_log_shows_times_in_the_organisations_zone_in_the_readers_order(
    cast: Cast,
) -> None:
    from amparo.audit.models import AuditEvent

    client = Client()
    client.force_login(cast.attorney)
    client.get(f"/cases/{cast.case.id}/")
    event = AuditEvent.objects.filter(case_id=cast.case.id).latest("created_at")
    local = timezone.localtime(event.created_at, zoneinfo.ZoneInfo(cast.organisation.time_zone))
    html = client.get(
        f"/audit/cases/{cast.case.id}/", headers={"accept-language": "es"}
    ).content.decode()
    assert local.strftime("%d/%m/%Y %H:%M:%S") in html
    assert f'datetime="{event.created_at.isoformat()}"' in html


@pytest.mark.django_db
def test_a_transfer_refusal_names_the_time_in_the_organisations_zone_and_the_readers_order(
    cast: Cast,
) -> None:
    from amparo.custody.models import Facility
    from amparo.custody.services import placement_record

    zone = zoneinfo.ZoneInfo(cast.organisation.time_zone)
    began = datetime.datetime(2026, 3, 18, 9, 30, tzinfo=zone)
    PlacementFactory(case=cast.case, started_at=began, observed_at=began)
    facility = Facility.objects.filter(state="TX").first()
    assert facility is not None
    with timezone.override(zone), translation.override("es"):
        with pytest.raises(ValidationError) as raised:
            placement_record(
                actor=cast.attorney,
                case=cast.case,
                facility=facility,
                started_at=began - datetime.timedelta(days=1),
                source="family",
            )
        (message,) = raised.value.message_dict["started_at"]
    assert "(18/03/2026 09:30 " in message
    assert "+00:00" not in message and "2026-03-18T" not in message


@pytest.mark.django_db
def test_a_venue_alert_reads_in_each_readers_language_and_an_old_one_as_saved(cast: Cast) -> None:
    from amparo.cases.models import CaseAlert
    from amparo.custody.models import Facility
    from amparo.custody.services import placement_record

    louisiana = Facility.objects.filter(state="LA").first()
    texas = Facility.objects.filter(state="TX").first()
    assert louisiana is not None and texas is not None
    started = timezone.now() - datetime.timedelta(days=3)
    with translation.override("ar"):  # whoever records the transfer reads Arabic
        for facility, at in ((louisiana, started), (texas, started + datetime.timedelta(days=1))):
            placement_record(
                actor=cast.attorney,
                case=cast.case,
                facility=facility,
                started_at=at,
                source="family",
            )
    alert = CaseAlert.objects.get(case=cast.case, kind=CaseAlert.Kind.VENUE_CHANGED)
    assert alert.message.startswith("venue changed: ")
    with translation.override("es"):
        assert alert.shown_message.startswith("cambio de jurisdicción territorial: ")
    old = CaseAlert(case=cast.case, kind=CaseAlert.Kind.OTHER, message="Saved long ago.")
    with translation.override("es"):
        assert old.shown_message == "Saved long ago."
