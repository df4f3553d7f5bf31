"""The site's icon is served where browsers ask for it, from the checkout (offline)."""

from __future__ import annotations

from django.test import Client


def test_favicon_is_served_at_the_sites_root() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
