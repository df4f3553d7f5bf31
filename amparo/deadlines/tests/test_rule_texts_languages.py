"""A rule's own title and counting note read in the reader's language wherever a deadline is
shown; the English stays in the row and in machine output, and a typed title shows as typed."""

from __future__ import annotations

import datetime
import html

import pytest
from django.test import Client

from amparo.conftest import Cast
from amparo.deadlines.catalogue import RULES
from amparo.deadlines.services import deadline_create_from_rule, task_create

SPANISH = {
    "title": "Contestación a la orden de mostrar causa",
    "note": "Fed. R. Civ. P. 6(d) añade 3 días solo si el escrito se notificó por correo",
}
ARABIC = {
    "title": "الرد على الأمر بإبداء الأسباب",
    "note": "لا تضيف Fed. R. Civ. P. 6(d) ثلاثة أيام إلا إذا بُلّغت الورقة بالبريد",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("es", SPANISH), ("ar", ARABIC)])
def test_a_rule_made_deadline_reads_in_the_readers_language(
    cast: Cast, language: str, expected: dict[str, str]
) -> None:
    deadline = deadline_create_from_rule(
        actor=cast.attorney,
        case=cast.case,
        rule="habeas-return",
        trigger_on=datetime.date(2025, 7, 3),
    )
    typed = task_create(
        actor=cast.attorney,
        case=cast.case,
        title="Call the consulate about the passport",
        due_on=datetime.date(2025, 7, 10),
    )
    deadline.refresh_from_db()
    assert deadline.title == "Return to the order to show cause"
    client = Client()
    client.force_login(cast.attorney)
    headers = {"accept-language": language}

    steps = html.unescape(client.get(f"/deadlines/{deadline.id}/steps/", headers=headers).text)
    assert expected["title"] in steps
    assert expected["note"] in steps
    assert "Return to the order to show cause" not in steps
    assert "adds 3 days only where the paper was served" not in steps

    panel = html.unescape(client.get(f"/cases/{cast.case.id}/deadlines/", headers=headers).text)
    assert expected["title"] in panel
    assert "Return to the order to show cause" not in panel
    assert typed.title in panel

    english = html.unescape(client.get(f"/deadlines/{deadline.id}/steps/").text)
    assert "Return to the order to show cause" in english


def test_the_rule_texts_stay_english_strings_for_machines() -> None:
    rule = RULES["habeas-return"]
    assert rule.title == "Return to the order to show cause"
    assert rule.counting_note.startswith("28 U.S.C. § 2243 does not say how to count")
    assert " Orders to show cause are often served electronically" in rule.counting_note
