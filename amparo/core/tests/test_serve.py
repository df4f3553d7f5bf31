"""`amparo serve` warms each worker before it takes requests."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# A fresh interpreter: in the test process the views and catalogues are long loaded.
_PROBE = """
import json, sys
import django
django.setup()
from django.utils.translation import trans_real as loaded
def seen():
    return {"views": "amparo.cases.views" in sys.modules, "languages": sorted(loaded._translations)}
before = seen()
from amparo.core.management.commands.serve import _warm_up
_warm_up()
print(json.dumps([before, seen()]))
"""


def test_a_new_worker_loads_the_views_and_every_language_before_its_first_request() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "amparo.settings", "DJANGO_ENV": "test"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before["views"] is False
    assert after["views"] is True
    assert {"es", "ar"} <= set(after["languages"]) - set(before["languages"])
