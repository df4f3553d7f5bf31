"""The assignee select's options, built in Python, match what the template loop wrote."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.template import Context, Template


@dataclass
class _Member:
    id: uuid.UUID
    full_name: str


def test_assignee_options_escape_names_and_mark_the_assignee_selected() -> None:
    first, second = _Member(uuid.uuid4(), 'Ana <b>&</b> "Bo"'), _Member(uuid.uuid4(), "Cy")
    by_template = Template(
        '{% for m in members %}<option value="{{ m.id }}"{% if m.id == chosen %} selected'
        "{% endif %}>{{ m.full_name }}</option>{% endfor %}"
    )
    by_tag = Template("{% load assignee_options %}{% assignee_options members chosen %}")
    for chosen in (None, second.id):
        context = {"members": [first, second], "chosen": chosen}
        built = by_tag.render(Context(context))
        assert built == by_template.render(Context(context))
    assert "&lt;b&gt;&amp;&lt;/b&gt; &quot;Bo&quot;" in built
    assert f'<option value="{second.id}" selected>Cy</option>' in built
