"""Production settings refuse to start without a secret key and allowed hosts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ENV"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "amparo.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "amparo.example.org"},
            "DJANGO_SECRET_KEY must be set",
        ),
        ({"DJANGO_ENV": "production", "DJANGO_SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set"),
        ({"DJANGO_ENV": "staging"}, "DJANGO_ENV must be"),
    ],
)
def test_misconfigured_environment_refuses_to_start(env: dict[str, str], message: str) -> None:
    result = _settings_import(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_key_and_hosts() -> None:
    result = _settings_import(
        {
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "amparo.example.org",
        }
    )
    assert result.returncode == 0, result.stderr
