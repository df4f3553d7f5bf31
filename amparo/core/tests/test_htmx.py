"""The HTML adapter: errors by field in the user's words, the htmx status rule, file answers
that are never cached, and CSV cells a spreadsheet will not run."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from amparo.core.errors import ConflictError, TransitionError
from amparo.core.htmx import Errors, csv_cell, download_response, form_write, panel_status


class TransferForm(forms.Form):
    started_at = forms.DateTimeField()
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


def test_service_errors_are_read_by_field_with_their_status() -> None:
    invalid = Errors.of_exception(ValidationError({"started_at": ["In the future."]}))
    assert invalid.fields == {"started_at": ["In the future."]} and invalid.status == 422
    moved = Errors.of_exception(TransitionError("Already decided.", field="status"))
    assert moved.fields == {"status": ["Already decided."]}
    stale = Errors.of_exception(ConflictError())
    assert stale.status == 409 and "changed by someone else" in stale.text()
    assert Errors.of_exception(ValidationError("Not now.")).text() == "Not now."


class LabelledForm(forms.Form):
    started_at = forms.DateTimeField(label="Moved on")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


def test_lines_never_show_a_python_name_and_use_the_form_s_label() -> None:
    """A service names fields as Python does (`started_at`, `renewed.requested_duration`);
    the user reads the label their form shows, or the message alone."""
    errors = Errors.of_exception(
        ValidationError({"started_at": ["In the future."], "renewed.requested_duration": ["No."]})
    )
    assert errors.lines() == ["In the future.", "No."]
    assert errors.labelled(LabelledForm()).lines() == ["Moved on: In the future.", "No."]


def test_unplaced_keeps_only_what_no_field_of_the_form_shows() -> None:
    form = LabelledForm({"started_at": "2026-03-01 09:00"})
    assert form.is_valid()
    errors = Errors.of_exception(
        ValidationError({"started_at": ["In the future."], "office": ["Name the office."]})
    )
    errors.add_to(form)
    assert form.errors["started_at"] == ["In the future."]
    assert errors.unplaced(form).fields == {"office": ["Name the office."]}
    assert Errors.of_form(form).unplaced(form).fields == {}


def test_errors_go_next_to_their_field_and_a_stale_form_to_the_top() -> None:
    form = TransferForm({"started_at": "2026-03-01 09:00"})
    assert form.is_valid()
    Errors.of_exception(ValidationError({"started_at": ["In the future."]})).add_to(form)
    Errors.of_exception(ConflictError()).add_to(form)
    assert form.errors["started_at"] == ["In the future."]
    assert "changed by someone else" in form.non_field_errors()[0]


def test_form_write_answers_done_or_failed_and_never_both() -> None:
    seen: list[str] = []

    def save(data: dict[str, object]) -> str:
        raise TransitionError("Already decided.")

    def done(result: str) -> HttpResponse:
        seen.append("done")
        return HttpResponse()

    def failed(errors: Errors) -> HttpResponse:
        seen.append(errors.text())
        return HttpResponse(status=422)

    for typed in ("nonsense", "2026-03-01 09:00"):
        form_write(TransferForm({"started_at": typed}), save, done=done, failed=failed)
    assert seen == ["Enter a valid date/time.", "Already decided."]


def test_htmx_gets_200_and_a_plain_post_the_honest_status() -> None:
    factory = RequestFactory()
    assert panel_status(factory.post("/", HTTP_HX_REQUEST="true"), 422) == 200
    assert panel_status(factory.post("/"), 422) == 422


def test_downloads_are_not_cached_and_csv_cells_do_not_run() -> None:
    response = download_response(b"x", filename="agency-answers.csv", content_type="text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="agency-answers.csv"'
    assert response["Cache-Control"] == "private, no-store"
    inline = download_response(b"x", filename="a.ics", content_type="text/calendar", inline=True)
    assert inline["Content-Disposition"] == 'inline; filename="a.ics"'
    assert [csv_cell(v) for v in ("=1+1", "-2", "@x", "ok", None, 3)] == [
        "'=1+1",
        "'-2",
        "'@x",
        "ok",
        "",
        "3",
    ]


def test_a_streamed_csv_download_is_not_cached_and_its_cells_do_not_run() -> None:
    from amparo.core.htmx import csv_lines

    response = download_response(
        csv_lines(["who", "agent"], [["Ana", "=HYPERLINK(1)"]]),
        filename="log.csv",
        content_type="text/csv",
    )
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert body.splitlines() == ["who,agent", "Ana,'=HYPERLINK(1)"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="log.csv"'
