"""The HTML adapter: what every HTML view needs between a request and a service, written once.

- `member(request)`: the acting member (views are `login_required`, so a missing one is refused).
- `is_htmx(request)` and `panel_status(request, status)`: htmx swaps only 2xx answers by default,
  so a panel re-rendered with its errors comes back as 200 to htmx; a plain form post gets the
  honest 4xx.
- `Errors`: a form's errors or a service's `ValidationError` / `TransitionError` /
  `ConflictError`, by field, in the user's words; `form_write` checks a form, calls the service
  and hands either the result or the errors back to the view to re-render its panel;
  `write_view` makes the whole POST view of a panel write from its loader, form and service.
- `download_response`, `csv_cell`, `csv_lines` and `csv_bytes`: file answers (whole, open or
  streamed) that are never cached, and CSV whose cells a spreadsheet will not run as formulas.

The API has its own translation of the same errors (`api/errors.py`); both read `core.errors`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from amparo.accounts.models import User
from amparo.core.errors import ConflictError, TransitionError

WRITE_ERRORS = (ValidationError, TransitionError, ConflictError)
NON_FIELD = "__all__"
# Leading characters that make a spreadsheet evaluate a cell (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def member(request: HttpRequest) -> User:
    """The signed-in member acting in this request."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def panel_status(request: HttpRequest, status: int) -> int:
    """The status of a re-rendered panel: 200 for htmx (it swaps only 2xx answers), else
    `status`."""
    return 200 if is_htmx(request) else status


@dataclass
class Errors:
    """Messages by field name (`__all__` for the record as a whole) and the status they earn:
    409 when someone else changed the record first, else 422."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    status: int = 422
    on_form: bool = False  # the form's own errors, already shown beside its fields
    labels: dict[str, str] = field(default_factory=dict)  # the words the form shows per field

    @classmethod
    def of_form(cls, form: Form) -> Errors:
        messages = {name: [str(m) for m in found] for name, found in form.errors.items()}
        labels = {
            name: str(form.fields[name].label)
            for name in messages
            if name in form.fields and form.fields[name].label
        }
        return cls(messages, on_form=True, labels=labels)

    @classmethod
    def of_exception(cls, exc: Exception) -> Errors:
        if isinstance(exc, ConflictError):
            return cls({"version": [exc.message]}, status=409)
        if isinstance(exc, TransitionError):
            return cls({exc.field or NON_FIELD: [exc.message]})
        if isinstance(exc, ValidationError):
            if hasattr(exc, "error_dict"):
                return cls({name: list(messages) for name, messages in exc.message_dict.items()})
            return cls({NON_FIELD: list(exc.messages)})
        raise TypeError(f"not a write error: {type(exc).__name__}")

    def __bool__(self) -> bool:
        return bool(self.fields)

    def lines(self) -> list[str]:
        """One line per field, "label: message", in the user's words: a field is named by the
        label its form shows (`labelled`), never by its Python name; a field with no label
        known, and the record's own messages, show the message alone."""
        return [
            (self.labels[name] + ": " if name != NON_FIELD and name in self.labels else "")
            + " ".join(messages)
            for name, messages in self.fields.items()
        ]

    def labelled(self, form: Form) -> Errors:
        """The same errors, each field named by the label `form` shows for it."""
        labels = {
            name: str(field.label)
            for name, field in form.fields.items()
            if name in self.fields and field.label
        }
        return Errors(
            self.fields, status=self.status, on_form=self.on_form, labels={**labels, **self.labels}
        )

    def unplaced(self, form: Form) -> Errors:
        """The errors `add_to(form)` could not put beside a field of `form` (a field it lacks,
        the record as a whole): what a page must still show above the form."""
        if self.on_form:
            return Errors(status=self.status)
        fields = {
            name: messages
            for name, messages in self.fields.items()
            if name not in form.fields or (name == "version" and self.status == 409)
        }
        return Errors(fields, status=self.status, labels=self.labels)

    def text(self) -> str:
        return "; ".join(self.lines())

    def renamed(self, names: dict[str, str]) -> Errors:
        """The same errors under the form's names, where the service names a field otherwise
        (intake speaks the API's `facility_id`, the form has `facility_query`)."""
        fields: dict[str, list[str]] = {}
        for name, messages in self.fields.items():
            fields.setdefault(names.get(name, name), []).extend(messages)
        return Errors(fields, status=self.status, on_form=self.on_form, labels=self.labels)

    def add_to(self, form: Form) -> None:
        """Show each message next to its field; a field the form lacks goes to the top."""
        if self.on_form:
            return
        for name, messages in self.fields.items():
            target = name if name in form.fields else None
            if name == "version" and self.status == 409:
                target = None  # a stale form is the form's problem, not the hidden field's
            form.add_error(target, messages)


