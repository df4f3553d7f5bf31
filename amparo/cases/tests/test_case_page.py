"""The case page is built in Python (`cases/templatetags/case_page.py`); it must say, byte for
byte, what the template it replaced said (`case_detail_before.html` next to this file: the
former page with its panels' loaders and the timeline's partial in their includes' places)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from amparo.cases.facts import fact_sheet
from amparo.cases.models import Case, CaseAlert, Note
from amparo.cases.selectors import case_alerts, open_alerts
from amparo.cases.templatetags.case_page import LOCATOR, SECTIONS, TEAM, Loader
from amparo.cases.tests.test_timeline import _fill
from amparo.conftest import Cast, signed_in

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent
# The timeline's partial as it was before its items were built in Python.
BEFORE = Template(
    (HERE / "case_detail_before.html")
    .read_text()
    .replace("{# timeline_items_before.html #}", (HERE / "timeline_items_before.html").read_text())
)
# What the view gives its template (`cases.views.case_detail_page`).
CONTEXT = (
    *("case", "person", "a_number", "country_of_birth", "custody", "venue", "alerts"),
    *("timeline", "can_write", "sees_privileged", "can_read_log"),
)


def _long_case(cast: Cast) -> None:
    """Every kind of timeline item, a placement (custody and venue), an open alert with
    characters to escape, and more notes than a page holds (the "Older" link)."""
    _fill(cast, 1)
    CaseAlert.objects.create(
        case=cast.case, kind=CaseAlert.Kind.values[0], message='Venue <changed> & "moved"'
    )
    start = timezone.now() - datetime.timedelta(days=30)
    Note.objects.bulk_create(
        Note(case=cast.case, body=f"Call <{n}> & 'family'", privileged=n % 4 == 0)
        for n in range(60)
    )
    for n, note in enumerate(Note.objects.filter(case=cast.case)):
        Note.objects.filter(id=note.id).update(created_at=start + datetime.timedelta(hours=7 * n))


@pytest.mark.parametrize(
    ("filled", "role", "language", "restricted"),
    [
        (True, "attorney", "en", False),
        (True, "attorney", "es", False),
        (True, "attorney", "ar", False),
        (True, "read-only", "en", False),  # no links to edit
        (True, "advocate", "es", False),  # masked A-number, no privileged notes, no access log
        (False, "attorney", "en", False),  # not detained, nothing recorded yet
        (False, "admin", "en", True),
    ],
)
def test_the_page_says_what_its_template_said(
    cast: Cast, filled: bool, role: str, language: str, restricted: bool
) -> None:
    if filled:
        _long_case(cast)
    if restricted:
        Case.objects.filter(id=cast.case.id).update(restricted=True)
    response = signed_in(cast.by_role()[role]).get(
        reverse("cases:detail", args=[cast.case.id]), headers={"accept-language": language}
    )
    assert response.status_code == 200
    page = response.content.decode()
    context = {name: response.context[name] for name in CONTEXT}
    zone = cast.organisation.time_zone
    with translation.override(language), timezone.override(zone):
        expected = BEFORE.render(Context(context))
    assert expected.count("<section") >= 20  # the fixture rendered the whole page
    assert ('class="load-more"' in expected) == filled  # a long case links to older items
    assert expected in page


@pytest.mark.parametrize(
    "loader",
    [TEAM, LOCATOR, *(loader for _id, _label, loaders in SECTIONS for loader in loaders)],
    ids=lambda loader: loader.panel_id,
)
def test_every_panel_loads_from_its_own_address(cast: Cast, loader: Loader) -> None:
    client = signed_in(cast.attorney)
    page = client.get(reverse("cases:detail", args=[cast.case.id])).content.decode()
    url = reverse(loader.url_name, args=[cast.case.id])
    assert (
        f'<section id="{loader.panel_id}" class="{loader.css}" hx-get="{url}" hx-trigger="load"'
    ) in page
    assert client.get(url, headers={"hx-request": "true"}).status_code == 200


def test_open_alerts_are_the_orm_s_newest_first(cast: Cast) -> None:
    """`open_alerts` and the case page's fact sheet read by plain SQL what `case_alerts` gives:
    the same open alerts, in the same order, every field converted alike (the JSON of what
    changed among them)."""
    now = timezone.now()
    for n, resolved in enumerate((None, now, None, None)):
        alert = CaseAlert.objects.create(
            case=cast.case,
            kind=CaseAlert.Kind.values[0],
            message=f"Alert {n}",
            data={"from": "D.N.J.", "n": n},
            resolved_at=resolved,
        )
        CaseAlert.objects.filter(id=alert.id).update(created_at=now - datetime.timedelta(hours=n))

    def values(alert: CaseAlert) -> dict[str, object]:
        return {f.attname: getattr(alert, f.attname) for f in CaseAlert._meta.concrete_fields}

    read = open_alerts(cast.case)
    assert [values(a) for a in read] == [values(a) for a in case_alerts(cast.case)]
    # The case page reads them with its fact sheet: the same objects.
    with_sheet = fact_sheet(cast.case, alerts=True).open_alerts or []
    assert [values(a) for a in with_sheet] == [values(a) for a in read]
    assert [a.message for a in read] == ["Alert 0", "Alert 2", "Alert 3"]
    assert read[0].data == {"from": "D.N.J.", "n": 0} and not read[0]._state.adding
