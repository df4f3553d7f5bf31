"""The `amparo` console script: Django's manage.py under the project's name. Messages meant for
people speak the language named by the `AMPARO_LANGUAGE` environment variable (`en`, `es` or
`ar`); without it, `LANGUAGE_CODE` (English). Machine output (JSON, CSV, ids) stays as it is."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    from amparo.core.cli import use_language

    use_language(os.environ.get("AMPARO_LANGUAGE", ""))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