def form_write(
    form: Form,
    save: Callable[[dict[str, Any]], T],
    *,
    done: Callable[[T], HttpResponse],
    failed: Callable[[Errors], HttpResponse],
) -> HttpResponse:
    """Check `form`, then `save(cleaned_data)` through a service; `done(result)` answers, or
    `failed(errors)` when the form or the service refused (nothing was saved)."""
    if not form.is_valid():
        return failed(Errors.of_form(form))
    try:
        result = save(form.cleaned_data)
    except WRITE_ERRORS as exc:
        return failed(Errors.of_exception(exc))
    return done(result)


def service_write(
    save: Callable[[], T],
    *,
    done: Callable[[T], HttpResponse],
    failed: Callable[[Errors], HttpResponse],
) -> HttpResponse:
    """`form_write` for an action with no form to check."""
    try:
        result = save()
    except WRITE_ERRORS as exc:
        return failed(Errors.of_exception(exc))
    return done(result)


# What a panel write loads through the gate: what the panel shows again (the case), and the
# keyword arguments that name the record to the service (`{"inquiry": inquiry}`).
Loaded = tuple[Any, dict[str, Any]]


def write_view(
    load: Callable[[User, str], Loaded],
    form_class: type[Form],
    service: Callable[..., object],
    *,
    panel: Callable[[HttpRequest, Any], HttpResponse],
    refused: Callable[[HttpRequest, Any, Form, Errors], HttpResponse],
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
) -> Callable[..., HttpResponse]:
    """The POST view of one write of a panel, the shape every panel write shares: load what it
    changes (the address carries its one id) for writing, check `form_class`, call
    `service(actor=..., <record>=..., **cleaned_data)`, answer `panel(request, case)` again or
    `refused(request, case, form, errors)`."""

    @login_required
    @require_POST
    def view(request: HttpRequest, **ids: str) -> HttpResponse:
        (record_id,) = ids.values()
        actor = member(request)
        owner, record = load(actor, record_id)
        form = form_class(request.POST, **(form_kwargs(owner) if form_kwargs else {}))
        return form_write(
            form,
            lambda data: service(actor=actor, **record, **data),
            done=lambda _result: panel(request, owner),
            failed=lambda errors: refused(request, owner, form, errors),
        )

    return view


def download_response(
    body: bytes | IO[bytes] | Iterable[bytes | str],
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    cache_control: str = "private, no-store",
) -> HttpResponseBase:
    """A file to save (or, `inline`, to show): whole bytes, an open file, or chunks streamed as
    they are made (a large export). Client files and feeds are never cached."""
    response: HttpResponseBase
    if isinstance(body, bytes):
        response = HttpResponse(body, content_type=content_type)
    elif hasattr(body, "read"):
        response = FileResponse(
            body, as_attachment=not inline, filename=filename, content_type=content_type
        )
    else:
        response = StreamingHttpResponse(body, content_type=content_type)
    if not isinstance(response, FileResponse):
        disposition = content_disposition_header(not inline, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    response["Cache-Control"] = cache_control
    return response


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula (text may be chosen by an attacker)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(values: Iterable[object]) -> list[str]:
    return [csv_cell(v) for v in values]


class _Echo:
    """A file that hands back what is written to it, so `csv.writer` yields lines to stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The lines of a CSV file, one at a time (to stream), every cell spreadsheet-safe."""
    writer = csv.writer(_Echo())
    yield writer.writerow(csv_row(header))
    for row in rows:
        yield writer.writerow(csv_row(row))


def csv_bytes(header: Iterable[object], rows: Iterable[Iterable[object]]) -> bytes:
    """A whole CSV file in UTF-8, every cell spreadsheet-safe."""
    return "".join(csv_lines(header, rows)).encode()
