"""Every form refuses what cannot be stored next to the field, with everything typed kept
(`core/forms.py`, the base every form of the project derives from). Nothing is written. The
refusal page is left for what no form reports (a search box in the address, a value a page sent
itself)."""

from __future__ import annotations

import datetime
import html

import pytest
from django import forms
from django.test import Client
from django.utils import timezone

from amparo.advocacy.models import Statement
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, Note
from amparo.conftest import Cast
from amparo.core.forms import AmparoForm
from amparo.relief.models import Request

pytestmark = pytest.mark.django_db

BAD = {
    "a NUL character": "Ana\x00Herrera",
    "a lone surrogate": "Ana\ud800Herrera",
    "an over-long value": "A" * 60_000,
}
# A posted form cannot carry half a surrogate pair (its bytes decode to the replacement mark),
# so the pages are tried with the other two; the form test above covers all three.
POSTED = {name: value for name, value in BAD.items() if name != "a lone surrogate"}


def _signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _page(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


def _written() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        Note.objects.count(),
        Request.objects.count(),
        Statement.objects.count(),
        AuditEvent.objects.filter(action__contains="create").count(),
    )


class _Sample(AmparoForm):
    name = forms.CharField(max_length=120)
    born = forms.DateField(required=False)
    kinds = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


@pytest.mark.parametrize("bad", list(BAD.values()), ids=list(BAD))
def test_any_form_refuses_text_that_cannot_be_stored_next_to_the_field(bad: str) -> None:
    form = _Sample({"name": bad, "born": "1990-01-02"})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]
    assert form["born"].value() == "1990-01-02"
    form.as_p().encode()  # shown again as typed, in UTF-8 (the unstorable mark replaced)


def test_any_form_names_the_fields_own_limit_for_an_over_long_value() -> None:
    form = _Sample({"name": "A" * 60_000})
    assert not form.is_valid()
    assert "120" in form.errors["name"][0]


def test_any_form_refuses_a_choice_with_a_nul_character() -> None:
    form = _Sample({"name": "Ana", "kinds": ["a\x00"]})
    assert not form.is_valid()
    assert list(form.errors) == ["kinds"]


@pytest.mark.parametrize("day", ["1850-05-01", "2150-05-01"])
def test_any_form_refuses_a_date_outside_the_years_a_file_can_hold(day: str) -> None:
    form = _Sample({"name": "Ana", "born": day})
    assert not form.is_valid()
    assert "1900" in form.errors["born"][0]


class _Added(AmparoForm):
    """A form whose `__init__` adds a field after Django's, as the case forms do."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["case"] = forms.ModelChoiceField(queryset=Case.objects.all())
        self.fields["note"] = forms.CharField(disabled=True, initial="kept\x00")


def test_a_field_added_in_init_is_checked_before_it_queries(
    django_assert_num_queries: object,
) -> None:
    form = _Added({"case": "1\x00"})
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert not form.is_valid()
    # A disabled field is checked on its initial value, the value Django cleans.
    assert {name: error.code for name, [error] in form.errors.as_data().items()} == {
        "case": "unstorable",
        "note": "unstorable",
    }


def test_the_checks_use_only_djangos_public_form_api() -> None:
    """The base overrides `full_clean` and wraps `Field.clean`, both public; the private loop
    (`BaseForm._clean_fields`) is Django's own, so a change to it in Django cannot bypass the
    checks unnoticed: the tests above would fail, and this one says where to look."""
    from amparo.core.forms import EdgeFormMixin

    assert not [name for name in vars(EdgeFormMixin) if name.startswith("_clean")]
    form = _Sample({"name": "Ana"})
    assert form.is_valid()
    assert "clean" in vars(form.fields["name"])
    assert "clean" not in vars(_Sample.base_fields["name"])


@pytest.mark.parametrize("bad", list(POSTED.values()), ids=list(POSTED))
def test_intake_shows_the_error_next_to_the_name_and_keeps_what_was_typed(
    cast: Cast, bad: str
) -> None:
    before = _written()
    response = _signed_in(cast.attorney).post(
        "/cases/new/",
        {
            "given_name": bad,
            "family_name": "Zelaya Ortiz",
            "immigration_status": "other",
            "arrest_place": "En la casa de su hermana",
            "note": "Llamó la esposa desde Baton Rouge.",
        },
    )
    assert response.status_code == 422
    page = _page(response)
    assert "Zelaya Ortiz" in page
    assert "En la casa de su hermana" in page
    assert "Llamó la esposa desde Baton Rouge." in page
    assert response.context["form"].errors.keys() == {"given_name"}
    assert _written() == before


def test_intake_refuses_a_date_of_birth_before_1900_and_keeps_the_names(cast: Cast) -> None:
    before = _written()
    response = _signed_in(cast.attorney).post(
        "/cases/new/",
        {
            "given_name": "Ana",
            "family_name": "Zelaya Ortiz",
            "immigration_status": "other",
            "date_of_birth": "1850-04-17",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"date_of_birth"}
    assert "Zelaya Ortiz" in _page(response)
    assert _written() == before


def test_a_note_with_a_nul_character_is_refused_next_to_the_text(cast: Cast) -> None:
    before = _written()
    response = _signed_in(cast.attorney).post(
        f"/cases/{cast.case.id}/notes/",
        {"kind": "call", "body": "Habló con\x00 la esposa", "privileged": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 422)
    form = response.context["form"]
    assert form.errors.keys() == {"body"}
    assert form["kind"].value() == "call"
    assert _written() == before


def test_a_request_with_a_nul_character_in_its_reason_is_refused_next_to_it(cast: Cast) -> None:
    before = _written()
    response = _signed_in(cast.attorney).post(
        f"/cases/{cast.case.id}/requests/",
        {"type": "no-transfer", "reason": "Keep him near\x00 his family."},
    )
    assert response.status_code == 422
    form = response.context["new_form"]
    assert form.errors.keys() == {"reason"}
    assert form["type"].value() == "no-transfer"
    assert "Keep him near\ufffd his family." in _page(response)  # kept, the NUL marked
    assert _written() == before


def test_a_statement_with_a_nul_in_the_name_keeps_the_text_typed(cast: Cast) -> None:
    before = _written()
    said = timezone.localtime(timezone.now() - datetime.timedelta(hours=2))
    response = _signed_in(cast.advocate).post(
        f"/cases/{cast.case.id}/advocacy/statements/",
        {
            "author_kind": "family",
            "author_name": "Ana\x00 Herrera",
            "kind": "interview",
            "said_at": said.strftime("%Y-%m-%dT%H:%M"),
            "language": "es",
            "text": "Queremos que esté con nosotros.",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code in (200, 422)
    form = response.context["statement_form"]
    assert form.errors.keys() == {"author_name"}
    page = _page(response)
    assert "Queremos que esté con nosotros." in page
    # Beside the field it is about (the panel lists at its top only what no field shows),
    # and never under the field's code.
    assert "author_name" not in page.split('name="author_name"')[0]
    assert 'class="field-error"' in page.split('name="author_name"')[1].split("</label>")[0]
    assert _written() == before


def test_a_value_no_form_reports_is_rolled_back_and_answers_the_refusal_page(cast: Cast) -> None:
    client = _signed_in(cast.attorney)
    response = client.post("/accounts/language/", {"language": "es\x00"})
    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode()


def test_a_nul_in_a_page_search_box_answers_the_refusal_page(cast: Cast) -> None:
    response = _signed_in(cast.attorney).get("/cases/", {"q": "Her\x00rera"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be stored" in page
    assert "“q”" not in page  # no internal field name
