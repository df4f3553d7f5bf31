"""Running Amparo's command line in a separate process against another database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

AMPARO = Path(sys.executable).with_name("amparo")


def database_url(name: str) -> str:
    """A URL for database `name` on the server the tests use (a file path for SQLite)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{name}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    user = f"{db.get('USER') or 'postgres'}{password}@"
    return f"postgresql://{user}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{name}"


def amparo(
    *args: str, url: str, media: Path, check: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "AMPARO_VAR_DIR": str(media.parent),
    }
    done = subprocess.run(
        [str(AMPARO), *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if check and done.returncode != 0:
        raise AssertionError(f"amparo {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done
