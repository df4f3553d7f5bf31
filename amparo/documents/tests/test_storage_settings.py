"""Documents can live in any S3-compatible store, chosen by settings alone."""

from __future__ import annotations

import os
import subprocess
import sys


def test_s3_bucket_setting_selects_the_s3_storage_backend() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amparo.settings",
        "DJANGO_ENV": "test",
        "AMPARO_S3_BUCKET": "amparo-documents",
        "AMPARO_S3_ENDPOINT_URL": "http://127.0.0.1:9",
    }
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__module__, s.bucket_name, s.default_acl)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The S3 backend of django-storages, with staged uploads (documents.storage).
    assert result.stdout.split() == ["amparo.documents.storage_s3", "amparo-documents", "private"]
