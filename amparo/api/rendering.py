"""Answers whose body is already in the shape of the endpoint's response schema.

django-ninja checks every answer against its schema: each field of each row goes through its
`DjangoGetter` and pydantic, then is dumped again. For a list of 50 cases that was about 2.3 ms of
CPU a request (a profile of `GET /api/v1/cases` at 10,000 cases), more than reading the page.
`schema_json` renders the body as ninja's own JSON renderer would, field for field, for an
endpoint whose presenter already builds each value with the schema's types and field order. The
endpoint still declares `response=` (the OpenAPI document is unchanged), and
`api/tests/test_rendering.py` checks that ninja's validation gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from ninja.renderers import JSONRenderer

CONTENT_TYPE = f"{JSONRenderer.media_type}; charset={JSONRenderer.charset}"


def schema_json(body: dict[str, Any], *, status: int = 200) -> HttpResponse:
    """`body` as ninja's JSONRenderer writes it (same encoder, same content type)."""
    return HttpResponse(
        json.dumps(body, cls=JSONRenderer.encoder_class, **JSONRenderer.json_dumps_params),
        status=status,
        content_type=CONTENT_TYPE,
    )
