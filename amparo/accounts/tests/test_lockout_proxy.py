"""Lockout by address typed and client address together, and the client address behind a proxy."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from amparo.conftest import Cast
from amparo.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, email: str, password: str) -> int:
    return client.post("/accounts/login/", {"login": email, "password": password}).status_code


def test_failed_sign_ins_for_made_up_addresses_do_not_lock_out_a_colleague(cast: Cast) -> None:
    # Everyone behind one office proxy shares an address.
    stranger = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(40):
        _sign_in(stranger, f"nobody{n}@example.org", "guess-guess-1")
    for n in range(8):
        _sign_in(stranger, "nobody@example.org", f"guess-guess-{n}")

    colleague = Client(REMOTE_ADDR="10.0.0.1")
    assert _sign_in(colleague, "attorney@riverside.test", TEST_PASSWORD) == 302


def test_repeated_failures_for_one_address_lock_that_address_from_that_client(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(6):
        _sign_in(client, "attorney@riverside.test", f"wrong-password-{n}")
    assert _sign_in(client, "attorney@riverside.test", TEST_PASSWORD) != 302
    # The same person from elsewhere is not locked out by someone guessing from this client.
    assert _sign_in(Client(REMOTE_ADDR="10.0.0.3"), "attorney@riverside.test", TEST_PASSWORD) == 302


@pytest.mark.parametrize(
    ("trusted", "forwarded", "seen"),
    [
        (0, "198.51.100.7", "10.0.0.9"),  # off by default: the header is anyone's to send
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.66, 198.51.100.7", "198.51.100.7"),  # the client's own entry is ignored
        (2, "203.0.113.66, 198.51.100.7, 10.0.0.5", "198.51.100.7"),
        (1, "not-an-address", "10.0.0.9"),
    ],
)
def test_the_client_address_behind_trusted_proxies_is_what_audit_and_lockout_see(
    cast: Cast, trusted: int, forwarded: str, seen: str
) -> None:
    from amparo.audit.models import AuditEvent

    client = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(AMPARO_TRUSTED_PROXIES=trusted):
        assert _sign_in(client, "attorney@riverside.test", TEST_PASSWORD) == 302
    event = AuditEvent.objects.filter(action="auth.login").order_by("-sequence").first()
    assert event is not None and event.ip_address == seen


def test_lockout_behind_a_proxy_follows_the_real_client(cast: Cast) -> None:
    with override_settings(AMPARO_TRUSTED_PROXIES=1):
        guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
        for n in range(6):
            _sign_in(guesser, "attorney@riverside.test", f"wrong-password-{n}")
        assert _sign_in(guesser, "attorney@riverside.test", TEST_PASSWORD) != 302
        owner = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.21")
        assert _sign_in(owner, "attorney@riverside.test", TEST_PASSWORD) == 302
