"""Shared pieces of the browser tests: Debian's Chromium through Playwright, axe-core (vendored
from its npm package under core/tests/vendor, never downloaded) and screenshots."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "core" / "tests" / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    if shutil.which(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    pytest.skip(f"{CHROMIUM} not installed; browser tests skipped")


def close_playwright_connections() -> None:
    """Close the database connections the test opened while Playwright's sync API ran.

    Its event loop gives the test body a context of its own, so Django's connections there are
    not the ones pytest-django closes: left open, they keep the PostgreSQL test database from
    being dropped at the end of the run ("being accessed by other users")."""
    from django.db import connections

    connections.close_all()


@contextmanager
def browser_context(width: int = 1280) -> Iterator[Any]:
    """A page in a fresh browser. The context bypasses the Content-Security-Policy only so
    that axe-core can be injected; the page's own scripts still run under it."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses ORM calls from async contexts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        # Generous: the page is waited for, never timed; a shared CI machine can be slow.
        context.set_default_timeout(int(os.environ.get("AMPARO_BROWSER_TIMEOUT_MS", "60000")))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield page
        except Exception:
            # What the page showed when the test failed, for whoever reads the failure.
            # Best effort: a screenshot that times out must not hide the failure itself.
            with contextlib.suppress(Exception):
                Path("/tmp/amparo-browser-failure.html").write_text(page.content())
                page.screenshot(path="/tmp/amparo-browser-failure.png", full_page=True)
            raise
        finally:
            close_playwright_connections()
            browser.close()
        assert not errors, f"script errors in the page: {errors}"


def axe_check(page: Any, name: str) -> None:
    """No critical or serious accessibility violation on the page as it stands."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map("
        "n => n.target.join(' '))})))"
    )
    bad = [v for v in result if v["impact"] in {"critical", "serious"}]
    assert not bad, f"accessibility violations on {name}: {bad}"


def screenshot(page: Any, name: str, enabled: bool, *, full_page: bool = False) -> None:
    """docs/screenshots/<name>-desktop.png (1280 wide) and <name>-phone.png (390 wide)."""
    if not enabled:
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SCREENSHOTS / f"{name}-desktop.png"), full_page=full_page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(150)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=full_page)
    wide = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(size)
    assert wide <= 392, f"{name}: the phone layout is {wide}px wide; something is off-screen"


def rows_the_migrations_load() -> None:
    """An earlier transactional test may have flushed what the migrations load (request types,
    policy regimes); a fresh installation has them, so load them again the same way."""
    import importlib

    from django.apps import apps

    for name in ("0002_default_request_types", "0004_request_type_release_and_overdue"):
        importlib.import_module(f"amparo.relief.migrations.{name}").load(apps, None)
    importlib.import_module("amparo.relief.migrations.0005_default_policy_regimes").load(apps, None)
