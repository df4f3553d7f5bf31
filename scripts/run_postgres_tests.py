"""Second pass of `make test`: the whole suite on PostgreSQL.

    python scripts/run_postgres_tests.py [PYTEST_ARGS...]   # e.g. amparo/relief -x

TEST_POSTGRES_URL chooses the server (default: the local one). Without a reachable server the
pass is skipped with a loud notice, unless REQUIRE_POSTGRES=1, which makes it mandatory (CI).
"""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def main() -> int:
    url = os.environ.get("TEST_POSTGRES_URL") or DEFAULT_URL
    required = os.environ.get("REQUIRE_POSTGRES") == "1"
    try:
        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), connect_timeout=5):
            pass
    except psycopg.Error as exc:
        banner = "=" * 72
        print(f"\n{banner}\nPostgreSQL is not reachable at {url}: {exc}".rstrip())
        if required:
            print(f"REQUIRE_POSTGRES=1: failing.\n{banner}")
            return 1
        print(f"SKIPPING the PostgreSQL pass. Set TEST_POSTGRES_URL to run it.\n{banner}\n")
        return 0
    env = {**os.environ, "DJANGO_ENV": "test", "DATABASE_URL": url}
    print(f"Running the suite on PostgreSQL ({url.rsplit('@', 1)[-1]})")
    pytest = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *sys.argv[1:]]
    return subprocess.call(pytest, env=env)


if __name__ == "__main__":
    sys.exit(main())
