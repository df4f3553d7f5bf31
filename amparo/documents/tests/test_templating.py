"""Reading a template's fields and rendering without blanks: small templates built in code."""

from __future__ import annotations

import pytest

from amparo.documents.builtin import Writer
from amparo.documents.templating import (
    MissingDataError,
    TemplateFileError,
    docx_text,
    fields_used,
    render,
    template_fields,
)


def docx(*paragraphs: str) -> bytes:
    writer = Writer("Test")
    for text in paragraphs:
        writer.p(text)
    return writer.bytes()


def context(**groups: object) -> dict[str, object]:
    base: dict[str, object] = {
        "client": {"full_name": "Ana Ruiz", "a_number": "A012-345-678", "aliases": []},
        "respondents": [{"display": "Warden, Test Center", "name": "", "role": "x"}],
        "today": "March 18, 2026",
    }
    base.update(groups)
    return base


def test_fields_used_reads_attributes_loops_and_filters() -> None:
    source = (
        "{{ client.full_name|upper }} {% for r in respondents %}{{ r.display }}"
        "{% for s in custody.transfers %}{{ s }}{% endfor %}{% endfor %}"
        "{% set x = 3 %}{{ x }}{{ loop_free }}{% if parole.categories %}{% endif %}"
    )
    assert fields_used(source) == {
        "client.full_name",
        "respondents",
        "respondents[].display",
        "custody.transfers",
        "custody.transfers[]",
        "loop_free",
        "parole.categories",
    }


def test_fields_used_follows_nested_loops_over_loop_variables() -> None:
    source = (
        "{% for p in custody.placements %}{% for w in p.words %}{{ w.x }}{% endfor %}{% endfor %}"
    )
    assert "custody.placements[].words[].x" in fields_used(source)


def test_template_fields_reads_paragraph_and_row_tags() -> None:
    data = docx("{%p for r in respondents %}", "{{ r.title }}", "{%p endfor %}", "{{ today }}")
    assert template_fields(data) == {"respondents", "respondents[].title", "today"}


def test_template_referencing_a_missing_field_yields_the_missing_data_list() -> None:
    """The acceptance case: a field the case has no data for is reported, with its
    description and where to fix it; no document comes back."""
    data = docx("Client: {{ client.full_name }}", "A-number: {{ client.a_number }}")
    ctx = context(client={"full_name": "Ana Ruiz", "a_number": None, "aliases": []})
    with pytest.raises(MissingDataError) as caught:
        render(data, ctx)
    [item] = caught.value.items
    assert item.field == "client.a_number"
    assert item.fix == "client"
    assert "A-number" in item.description
    assert not item.unknown


def test_every_missing_field_is_listed_at_once() -> None:
    data = docx("{{ client.full_name }} {{ client.a_number }} {{ today }}")
    ctx = context(client={"full_name": "", "a_number": None, "aliases": []}, today=None)
    with pytest.raises(MissingDataError) as caught:
        render(data, ctx)
    assert [i.field for i in caught.value.items] == ["client.full_name", "client.a_number", "today"]


def test_a_whole_missing_group_reports_the_fields_used() -> None:
    data = docx("Denied on {{ decision.decided_at }} after {{ decision.turnaround }}.")
    with pytest.raises(MissingDataError) as caught:
        render(data, context(decision=None))
    assert [i.field for i in caught.value.items] == ["decision.decided_at", "decision.turnaround"]
    assert all(i.fix == "requests" for i in caught.value.items)


def test_a_guarded_missing_field_is_not_reported_and_prints_nothing() -> None:
    data = docx("{{ client.full_name }}{% if client.a_number %}, {{ client.a_number }}{% endif %}.")
    out = render(data, context(client={"full_name": "Ana Ruiz", "a_number": None, "aliases": []}))
    assert "Ana Ruiz." in docx_text(out)
    assert "None" not in docx_text(out)


def test_an_empty_required_list_is_missing_but_an_optional_one_is_not() -> None:
    data = docx("{%p for r in respondents %}", "{{ r.display }}", "{%p endfor %}")
    with pytest.raises(MissingDataError) as caught:
        render(data, context(respondents=[]))
    assert [i.field for i in caught.value.items] == ["respondents"]
    optional = docx("{%p for a in client.aliases %}", "{{ a }}", "{%p endfor %}", "end")
    assert "end" in docx_text(render(optional, context()))


def test_an_unknown_field_is_refused_by_name() -> None:
    data = docx("{{ client.shoe_size }} and {{ nonsense }}")
    with pytest.raises(MissingDataError) as caught:
        render(data, context())
    assert [i.field for i in caught.value.items] == ["client.shoe_size", "nonsense"]
    assert all(i.unknown for i in caught.value.items)


def test_values_are_escaped_for_word() -> None:
    data = docx("{{ client.full_name }}")
    ctx = context(client={"full_name": "Ana <Ruiz> & Co", "a_number": "x", "aliases": []})
    assert "Ana <Ruiz> & Co" in docx_text(render(data, ctx))


def test_templates_cannot_reach_python_internals() -> None:
    """Organisations upload templates: internals are unknown fields, and rendering runs in
    Jinja's sandbox besides."""
    data = docx("{{ client.full_name.__class__.__mro__ }}")
    with pytest.raises(MissingDataError) as caught:
        render(data, context())
    assert caught.value.items[0].unknown


def test_a_file_that_is_not_a_docx_is_refused() -> None:
    with pytest.raises(TemplateFileError):
        template_fields(b"%PDF-1.4 not a word file")


def test_a_jinja_syntax_error_is_refused_with_a_message() -> None:
    with pytest.raises(TemplateFileError, match="cannot be read"):
        template_fields(docx("{% if client.full_name %} never closed"))
