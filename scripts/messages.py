"""Translation catalogues: `update` gathers every marked string into amparo/locale/*/django.po
(Django's makemessages, which needs GNU gettext's xgettext); `compile` writes the .mo files with
polib, so serving translations needs no gettext tools.

    python scripts/messages.py update    # after marking new strings; then translate the new entries
    python scripts/messages.py compile   # after translating
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "amparo" / "locale"
LANGUAGES = ("es", "ar")
# Vendored and generated files hold no strings of Amparo's.
IGNORED = [
    "*/static/*",
    "*/tests/*",
    "*/migrations/*",
    ".venv",
    "var",
    "docs",
    "scripts",
    "node_modules",
    "build",
    # makemessages writes beside any folder named locale that it finds, whatever LOCALE_PATHS
    # says; skipped, every entry goes to `locale_dir` (a test updates a copy, not the tree).
    "amparo/locale",
]


def update(locale_dir: Path = LOCALE_DIR) -> None:
    import django
    from django.core.management import call_command
    from django.test.utils import override_settings

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    django.setup()
    previous = Path.cwd()
    # From the project root, which has no locale/ of its own: makemessages would otherwise also
    # write into a locale/ beside the working directory, whatever LOCALE_PATHS says.
    os.chdir(ROOT)
    try:
        with override_settings(LOCALE_PATHS=[locale_dir]):
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                ignore_patterns=IGNORED,
                no_obsolete=True,
                no_location=True,
                verbosity=0,
            )
    finally:
        os.chdir(previous)


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> None:
    import polib

    for language in LANGUAGES:
        po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        update()
        return 0
    if argv[1:] == ["compile"]:
        compile_catalogues()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
