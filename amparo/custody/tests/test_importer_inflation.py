"""A workbook that inflates past the cap is refused before it is read (a 1.5 MB xlsx that
inflated to 400 MB used to be read whole: 2 min 42 s and 1.2 GB). Written against the importer's
public function with the shipped cap, so it runs unchanged on the code before the cap."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from amparo.custody.importer import FacilityImportError, facilities_import

pytestmark = pytest.mark.django_db

INFLATED_BYTES = 201 * 2**20  # past the shipped 200 MB cap


def test_a_workbook_inflating_past_the_shipped_cap_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.xlsx"
    chunk = b" " * 2**20
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(INFLATED_BYTES // len(chunk)):
            member.write(chunk)
    assert path.stat().st_size < 2 * 2**20  # small on disk
    opened: list[object] = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a))
    with pytest.raises(FacilityImportError):
        facilities_import(path=path)
    assert opened == []
