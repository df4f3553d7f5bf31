"""Signing in: allauth by email, lockout after repeated failures (django-axes), TOTP and an
organisation's MFA requirement, Argon2 hashing, idle expiry, and the production settings passing
`check --deploy` with a strict Content-Security-Policy."""

from __future__ import annotations

import datetime
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from amparo.accounts.models import User
from amparo.audit.models import AuditEvent
from amparo.conftest import Cast, api_client_for
from amparo.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]


def _sign_in(client: Client, email: str, password: str) -> int:
    return client.post("/accounts/login/", {"login": email, "password": password}).status_code


def test_members_sign_in_by_email_at_the_usual_address(cast: Cast) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "Attorney@Riverside.test", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/cases/").status_code == 200


def test_the_sign_in_page_is_allauths_under_the_old_name(db: None) -> None:
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="login"' in page and 'type="email"' in page
    assert "/accounts/password/reset/" in page


def test_nobody_signs_up_by_themselves(db: None) -> None:
    Client().post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert not User.objects.filter(email="new@example.org").exists()


def test_password_reset_mail_goes_to_a_member(cast: Cast, mailoutbox: list[object]) -> None:
    response = Client().post("/accounts/password/reset/", {"email": "attorney@riverside.test"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_lockout_after_five_failures_even_with_the_right_password(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="198.51.100.4")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(client, "attorney@riverside.test", "wrong-password-123") == 200
    # The failure that reaches the limit is answered with the lockout already.
    assert _sign_in(client, "attorney@riverside.test", "wrong-password-123") == 429

    locked = client.post(
        "/accounts/login/", {"login": "attorney@riverside.test", "password": TEST_PASSWORD}
    )

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(organisation=cast.organisation, action="auth.login_failed")
    assert failed.count() == settings.AXES_FAILURE_LIMIT + 1
    # Another member, or the same member from another address, is not locked out.
    assert (
        _sign_in(Client(REMOTE_ADDR="198.51.100.4"), "paralegal@riverside.test", TEST_PASSWORD)
        == 302
    )
    assert (
        _sign_in(Client(REMOTE_ADDR="192.0.2.10"), "attorney@riverside.test", TEST_PASSWORD) == 302
    )


def test_lockout_ends_after_the_cool_off(cast: Cast) -> None:
    client = Client(REMOTE_ADDR="198.51.100.5")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "attorney@riverside.test", "wrong-password-123")
    assert _sign_in(client, "attorney@riverside.test", TEST_PASSWORD) == 429
    later = timezone.now() + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later):
        assert _sign_in(client, "attorney@riverside.test", TEST_PASSWORD) == 302


def test_test_client_login_still_works_without_a_request(cast: Cast) -> None:
    assert Client().login(email="attorney@riverside.test", password=TEST_PASSWORD)


# --- MFA ---------------------------------------------------------------------------------------


def _current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_a_member_with_totp_must_give_a_code_to_sign_in(cast: Cast) -> None:
    secret = generate_totp_secret()
    TOTP.activate(cast.attorney, secret)
    client = Client()

    first = client.post(
        "/accounts/login/", {"login": "attorney@riverside.test", "password": TEST_PASSWORD}
    )
    assert first.status_code == 302
    assert first["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/cases/").status_code == 302  # not signed in yet
    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200

    second = client.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})

    assert second.status_code == 302
    assert client.get("/cases/").status_code == 200


def test_organisation_requiring_mfa_sends_members_without_totp_to_set_it_up(cast: Cast) -> None:
    out = io.StringIO()
    call_command("org", "mfa", "riverside", "on", stdout=out)
    assert out.getvalue().strip() == "riverside mfa on"
    assert AuditEvent.objects.filter(action="organisation.require_mfa").exists()
    client = Client()
    client.force_login(cast.paralegal)

    page = client.get(f"/cases/{cast.case.id}/")
    api = client.get(f"/api/v1/cases/{cast.case.id}")

    assert page.status_code == 302 and page["Location"] == "/accounts/2fa/totp/activate/"
    assert api.status_code == 403 and api.json()["error"]["code"] == "mfa_required"
    assert client.get("/accounts/2fa/").status_code == 200  # the way to set it up stays open
    # Nothing of the case was read: no audit event of a read by this member.
    assert not AuditEvent.objects.filter(actor=cast.paralegal, action="case.read").exists()

    TOTP.activate(cast.paralegal, generate_totp_secret())
    assert client.get(f"/cases/{cast.case.id}/").status_code == 200


def test_mfa_requirement_leaves_other_organisations_and_bearer_tokens_alone(cast: Cast) -> None:
    cast.organisation.require_mfa = True
    cast.organisation.save(update_fields=["require_mfa"])
    outsider = Client()
    outsider.force_login(cast.outsider)
    assert outsider.get("/cases/").status_code == 200
    # Tokens are issued by an admin on the command line; they are not a browser sign-in.
    token = api_client_for(cast.attorney)
    assert token.get(f"/api/v1/cases/{cast.case.id}").status_code == 200
    assert not Authenticator.objects.exists()


# --- passwords and sessions -------------------------------------------------------------------


def test_argon2_hashes_and_older_hashes_still_verify(cast: Cast) -> None:
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS
    encoded = make_password("a-long-password-1", hasher="argon2")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("a-long-password-1", encoded)
    # A member whose password was stored before Argon2 (PBKDF2) still signs in.
    cast.read_only.password = make_password(TEST_PASSWORD, hasher="pbkdf2_sha256")
    cast.read_only.save(update_fields=["password"])
    assert _sign_in(Client(), "read-only@riverside.test", TEST_PASSWORD) == 302


def test_a_session_ends_after_an_idle_hour_but_not_while_in_use(cast: Cast) -> None:
    assert "amparo.core.sessions.SessionRefreshMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        client.force_login(cast.attorney)
        for _ in range(3):  # busy for two and a half hours, 50 minutes between requests
            traveller.shift(datetime.timedelta(minutes=50))
            assert client.get("/cases/").status_code == 200
        traveller.shift(datetime.timedelta(minutes=61))
        response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- production settings -----------------------------------------------------------------------


def _production_env(tmp_path: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "amparo.settings",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-" + "z" * 20,
        "ALLOWED_HOSTS": "amparo.example.org",
        "AMPARO_VAR_DIR": str(tmp_path),
    }


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "amparo", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_are_strict(tmp_path: Path) -> None:
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, "
        "s.SECURE_REFERRER_POLICY, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "True",
        "True",
        "31536000",
        "True",
        "DENY",
        "same-origin",
        "False",
    ]


def test_every_page_carries_a_strict_content_security_policy(cast: Cast) -> None:
    client = Client()
    client.force_login(cast.attorney)
    response = client.get(f"/cases/{cast.case.id}/")
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    page = response.content.decode()
    assert '"includeIndicatorStyles": false' in page  # htmx must not inject a style element


def test_no_template_has_inline_script_style_or_event_handler() -> None:
    """The policy allows neither; a template that needs one would break in the browser."""
    offenders = []
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = path.read_text()
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle=", r"\son[a-z]+="):
            for match in re.finditer(pattern, text):
                if 'type="application/json"' in match.group(0):
                    continue  # data, not code
                offenders.append(f"{path.relative_to(PACKAGE)}: {match.group(0)}")
    assert offenders == []
