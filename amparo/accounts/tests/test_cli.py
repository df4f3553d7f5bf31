"""Admin CLI: `amparo org create`, `amparo user create`, `amparo token create/revoke`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from amparo.accounts.models import ApiToken, Membership, Organisation, User

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


def test_org_create_prints_the_new_slug() -> None:
    slug = run("org", "create", "Gulf Coast Detention Defense")
    assert slug == "gulf-coast-detention-defense"
    assert Organisation.objects.get(slug=slug).name == "Gulf Coast Detention Defense"
    assert run("org", "create", "Gulf Coast Detention Defense") == f"{slug}-2"


def test_user_create_makes_a_member_with_the_role() -> None:
    slug = run("org", "create", "Gulf Coast")
    run(
        "user",
        "create",
        "Lawyer@Example.org",
        "--org",
        slug,
        "--role",
        "attorney",
        "--password",
        "a-long-enough-passphrase",
    )
    user = User.objects.get(email="lawyer@example.org")
    assert user.check_password("a-long-enough-passphrase")
    assert Membership.objects.get(user=user).role == "attorney"


def test_user_create_refuses_weak_password_and_unknown_org_with_exit_2() -> None:
    slug = run("org", "create", "Gulf Coast")
    with pytest.raises(CommandError) as weak:
        run(
            "user",
            "create",
            "a@example.org",
            "--org",
            slug,
            "--role",
            "attorney",
            "--password",
            "short",
        )
    assert weak.value.returncode == 2
    assert "password" in str(weak.value)
    with pytest.raises(CommandError) as unknown:
        run(
            "user",
            "create",
            "a@example.org",
            "--org",
            "nowhere",
            "--role",
            "attorney",
            "--password",
            "a-long-enough-passphrase",
        )
    assert unknown.value.returncode == 2
    assert not User.objects.filter(email="a@example.org").exists()


def test_token_create_prints_a_working_token_once_and_revoke_stops_it() -> None:
    slug = run("org", "create", "Gulf Coast")
    run(
        "user",
        "create",
        "p@example.org",
        "--org",
        slug,
        "--role",
        "paralegal",
        "--password",
        "a-long-enough-passphrase",
    )
    raw = run("token", "create", "p@example.org")
    token = ApiToken.objects.get()
    assert raw.startswith(token.prefix) and raw != token.key_digest
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/cases").status_code == 200
    run("token", "revoke", token.prefix)
    assert client.get("/api/v1/cases").status_code == 401


def test_token_create_for_unknown_user_exits_2() -> None:
    with pytest.raises(CommandError) as error:
        run("token", "create", "nobody@example.org")
    assert error.value.returncode == 2
